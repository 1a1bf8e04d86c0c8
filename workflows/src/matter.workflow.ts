/**
 * A matter (complaint, recordable conduct matter, conduct matter or DSI matter) from referral to close.
 * It owns what belongs to the matter as a whole: the IOPC referral and the mode of investigation, the
 * timeliness reports, the complainant's updates; each subject's track is a workflow of its own, which the matter starts.
 * The shell: the state carried across continue-as-new, the update handlers (each checked by matter/checks.ts,
 * then applied by matter/duties.ts, one at a time), the subjects' tracks and their news, the loop that wakes
 * for the matter's deadlines, and continue-as-new. What each step does is in matter/duties.ts.
 */
import { allHandlersFinished, condition, continueAsNew, currentUpdateInfo, patched, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { regimeFor, ruleSetFor } from '@conduct/domain';
import { RECORD_CHANGE_OPTIONS, type CalendarActivities, type ProceedingsActivities, type SubjectTrackActivities } from './activities';
import * as book from './deadline-book';
import { WakeTimer } from './wake-timer';
import { HISTORY_LIMIT } from './limits';
import { extendMatterDeadline, matterState, recordMatterDecision, recordMatterEvent, referralRecorded, subjectClosed } from './messages';
import { Serial } from './serial';
import { guardedHandler, snapshotOf } from './handler-guard';
import { ALLEGATIONS_RECORDED_AT_REFERRAL, RULE_SET_RECORDED_AT_REFERRAL, matterDuties } from './matter/duties';
import { newMatterState } from './matter/state';
import { DECISION_RATIONALE_REQUIRED } from './refusal';
import type { MatterInput, MatterState, MatterView } from './types';

export { VOLUNTARY_IOPC_REFERRAL, INVESTIGATION_COMPLETED_ENDS_TIMELINESS, COMPLAINANT_OUTCOME_ENDS_UPDATES, MATTER_CLOSES_ON_ITS_TRACKS_DAY, RULE_SET_RECORDED_AT_REFERRAL, ALLEGATIONS_RECORDED_AT_REFERRAL, ALLEGATION_ADDED, TIMELINESS_STARTS_WHEN_COMPLAINT_MADE, TIMELINESS_REPORT_WITHHELD_FOR_PREJUDICE, TIMELINESS_REPORTS_RECORDED } from './matter/duties';

const { recordMatterChange } = proxyLocalActivities<ProceedingsActivities>(RECORD_CHANGE_OPTIONS);
const { computeDeadlines } = proxyLocalActivities<CalendarActivities>({ startToCloseTimeout: '10 seconds' });
const { startSubjectTracks } = proxyLocalActivities<SubjectTrackActivities>(RECORD_CHANGE_OPTIONS);

export async function matter(input: MatterInput): Promise<MatterView> {
  const { referral } = input;
  const workflowId = workflowInfo().workflowId;
  const regime = regimeFor(referral.kind);
  // The rule set a matter is under is decided once, at referral, and kept (a matter referred before the patch has none).
  const s: MatterState = input.state ?? {
    ...newMatterState(referral),
    ...(patched(RULE_SET_RECORDED_AT_REFERRAL) ? { ruleSet: ruleSetFor(referral.receivedOn) } : {}),
    // Decided once, at the start, and kept: a matter started before the patch takes decisions as it did.
    ...(patched(DECISION_RATIONALE_REQUIRED) ? { decisionRationaleRequired: true } : {}),
    // The referral's allegations are held, shown and projected from the patch on; a matter referred before holds none.
    ...(patched(ALLEGATIONS_RECORDED_AT_REFERRAL) ? { allegations: referral.allegations ?? [] } : {}),
  };
  const duties = matterDuties(input, workflowId, s, { computeDeadlines, recordChange: recordMatterChange, updateId: () => currentUpdateInfo()?.id, patched });
  const { checkDecision, checkEvent, checkExtension, decide, recordEvent, extend, fireTimers, closeMatter, allSubjectsClosed, allSubjectsFinished, view } = duties;
  const serial = new Serial();
  /** A subject's news arrived: the loop looks again. */
  let changed = false;
  let recorded = !!input.state;

  setHandler(matterState, () => view());
  setHandler(referralRecorded, async () => {
    await condition(() => recorded);
    return view();
  });
  setHandler(subjectClosed, ({ subjectId, outcome, closedBecause, closedOn, finished }) => {
    const subject = s.subjects[subjectId];
    if (!subject) return;
    if (finished) subject.finished = true;
    if (subject.closed) {
      changed = true;
      return;
    }
    subject.closed = true;
    subject.outcome = (outcome ?? undefined) as MatterState['subjects'][string]['outcome'];
    subject.closedBecause = closedBecause ?? undefined;
    if (closedOn) subject.closedOn = closedOn;
    changed = true;
  });
  // Checked when accepted and again when applied; answered or refused, never failing the workflow task (handler-guard).
  const keepState = () => snapshotOf(s);
  setHandler(recordMatterDecision, (cmd) => serial.run(() => guardedHandler(() => checkDecision(cmd), keepState, () => decide(cmd))), { validator: checkDecision });
  setHandler(recordMatterEvent, (cmd) => serial.run(() => guardedHandler(() => checkEvent(cmd), keepState, () => recordEvent(cmd))), { validator: checkEvent });
  setHandler(extendMatterDeadline, (cmd) => serial.run(() => guardedHandler(() => checkExtension(cmd), keepState, () => extend(cmd))), { validator: checkExtension });

  // ---- Referral: record it, set the matter's own deadlines, start one track per subject ------------
  if (!input.state) {
    await duties.refer();
    // Brought in by an import: the matter's own steps already taken, applied in one change; nothing is sent for the past.
    if (input.imported) await duties.applyImport(input.imported);
    recorded = true;
  }
  if (!s.subjectsStarted) {
    // Tracks outlive a continue-as-new of their matter; each is started once (its id is the subject's).
    await startSubjectTracks(
      referral.subjects.map((subject) => ({
        workflowId: s.subjects[subject.subjectId].workflowId,
        taskQueue: workflowInfo().taskQueue,
        input: {
          matterReference: referral.reference,
          matterWorkflowId: workflowId,
          matterKind: referral.kind,
          regime,
          forceId: referral.forceId,
          receivedOn: referral.receivedOn,
          ...(s.ruleSet ? { ruleSet: s.ruleSet } : {}),
          subject,
          historyLimit: input.historyLimit,
          ...(input.imported ? { imported: { importedAt: input.imported.importedAt, steps: input.imported.subjectSteps[subject.subjectId] ?? [] } } : {}),
        },
      })),
    );
    s.subjectsStarted = true;
  }

  // ---- Until every subject's track is closed: timers for the matter's own deadlines -------------
  // The matter closes when every track is closed; its workflow ends only when every subject's workflow
  // has finished too (a live warning keeps a track's workflow running), so no subject outlives it.
  // One timer, for the earliest instant, re-armed only when a step moves it; a subject's news wakes the loop
  // without touching it.
  const wakeTimer = new WakeTimer();
  while (!allSubjectsFinished() || book.openDeadlines(s.deadlines).length > 0) {
    const wake = book.nextWake(s.deadlines);
    const stirred = () => changed || book.nextWake(s.deadlines) !== wake || historyTooLong();
    await wakeTimer.until(wake, stirred);
    changed = false;
    await serial.run(fireTimers);
    if (allSubjectsClosed() && s.stage !== 'closed') await serial.run(closeMatter);
    if (historyTooLong()) {
      await condition(allHandlersFinished);
      s.deadlines = book.compact(s.deadlines);
      s.appliedCommands = s.appliedCommands.slice(-50);
      await continueAsNew<typeof matter>({ ...input, state: s, ...(input.imported ? { imported: { ...input.imported, steps: [], subjectSteps: {} } } : {}) });
    }
  }
  if (s.stage !== 'closed') await serial.run(closeMatter);
  await condition(allHandlersFinished);
  return view();

  function historyTooLong(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT);
  }
}
