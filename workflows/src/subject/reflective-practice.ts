/**
 * Reflective practice (CR Part 6) as a route that is tracked, not a dead end: a track closed by a referral to it
 * keeps the report, its actions, the review date and the check within 12 months as deadlines, and its workflow
 * runs until they are done (as a live warning keeps it running). The rules are @conduct/domain's reflective-practice.ts.
 */
import { IsoDate, REFLECTIVE_PRACTICE_DEADLINES, ReflectivePracticeEvent, reflectivePracticeAfter, reflectivePracticeDeadlinesFrom } from '@conduct/domain';
import type { TrackContext } from './context';
import { addDeadlines, meet } from './deadlines';

/**
 * From this patch on, a track started records a referral to reflective practice and tracks it until done; one
 * started before closes on the referral as it did. Decided once, when the track starts, and kept in its state.
 */
export const REFLECTIVE_PRACTICE_TRACKED = 'reflective-practice-tracked';

/** After a decision: a track it closed with a referral to reflective practice begins the route, its report first due. */
export async function referIfRouted(ctx: TrackContext): Promise<void> {
  const { s } = ctx;
  if (!s.reflectivePracticeTracked || s.stage !== 'closed' || s.closedBecause !== 'reflective-practice' || s.reflectivePractice) return;
  s.reflectivePractice = { referredOn: s.closedOn! };
  const { report } = REFLECTIVE_PRACTICE_DEADLINES;
  await addDeadlines(ctx, [{ key: report.key, ruleId: report.ruleId, trigger: s.closedOn! }]);
}

/** An event of the route (checked already): the deadline it meets, those the agreed report sets, and the route done once all are. */
export async function recordReflectivePractice(ctx: TrackContext, event: ReflectivePracticeEvent, on: IsoDate, report: { actionsDueBy?: IsoDate; reviewOn?: IsoDate } = {}): Promise<void> {
  const { s } = ctx;
  s.reflectivePractice = reflectivePracticeAfter(s.reflectivePractice!, event, on, report);
  const met = Object.values(REFLECTIVE_PRACTICE_DEADLINES).find((d) => d.metBy === event)!;
  meet(ctx, met.key);
  if (event === 'reflective-review-report-agreed') await addDeadlines(ctx, reflectivePracticeDeadlinesFrom(on, report.actionsDueBy!, report.reviewOn!));
}
