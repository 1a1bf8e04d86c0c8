/**
 * The subject's track: what each decision, event, extension and passing deadline does to the state, in
 * the order of the procedure (severity assessment, investigation, case to answer, proceedings, outcome,
 * appeal, close). The workflow (officer-proceedings.workflow.ts) runs these as its update handlers and on
 * its timer, after the checks in checks.ts; the calendar and the database are reached through `ports`
 * (local activities there), so nothing here starts a timer or an activity of its own.
 *
 * Where each rule lives:
 * - decisions.ts: the appropriate authority's decisions (severity, case to answer, withdrawal, outcome, appeal);
 * - events.ts: the events case officers and investigators record (notices, interview, suspension, proceedings…);
 * - leaving-service.ts: a resignation or retirement (the advisory list; whether the case goes on);
 * - outcome.ts and appeal.ts: the outcome notified (warning, appeal window) and what follows one changed on appeal;
 * - list-report-steps.ts: the reports to the College of Policing, each a step (list-reports.ts: what they carry);
 * - extensions.ts: a deadline extended;
 * - timers.ts: reminders, escalations and windows closing;
 * - deadlines.ts: deadlines counted and settled, judged by when their steps happened (deadlines/judgement.ts);
 * - closing.ts: the track closed, and what outlasts it;
 * - context.ts: what they share (the state, the ports, the command in hand, its audit lines, messages and commit).
 */
import { TrackContext, type RuleRef, type TrackPorts } from './context';
import { decide } from './decisions';
import { recordSubjectEvent } from './events';
import { extend } from './extensions';
import { fireTimers, fireTimersAsOf } from './timers';
import type { AuditRecord, DecisionCommand, EventCommand, ExtensionCommand, SubjectInput, SubjectState, SubjectView } from '../types';

export type { TrackPorts } from './context';
export { APPEAL_LIST_REPORTS_FOLLOW_OUTCOME, APPEAL_WARNING_FOLLOWS_OUTCOME } from './appeal';
export { OFFICER_PERIODS_CLOSE_QUIETLY } from './timers';
export { FORMER_OFFICERS_ACCELERATED_HEARING } from './decisions';

export type SubjectTrack = ReturnType<typeof subjectTrack>;

export function subjectTrack(input: SubjectInput, workflowId: string, s: SubjectState, ports: TrackPorts) {
  const ctx = new TrackContext(input, workflowId, s, ports);
  return {
    decide: (cmd: DecisionCommand): Promise<SubjectView> => decide(ctx, cmd),
    recordSubjectEvent: (cmd: EventCommand): Promise<SubjectView> => recordSubjectEvent(ctx, cmd),
    extend: (cmd: ExtensionCommand): Promise<SubjectView> => extend(ctx, cmd),
    fireTimers: (): Promise<void> => fireTimers(ctx),
    fireTimersAsOf: (at: number): Promise<void> => fireTimersAsOf(ctx, at),
    audit: (action: string, ruleRef: RuleRef, details: Record<string, unknown>): AuditRecord => ctx.audit(action, ruleRef, details),
    view: (): SubjectView => ctx.view(),
  };
}
