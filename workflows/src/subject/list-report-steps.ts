/**
 * Reports to the College of Policing (barred list, advisory list, removal), each a step of its own: count the
 * report's deadline, then queue the report (list-reports.ts says what each carries and when one is owed).
 */
import type { IsoDate, ListReport } from '@conduct/domain';
import type { TrackContext } from './context';
import { addDeadlines } from './deadlines';
import * as lists from './list-reports';
import type { OutboxRecord } from '../types';

/** A dismissal (or a finding that a former officer would have been dismissed) is reported to the barred list (reg 3). */
export async function reportToBarredList(ctx: TrackContext, cmd: lists.OutcomeDecision, on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
  const [due] = await addDeadlines(ctx, [{ key: 'barred-list-report', ruleId: 'barredListReport', trigger: on }]);
  ctx.s.barredListReportDue = due.dueDate;
  queueListReport(ctx, 'barred-list-report', outbox, lists.barredListReport(ctx.input.subject, ctx.s, cmd, on, due.dueDate));
}

/** A resignation or retirement while under investigation is reported to the advisory list (reg 12). */
export async function reportToAdvisoryList(
  ctx: TrackContext,
  left: { how: 'resigned' | 'retired'; on: IsoDate; allegationSummary: string | undefined },
  outbox: OutboxRecord[],
): Promise<void> {
  const [due] = await addDeadlines(ctx, [{ key: 'advisory-list-report', ruleId: 'advisoryListReport', trigger: left.on }]);
  ctx.s.advisoryListReported = true;
  queueListReport(ctx, 'advisory-list-report', outbox, lists.advisoryListReport(ctx.input.subject, ctx.s, left, due.dueDate));
}

/** The advisory-list entry is removed once the track has closed without a "would have been dismissed" finding (Police Act 1996 s.88L). */
export async function reportAdvisoryListRemoval(ctx: TrackContext, on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
  ctx.s.advisoryListRemovalReported = true;
  await addDeadlines(ctx, [{ key: 'advisory-list-removal', ruleId: 'advisoryListRemoval', trigger: on }]);
  queueListReport(ctx, 'advisory-list-removal', outbox, lists.advisoryListRemoval(ctx.input.subject, ctx.s, on));
}

/** The last step of every command: a command that closed the track reports the advisory-list removal it owes. */
export async function reportAdvisoryListRemovalIfOwed(ctx: TrackContext, on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
  if (lists.owesAdvisoryListRemoval(ctx.s)) await reportAdvisoryListRemoval(ctx, on, outbox);
}

/** Queue a report to the College of Policing, keeping it so a refused one can be completed and sent again. */
export function queueListReport(ctx: TrackContext, report: ListReport, outbox: OutboxRecord[], payload: Record<string, unknown>): void {
  lists.keepListReport(ctx.s, report, payload);
  outbox.push(ctx.message(report, 'college-of-policing', payload));
}
