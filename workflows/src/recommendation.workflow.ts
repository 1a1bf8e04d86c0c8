/**
 * An IOPC learning recommendation (Sch3 paras 28A/28B): the recipient responds in writing within
 * 56 days (extendable on application), then the Director General publishes within 21 days.
 */
import { allHandlersFinished, condition, continueAsNew, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { londonDateOf } from '@conduct/domain';
import { RECORD_CHANGE_OPTIONS, type CalendarActivities, type ProceedingsActivities } from './activities';
import * as book from './deadline-book';
import { WakeTimer } from './wake-timer';
import { checkOccurredAt, refuse } from './refusal';
import { Serial } from './serial';
import { guardedHandler, guardedValidator } from './handler-guard';
import * as ledger from './ledger';
import { HISTORY_LIMIT, TIMER_SLACK_MS } from './limits';
import { extendRecommendationDeadline, recommendationState, recordRecommendationPublished, recordRecommendationResponse } from './messages';
import type { CommandBase, Deadline, ExtensionCommand, OutboxRecord, RecommendationInput, RecommendationState, RecommendationView } from './types';

const { recordRecommendationChange } = proxyLocalActivities<ProceedingsActivities>(RECORD_CHANGE_OPTIONS);
const { computeDeadlines } = proxyLocalActivities<CalendarActivities>({ startToCloseTimeout: '10 seconds' });

export async function recommendation(input: RecommendationInput): Promise<RecommendationView> {
  const workflowId = workflowInfo().workflowId;
  /** The recommendation's lines and messages (ledger.ts): about its matter, no subject. */
  const ledgerOf: ledger.Ledger = { workflowId, matterReference: input.matterReference, subjectId: null };
  const serial = new Serial();
  const carried: RecommendationState = input.state ?? { stage: 'awaiting-response', response: null, publishedOn: null, deadlines: [], revision: 0 };
  let { stage, response, publishedOn, deadlines, revision } = carried;
  const appliedCommands = carried.appliedCommands ?? [];

  setHandler(recommendationState, view);
  // Checked when accepted and again when applied; answered or refused, never failing the workflow task (handler-guard).
  const keepState = () => {
    const saved = JSON.stringify({ stage, response, publishedOn, deadlines, revision });
    return () => {
      ({ stage, response, publishedOn, deadlines, revision } = JSON.parse(saved));
    };
  };
  const checkResponse = guardedValidator((cmd: CommandBase & { accepted: boolean; summary: string }) => {
    validate(cmd);
    if (alreadyApplied(cmd)) return;
    if (stage !== 'awaiting-response') refuse({ rule: 'recommendation-response-once', regulation: 'Sch3 para 28B', reason: 'the response has already been recorded' });
    if (typeof cmd.accepted !== 'boolean') refuse({ rule: 'recommendation-response-accepted', regulation: 'Sch3 para 28B', reason: 'accepted must be true or false' });
  });
  const checkPublication = guardedValidator((cmd: CommandBase) => {
    validate(cmd);
    if (alreadyApplied(cmd)) return;
    if (stage !== 'awaiting-publication') refuse({ rule: 'publication-after-response', regulation: 'Sch3 para 28B', reason: 'the response must be recorded before publication' });
  });
  const checkExtension = guardedValidator((cmd: ExtensionCommand) => {
    validate(cmd);
    if (alreadyApplied(cmd)) return;
    book.extendable(deadlines, cmd, 'recommendation');
  });
  setHandler(
    recordRecommendationResponse,
    (cmd) =>
      serial.run(() =>
        guardedHandler(() => checkResponse(cmd), keepState, async () => {
          if (alreadyApplied(cmd)) return view();
          const on = londonDateOf(cmd.occurredAt);
          response = { accepted: cmd.accepted, respondedOn: on };
          book.close(deadlines, 'response', 'met');
          for (const d of deadlines) if (d.key === 'response' && d.status === 'missed') d.status = 'met';
          stage = 'awaiting-publication';
          deadlines.push(...(await computeDeadlines([{ key: 'publication', ruleId: 'recommendationPublication', trigger: on }])));
          await record(cmd, 'recommendation-response', { accepted: cmd.accepted, summary: cmd.summary });
          return view();
        }),
      ),
    { validator: checkResponse },
  );
  setHandler(
    recordRecommendationPublished,
    (cmd) =>
      serial.run(() =>
        guardedHandler(() => checkPublication(cmd), keepState, async () => {
          if (alreadyApplied(cmd)) return view();
          publishedOn = londonDateOf(cmd.occurredAt);
          book.close(deadlines, 'publication', 'met');
          stage = 'published';
          await record(cmd, 'recommendation-published', {});
          return view();
        }),
      ),
    { validator: checkPublication },
  );
  setHandler(
    extendRecommendationDeadline,
    (cmd) =>
      serial.run(() =>
        guardedHandler(() => checkExtension(cmd), keepState, async () => {
          if (alreadyApplied(cmd)) return view();
          const d = book.extendable(deadlines, cmd, 'recommendation');
          book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
          await record(cmd, 'deadline-extended', { key: cmd.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy });
          return view();
        }),
      ),
    { validator: checkExtension },
  );

  if (!input.state) {
    deadlines = await computeDeadlines([{ key: 'response', ruleId: 'recommendationResponse', trigger: input.madeOn }]);
    await record({ actor: input.madeBy, occurredAt: `${input.madeOn}T12:00:00.000Z` }, 'recommendation-made', { recipient: input.recipient });
  }

  // One timer, for the earliest instant, re-armed only when a step moves it.
  const wakeTimer = new WakeTimer();
  while (stage !== 'published') {
    const wake = book.nextWake(deadlines);
    const stirred = () => stage === 'published' || book.nextWake(deadlines) !== wake || historyTooLong();
    await wakeTimer.until(wake, stirred);
    await serial.run(async () => {
      const outbox: OutboxRecord[] = [];
      for (const d of book.openDeadlines(deadlines)) {
        if (d.remindAt && !d.reminded && Date.parse(d.remindAt) <= Date.now() + TIMER_SLACK_MS) {
          d.reminded = true;
          outbox.push(message(`reminder:${d.key}`, d.key === 'response' ? input.recipient : 'iopc', d));
        }
        if (Date.parse(d.dueAt) <= Date.now() + TIMER_SLACK_MS) {
          d.status = 'missed';
          outbox.push(message(`escalation:${d.key}`, d.key === 'response' ? 'appropriate-authority' : 'iopc', d));
        }
      }
      if (outbox.length) await record({ actor: { id: 'system', role: 'administrator' }, occurredAt: new Date(Date.now()).toISOString() }, 'deadline-timer', {}, outbox, true);
    });
    if (!published() && historyTooLong()) {
      await condition(allHandlersFinished);
      const state: RecommendationState = { stage, response, publishedOn, deadlines: book.compact(deadlines), revision, appliedCommands: appliedCommands.slice(-50) };
      await continueAsNew<typeof recommendation>({ ...input, state });
    }
  }
  await condition(allHandlersFinished);
  return view();

  function published(): boolean {
    return stage === 'published';
  }

  function historyTooLong(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT);
  }

  /** A command sent again with the Idempotency-Key of one applied: answered with the view, applied once. */
  function alreadyApplied(cmd: CommandBase): boolean {
    return !!cmd?.commandId && appliedCommands.includes(cmd.commandId);
  }

  function validate(cmd: CommandBase): void {
    if (!cmd?.actor?.id || !cmd.actor.role) refuse({ rule: 'actor-required', regulation: null, reason: 'the command must say who made it' });
    checkOccurredAt(cmd.occurredAt, `${input.madeOn}T00:00:00.000Z`, Date.now());
  }

  function message(purpose: string, recipient: string, d: Deadline): OutboxRecord {
    return ledger.outboxMessage(ledgerOf, `${input.reference}:recommendation`, `${purpose}:${d.dueDate}`, recipient, { recommendation: input.reference, deadline: d.name, dueDate: d.dueDate, regulation: d.regulation });
  }

  async function record(cmd: CommandBase, action: string, details: Record<string, unknown>, outbox: OutboxRecord[] = [], system = false): Promise<void> {
    revision += 1;
    const line = ledger.auditLine(ledgerOf, action, system ? { id: 'system', role: 'system' } : cmd.actor, cmd.occurredAt, {
      idempotencyKey: ledger.revisionKey(ledgerOf, action, revision),
      rule: 'iopc-recommendation',
      regulation: 'Sch3 paras 28A/28B',
      details: { recommendation: input.reference, ...details },
    });
    await recordRecommendationChange({ reference: input.reference, matterReference: input.matterReference, stage, deadlines, revision, audit: [line], outbox });
    if (cmd.commandId) appliedCommands.push(cmd.commandId);
  }

  function view(): RecommendationView {
    return { reference: input.reference, matterReference: input.matterReference, forceId: input.forceId, stage, response, publishedOn, deadlines };
  }
}
