/**
 * A referral under the Police (Vetting) Regulations 2025 as a route that is tracked, not a dead end: a track closed by
 * the referral keeps the withdrawal assessment's steps, its decision and the appeals, and runs until nothing more is
 * awaited. Withdrawal of clearance is dismissal without notice (kept on the route, not as a CR reg 42 outcome), reported to the barred list as any dismissal is; a
 * dismissal overturned on appeal is reported again so the entry is removed. The rules are @conduct/domain's vetting.ts.
 */
import { VETTING, VETTING_DEADLINES, listReportsAfterAppeal, vettingAfter, vettingAwaiting, type IsoDate, type Outcome, type VettingEvent } from '@conduct/domain';
import * as book from '../deadline-book';
import type { FollowingStep, TrackContext } from './context';
import { addDeadlines, meet } from './deadlines';
import { queueListReport } from './list-report-steps';
import * as lists from './list-reports';
import type { ListReportFindings, OutboxRecord, SubjectState } from '../types';

/**
 * From this patch on, a track started refuses a referral to vetting under a rule set without it, and tracks one made
 * under a rule set with it until done; one started before closes on the referral as it did. Decided once, when the
 * track starts, and kept in its state.
 */
export const VETTING_ROUTE = 'vetting-route';

const DISMISSAL: Outcome = VETTING.dismissal.outcome;

/** After a decision: a track it closed with a referral to vetting begins the route. */
export function referToVettingIfRouted(ctx: TrackContext): void {
  const { s } = ctx;
  if (!s.vettingRouteTracked || s.stage !== 'closed' || s.closedBecause !== 'vetting-referral' || s.vetting) return;
  s.vetting = { referredOn: s.closedOn! };
}

/** Whether the route awaits a step with no deadline of its own (the decision, an appeal's determination): the workflow keeps running. */
export function vettingOpen(s: SubjectState): boolean {
  return vettingAwaiting(s.vetting);
}

/** An event of the route (checked already): the deadline it meets or starts, the dismissal and its reports. */
export async function recordVetting(
  ctx: TrackContext,
  event: VettingEvent,
  on: IsoDate,
  findings: ListReportFindings,
  outbox: OutboxRecord[],
  follows: FollowingStep[],
): Promise<void> {
  const { s } = ctx;
  s.vetting = vettingAfter(s.vetting!, event, on);
  for (const d of Object.values(VETTING_DEADLINES)) {
    if (d.metBy === event) meet(ctx, d.key);
    if (d.startedBy === event) await addDeadlines(ctx, [{ key: d.key, ruleId: d.ruleId, trigger: on }]);
  }
  switch (event) {
    case 'vetting-clearance-kept':
      // Kept: the officer may no longer be heard on it; the route ends with nothing owed.
      book.close(s.deadlines, VETTING_DEADLINES.representations.key, 'cancelled');
      break;
    case 'vetting-clearance-withdrawn': {
      // Dismissal without notice, reported to the barred list within 5 working days (BL&AL Regs reg 3).
      // Not an outcome of misconduct proceedings (CR reg 42): the route records the dismissal (vetting.dismissedOn).
      book.close(s.deadlines, VETTING_DEADLINES.representations.key, 'cancelled');
      const [due] = await addDeadlines(ctx, [{ key: 'barred-list-report', ruleId: 'barredListReport', trigger: on }]);
      s.barredListReportDue = due.dueDate;
      queueListReport(ctx, 'barred-list-report', outbox, {
        ...lists.barredListReport(ctx.input.subject, s, { ...findings, outcome: DISMISSAL }, on, due.dueDate),
        dismissedUnder: VETTING.regulation,
      });
      follows.push({ action: 'dismissed-without-notice', rule: 'vetting-clearance-withdrawn', regulation: VETTING.dismissal.regulation, details: { dismissedOn: on, barredListReportDue: due.dueDate } });
      break;
    }
    case 'vetting-appeal-allowed':
    case 'vetting-pat-appeal-allowed': {
      // Clearance restored: the dismissal is overturned, and the barred-list entry removed by a further report (reg 5).
      if (!listReportsAfterAppeal(DISMISSAL, 'no-action').barredListRemoval) break;
      const owed = book.findOutstanding(s.deadlines, 'barred-list-report');
      if (owed) owed.status = 'cancelled';
      s.barredListReportDue = undefined;
      const [due] = await addDeadlines(ctx, [{ key: 'barred-list-removal', ruleId: 'barredListRemoval', trigger: on }]);
      queueListReport(ctx, 'barred-list-removal', outbox, { ...lists.barredListRemoval(ctx.input.subject, DISMISSAL, 'no-action', on, due.dueDate), clearanceRestoredUnder: VETTING.regulation });
      follows.push({ action: 'barred-list-removal-reported', rule: 'barredListRemoval', regulation: 'BL&AL Regs reg 5', details: { clearanceRestoredOn: on, barredListReportCancelled: !!owed, dueDate: due.dueDate } });
      break;
    }
  }
}
