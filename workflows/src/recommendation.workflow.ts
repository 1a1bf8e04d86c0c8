/**
 * An IOPC learning recommendation (Sch3 paras 28A/28B): the recipient responds in writing within
 * 56 days (extendable on application), then the Director General publishes within 21 days.
 */
import { allHandlersFinished, condition, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { londonDateOf } from '@conduct/domain';
import { RECORD_CHANGE_OPTIONS, type CalendarActivities, type ProceedingsActivities } from './activities';
import * as book from './deadline-book';
import { WakeTimer } from './wake-timer';
import { checkOccurredAt, refuse } from './refusal';
import { Serial } from './serial';
import { guardedHandler, guardedValidator } from './handler-guard';
import { TIMER_SLACK_MS } from './limits';
import { extendRecommendationDeadline, recommendationState, recordRecommendationPublished, recordRecommendationResponse } from './messages';
import type { AuditRecord, CommandBase, Deadline, ExtensionCommand, OutboxRecord, RecommendationInput, RecommendationStage, RecommendationView } from './types';

const { recordRecommendationChange } = proxyLocalActivities<ProceedingsActivities>(RECORD_CHANGE_OPTIONS);
const { computeDeadlines } = proxyLocalActivities<CalendarActivities>({ startToCloseTimeout: '10 seconds' });

export async function recommendation(input: RecommendationInput): Promise<RecommendationView> {
  const workflowId = workflowInfo().workflowId;
  const serial = new Serial();
  let stage = 'awaiting-response' as RecommendationStage;
  let response: RecommendationView['response'] = null;
  let publishedOn: string | null = null;
  let deadlines: Deadline[] = [];
  let revision = 0;

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
    if (stage !== 'awaiting-response') refuse({ rule: 'recommendation-response-once', regulation: 'Sch3 para 28B', reason: 'the response has already been recorded' });
    if (typeof cmd.accepted !== 'boolean') refuse({ rule: 'recommendation-response-accepted', regulation: 'Sch3 para 28B', reason: 'accepted must be true or false' });
  });
  const checkPublication = guardedValidator((cmd: CommandBase) => {
    validate(cmd);
    if (stage !== 'awaiting-publication') refuse({ rule: 'publication-after-response', regulation: 'Sch3 para 28B', reason: 'the response must be recorded before publication' });
  });
  const checkExtension = guardedValidator((cmd: ExtensionCommand) => {
    validate(cmd);
    book.extendable(deadlines, cmd, 'recommendation');
  });
  setHandler(
    recordRecommendationResponse,
    (cmd) =>
      serial.run(() =>
        guardedHandler(() => checkResponse(cmd), keepState, async () => {
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
          const d = book.extendable(deadlines, cmd, 'recommendation');
          book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
          await record(cmd, 'deadline-extended', { key: cmd.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy });
          return view();
        }),
      ),
    { validator: checkExtension },
  );

  deadlines = await computeDeadlines([{ key: 'response', ruleId: 'recommendationResponse', trigger: input.madeOn }]);
  await record({ actor: input.madeBy, occurredAt: `${input.madeOn}T12:00:00.000Z` }, 'recommendation-made', { recipient: input.recipient });

  // One timer, for the earliest instant, re-armed only when a step moves it.
  const wakeTimer = new WakeTimer();
  while (stage !== 'published') {
    const wake = book.nextWake(deadlines);
    const stirred = () => stage === 'published' || book.nextWake(deadlines) !== wake;
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
  }
  await condition(allHandlersFinished);
  return view();

  function validate(cmd: CommandBase): void {
    if (!cmd?.actor?.id || !cmd.actor.role) refuse({ rule: 'actor-required', regulation: null, reason: 'the command must say who made it' });
    checkOccurredAt(cmd.occurredAt, `${input.madeOn}T00:00:00.000Z`, Date.now());
  }

  function message(purpose: string, recipient: string, d: Deadline): OutboxRecord {
    return { idempotencyKey: `${input.reference}:recommendation:${purpose}:${d.dueDate}`, matterReference: input.matterReference, subjectId: null, purpose: purpose.split(':')[0], recipient, payload: { recommendation: input.reference, deadline: d.name, dueDate: d.dueDate, regulation: d.regulation } };
  }

  async function record(cmd: CommandBase, action: string, details: Record<string, unknown>, outbox: OutboxRecord[] = [], system = false): Promise<void> {
    revision += 1;
    const line: AuditRecord = {
      idempotencyKey: `${workflowId}:${action}:${revision}`,
      matterReference: input.matterReference,
      subjectId: null,
      actor: system ? 'system' : cmd.actor.id,
      actorRole: system ? 'system' : cmd.actor.role,
      action,
      rule: 'iopc-recommendation',
      regulation: 'Sch3 paras 28A/28B',
      occurredAt: cmd.occurredAt,
      details: { recommendation: input.reference, ...details },
    };
    await recordRecommendationChange({ reference: input.reference, matterReference: input.matterReference, stage, deadlines, revision, audit: [line], outbox });
  }

  function view(): RecommendationView {
    return { reference: input.reference, matterReference: input.matterReference, forceId: input.forceId, stage, response, publishedOn, deadlines };
  }
}
