/**
 * An outcome changed on appeal: the warning and the reports to the College of Policing follow the new outcome.
 * The appeal's determination itself is a decision (decisions.ts), which takes these steps.
 */
import { DEADLINE_RULES, listReportsAfterAppeal, warningAfterAppeal, type IsoDate, type Outcome } from '@conduct/domain';
import * as book from '../deadline-book';
import type { FollowingStep, TrackContext } from './context';
import { addDeadlines } from './deadlines';
import { queueListReport, reportToBarredList } from './list-report-steps';
import * as lists from './list-reports';
import { addWarningExpiry } from './outcome';
import type { OutboxRecord } from '../types';

/**
 * From these patches on, an outcome changed on appeal carries what follows from it: a warning quashed is no longer in
 * force (its period recounted when another warning is substituted), and a dismissal overturned or substituted is
 * reported to the College of Policing. A track whose history determined an appeal before them still replays.
 */
export const APPEAL_WARNING_FOLLOWS_OUTCOME = 'appeal-warning-follows-outcome';
export const APPEAL_LIST_REPORTS_FOLLOW_OUTCOME = 'appeal-list-reports-follow-outcome';

/** A warning quashed on appeal is no longer in force; a warning substituted runs from the original notification (warningAfterAppeal). */
export function warningFollowsAppeal(ctx: TrackContext, outcome: Outcome, follows: FollowingStep[]): void {
  const { s } = ctx;
  const was = s.warningLiveUntil ?? null;
  const next = s.outcomeNotifiedOn ? warningAfterAppeal(outcome, s.outcomeNotifiedOn) : null;
  s.warningMonths = undefined;
  if (next) {
    s.warningLiveUntil = next.liveUntil;
    s.warningExpired = false;
    addWarningExpiry(ctx, next.ruleId, s.outcomeNotifiedOn!, next.liveUntil);
    follows.push({ action: 'warning-period-recounted', rule: next.ruleId, regulation: DEADLINE_RULES[next.ruleId].regulation, details: { outcome, notifiedOn: s.outcomeNotifiedOn, liveUntil: next.liveUntil, was } });
  } else if (was) {
    s.warningLiveUntil = undefined;
    book.close(s.deadlines, 'warning-live', 'cancelled');
    follows.push({ action: 'warning-quashed', rule: 'warning-follows-appeal', regulation: 'CR reg 42 / reg 47', details: { outcome, was } });
  }
}

/**
 * A dismissal overturned on appeal: the barred-list report still owed is no longer owed, and a further report removes the
 * entry (reg 5). A dismissal substituted on appeal is reported to the barred list as any dismissal is (reg 3).
 */
export async function listReportsFollowAppeal(
  ctx: TrackContext,
  decided: lists.OutcomeDecision,
  before: Outcome,
  on: IsoDate,
  outbox: OutboxRecord[],
  follows: FollowingStep[],
): Promise<void> {
  const { s } = ctx;
  const reports = listReportsAfterAppeal(before, decided.outcome);
  if (reports.barredListRemoval) {
    const owed = book.findOutstanding(s.deadlines, 'barred-list-report');
    if (owed) owed.status = 'cancelled';
    s.barredListReportDue = undefined;
    const [due] = await addDeadlines(ctx, [{ key: 'barred-list-removal', ruleId: 'barredListRemoval', trigger: on }]);
    queueListReport(ctx, 'barred-list-removal', outbox, lists.barredListRemoval(ctx.input.subject, before, decided.outcome, on, due.dueDate));
    follows.push({ action: 'barred-list-removal-reported', rule: 'barredListRemoval', regulation: 'BL&AL Regs reg 5', details: { dismissalOverturned: before, outcome: decided.outcome, barredListReportCancelled: !!owed, dueDate: due.dueDate } });
  }
  if (reports.barredListReport) await reportToBarredList(ctx, decided, on, outbox);
}
