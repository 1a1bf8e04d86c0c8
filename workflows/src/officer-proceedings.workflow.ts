/**
 * One subject's track through the proceedings: severity assessment, investigation, case to answer,
 * a misconduct meeting, misconduct hearing or accelerated hearing, outcome, appeal, close.
 * The shell: the state carried across continue-as-new, the update handlers (each checked by
 * subject/checks.ts, then applied by subject/track.ts, one at a time), the loop that wakes for
 * deadlines, the news to the matter, and continue-as-new. What each step does, in the procedure's
 * order, is in subject/decisions.ts, events.ts and timers.ts (track.ts lists the rest); the rules
 * themselves live in @conduct/domain.
 */
import { allHandlersFinished, condition, continueAsNew, currentUpdateInfo, patched, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { startOfLondonDay } from '@conduct/domain';
import { RECORD_CHANGE_OPTIONS, type CalendarActivities, type ProceedingsActivities, type SubjectTrackActivities } from './activities';
import * as book from './deadline-book';
import { startedSubjectState } from './subject/state';
import { vettingOpen } from './subject/vetting';
import { WakeTimer } from './wake-timer';
import { recordDecision, recordEvent, extendDeadline, subjectState } from './messages';
import { Serial } from './serial';
import { guardedHandler, guardedValidator, snapshotOf } from './handler-guard';
import { HISTORY_LIMIT } from './limits';
import * as checks from './subject/checks';
import { subjectTrack } from './subject/track';
import { applyImportedSteps } from './subject/import';
import { subjectSnapshot } from './subject/view';
import type { AuditRecord, DecisionCommand, EventCommand, ExtensionCommand, OutboxRecord, SubjectInput, SubjectState, SubjectView } from './types';

const { recordSubjectChange } = proxyLocalActivities<ProceedingsActivities>(RECORD_CHANGE_OPTIONS);
const { computeDeadlines } = proxyLocalActivities<CalendarActivities>({ startToCloseTimeout: '10 seconds' });
const { tellMatter: tellMatterActivity } = proxyLocalActivities<SubjectTrackActivities>(RECORD_CHANGE_OPTIONS);

export async function officerProceedings(input: SubjectInput): Promise<SubjectView> {
  const { subject } = input;
  const workflowId = workflowInfo().workflowId;
  // Whether decisions must carry their rationale, and whether a referral to reflective practice is tracked, are decided at the start and kept.
  const s: SubjectState = input.state ?? startedSubjectState(subject.finalWrittenWarningLive ?? false, patched);
  const track = subjectTrack(input, workflowId, s, { computeDeadlines, record, updateId: () => currentUpdateInfo()?.id, patched });
  const { decide, recordSubjectEvent, extend, fireTimers, audit, view } = track;
  const serial = new Serial();
  let parentTold = s.stage === 'closed';

  // ---- Queries and messages -------------------------------------------------------------------
  setHandler(subjectState, () => view());
  // Each update is checked by its validator when accepted, and again when its turn comes to be applied
  // (an update accepted at the same moment may have changed the state); it is answered or refused,
  // never left to fail the workflow task (see handler-guard).
  const checkDecisionCommand = guardedValidator((cmd: DecisionCommand) => checks.checkDecisionCommand(s, input, cmd, Date.now()));
  const checkEventCommand = guardedValidator((cmd: EventCommand) => checks.checkEventCommand(s, input, cmd, Date.now()));
  const checkExtensionCommand = guardedValidator((cmd: ExtensionCommand) => checks.checkExtensionCommand(s, cmd, Date.now()));
  const keepState = () => snapshotOf(s);
  setHandler(recordDecision, (cmd) => serial.run(() => guardedHandler(() => checkDecisionCommand(cmd), keepState, () => decide(cmd))), { validator: checkDecisionCommand });
  setHandler(recordEvent, (cmd) => serial.run(() => guardedHandler(() => checkEventCommand(cmd), keepState, () => recordSubjectEvent(cmd))), { validator: checkEventCommand });
  setHandler(extendDeadline, (cmd) => serial.run(() => guardedHandler(() => checkExtensionCommand(cmd), keepState, () => extend(cmd))), { validator: checkExtensionCommand });

  if (!input.state) {
    // The subject's track began when the matter reached the appropriate authority.
    await record([{ ...audit('subject-referred', { rule: null, regulation: null }, { kind: subject.kind, rank: subject.rank ?? null }), occurredAt: startOfLondonDay(input.receivedOn) }]);
    // Brought in by an import: the steps already taken, applied in one change; nothing is sent for the past.
    if (input.imported) await importSteps();
  }

  // ---- Main loop: wake for reminders, missed deadlines and expiring warnings --------------------
  // One timer, for the earliest instant; it is re-armed only when a step moves that instant, so a step
  // that leaves it alone adds no timer events to the history.
  const wakeTimer = new WakeTimer();
  // A closed track runs on while it has deadlines open, or while a vetting route awaits a step with no deadline (its decision, an appeal's determination).
  while (!(s.stage === 'closed' && book.openDeadlines(s.deadlines).length === 0 && !vettingOpen(s))) {
    const wake = book.nextWake(s.deadlines);
    const awaiting = vettingOpen(s);
    const stirred = () => book.nextWake(s.deadlines) !== wake || (s.stage === 'closed' && !parentTold) || vettingOpen(s) !== awaiting || historyTooLong();
    await wakeTimer.until(wake, stirred);
    await serial.run(fireTimers);
    await tellMatterIfClosed();
    if (historyTooLong()) {
      await condition(allHandlersFinished);
      s.deadlines = book.compact(s.deadlines);
      s.appliedCommands = s.appliedCommands.slice(-50);
      await continueAsNew<typeof officerProceedings>({ ...input, state: s, ...(input.imported ? { imported: { importedAt: input.imported.importedAt, steps: [] } } : {}) });
    }
  }
  await condition(allHandlersFinished);
  await tellMatterIfClosed();
  await tellMatter(true);
  return view();

  function historyTooLong(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT);
  }

  async function tellMatterIfClosed(): Promise<void> {
    if (s.stage !== 'closed' || parentTold) return;
    parentTold = true;
    await tellMatter(false);
  }

  async function tellMatter(finished: boolean): Promise<void> {
    await tellMatterActivity({ matterWorkflowId: input.matterWorkflowId, subjectId: subject.subjectId, outcome: s.outcome ?? null, closedBecause: s.closedBecause ?? null, closedOn: s.closedOn ?? null, finished });
  }

  async function importSteps(): Promise<void> {
    const imported = await applyImportedSteps(input, workflowId, s, { computeDeadlines, patched }, Date.now());
    const withheld = imported.withheld.map((m) => ({
      ...audit(`imported-message-not-sent:${m.purpose}`, { rule: null, regulation: null }, { purpose: m.purpose, recipient: m.recipient }),
      idempotencyKey: `${workflowId}:imported-message-not-sent:${m.idempotencyKey}`,
    }));
    // The API checked every step before starting the import; one refused here (the rules changed in between) stops it, and says so.
    const refused = imported.refused ? [audit('import-step-refused', { rule: imported.refused.rule, regulation: imported.refused.regulation }, { step: imported.refused.index + 1, reason: imported.refused.reason })] : [];
    await record([...imported.lines, ...withheld, ...refused], imported.send);
  }

  async function record(lines: AuditRecord[], outbox: OutboxRecord[] = []): Promise<void> {
    s.revision += 1;
    await recordSubjectChange({
      snapshot: subjectSnapshot(input, workflowId, s),
      audit: lines,
      outbox,
    });
  }
}
