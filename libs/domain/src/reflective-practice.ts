// The Reflective Practice Review Process (CR Part 6): a route a case is referred to, not a dead end. The reviewer's
// reflective review development report is agreed with the officer; it sets actions to be taken within a period it
// specifies and a review date; it is discussed at the officer's performance and development review within 12 months
// of being agreed (CR reg 70 [C]). The engine tracks each as a deadline and ends the route when all are done.
import { IsoDate, calendarDaysBetween, compareIsoDates, isIsoDate } from './time';
import type { DeadlineRuleId } from './rules/deadlines';
import { SUBJECT_KINDS, SUBJECT_KIND_RULES, type SubjectKind } from './kinds';

/** The events of the route, after the referral, in the order they usually come. Part of the subject's events. */
export const REFLECTIVE_PRACTICE_EVENTS = [
  'reflective-review-report-agreed',
  'reflective-practice-actions-completed',
  'reflective-practice-reviewed',
  'reflective-practice-checked',
] as const;
export type ReflectivePracticeEvent = (typeof REFLECTIVE_PRACTICE_EVENTS)[number];

/** Each deadline of the route: its key on the track, its rule, and the event that meets it. */
export const REFLECTIVE_PRACTICE_DEADLINES = {
  report: { key: 'reflective-review-report', ruleId: 'reflectiveReviewReport', metBy: 'reflective-review-report-agreed' },
  actions: { key: 'reflective-practice-actions', ruleId: 'reflectivePracticeActions', metBy: 'reflective-practice-actions-completed' },
  review: { key: 'reflective-practice-review', ruleId: 'reflectivePracticeReview', metBy: 'reflective-practice-reviewed' },
  check: { key: 'reflective-practice-check', ruleId: 'reflectivePracticeCheck', metBy: 'reflective-practice-checked' },
} as const satisfies Record<string, { key: string; ruleId: DeadlineRuleId; metBy: ReflectivePracticeEvent }>;

export const REFLECTIVE_PRACTICE = {
  regulation: 'CR Part 6',
  /** Where a case may be referred to it: no misconduct assessed (CR reg 14), no case to answer (reg 23), a withdrawal (reg 27). */
  referredFrom: ['severity-assessment', 'case-to-answer', 'withdrawal'],
  /** Whom Part 6 applies to: those the Conduct Regulations govern (SUBJECT_KIND_RULES); others follow their force's own procedures. */
  subjectKinds: SUBJECT_KINDS.filter((k) => SUBJECT_KIND_RULES[k].conductRegulations) as readonly SubjectKind[],
  source: 'CR Part 6 and reg 70 [C] (the report, its actions, the review date, the discussion within 12 months); the officer\'s 5 working-day account is [S] and not tracked',
} as const;

/** What the route has reached; absent on a track never referred to it (or referred before it was tracked). */
export interface ReflectivePracticeRecord {
  referredOn: IsoDate;
  reportAgreedOn?: IsoDate;
  actionsDueBy?: IsoDate;
  reviewOn?: IsoDate;
  actionsCompletedOn?: IsoDate;
  reviewedOn?: IsoDate;
  checkedOn?: IsoDate;
  /** The day the last of the actions, the review and the check was recorded: the route is done. */
  completedOn?: IsoDate;
}

export type ReflectivePracticeCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; reason: string };

const refused = (rule: string, reason: string): ReflectivePracticeCheck => ({ allowed: false, rule, regulation: 'CR reg 70', reason });

/** Whether a subject of this kind may be referred to reflective practice (CR Part 6 applies to those the CR cover). */
export function checkReflectivePracticeReferral(kind: SubjectKind): ReflectivePracticeCheck {
  if (REFLECTIVE_PRACTICE.subjectKinds.includes(kind)) return { allowed: true };
  return {
    allowed: false, rule: 'reflective-practice-who', regulation: REFLECTIVE_PRACTICE.regulation,
    reason: `the reflective practice review process (CR Part 6) applies to ${REFLECTIVE_PRACTICE.subjectKinds.join(', ')}, not to a ${kind}: choose another route`,
  };
}

/** Whether an event of the route may be recorded on `on`, given what the route has reached (and the report's dates, for the report). */
export function checkReflectivePracticeEvent(
  rp: ReflectivePracticeRecord | undefined,
  event: ReflectivePracticeEvent,
  on: IsoDate,
  report: { actionsDueBy?: unknown; reviewOn?: unknown } = {},
): ReflectivePracticeCheck {
  if (!rp) return refused('reflective-practice-referred', 'the subject was not referred to the reflective practice review process (or was referred before the engine tracked it)');
  if (rp.completedOn) return refused('reflective-practice-open', `the reflective practice review process was completed on ${rp.completedOn}`);
  if (compareIsoDates(on, rp.referredOn) < 0) return refused('reflective-practice-after-referral', `${on} is before the referral to reflective practice on ${rp.referredOn}`);
  if (event === 'reflective-review-report-agreed') {
    if (rp.reportAgreedOn) return refused('reflective-review-report-once', `the reflective review development report was agreed on ${rp.reportAgreedOn}`);
    for (const field of ['actionsDueBy', 'reviewOn'] as const) {
      const value = report[field];
      if (!isIsoDate(value)) return refused('reflective-review-report-dates', `${field}: the report sets it (YYYY-MM-DD)`);
      if (compareIsoDates(value, on) <= 0) return refused('reflective-review-report-dates', `${field}: ${value} must fall after the report is agreed (${on})`);
    }
    return { allowed: true };
  }
  if (!rp.reportAgreedOn) return refused('reflective-review-report-first', 'the reflective review development report has not been agreed');
  if (compareIsoDates(on, rp.reportAgreedOn) < 0) return refused('reflective-review-report-first', `${on} is before the report was agreed on ${rp.reportAgreedOn}`);
  const done = { 'reflective-practice-actions-completed': rp.actionsCompletedOn, 'reflective-practice-reviewed': rp.reviewedOn, 'reflective-practice-checked': rp.checkedOn }[event];
  if (done) return refused('reflective-practice-step-once', `already recorded on ${done}`);
  return { allowed: true };
}

/** The deadlines the agreed report sets: the actions by the date it gives, the review on its date, the check within 12 months. */
export function reflectivePracticeDeadlinesFrom(agreedOn: IsoDate, actionsDueBy: IsoDate, reviewOn: IsoDate): { key: string; ruleId: DeadlineRuleId; trigger: IsoDate; length?: number }[] {
  const days = (to: IsoDate) => calendarDaysBetween(agreedOn, to);
  const { actions, review, check } = REFLECTIVE_PRACTICE_DEADLINES;
  return [
    { key: actions.key, ruleId: actions.ruleId, trigger: agreedOn, length: days(actionsDueBy) },
    { key: review.key, ruleId: review.ruleId, trigger: agreedOn, length: days(reviewOn) },
    { key: check.key, ruleId: check.ruleId, trigger: agreedOn },
  ];
}

/** The route after an event: what it reached, and done once the actions, the review and the check are all recorded. */
export function reflectivePracticeAfter(rp: ReflectivePracticeRecord, event: ReflectivePracticeEvent, on: IsoDate, report: { actionsDueBy?: IsoDate; reviewOn?: IsoDate } = {}): ReflectivePracticeRecord {
  const next = { ...rp };
  if (event === 'reflective-review-report-agreed') Object.assign(next, { reportAgreedOn: on, actionsDueBy: report.actionsDueBy, reviewOn: report.reviewOn });
  if (event === 'reflective-practice-actions-completed') next.actionsCompletedOn = on;
  if (event === 'reflective-practice-reviewed') next.reviewedOn = on;
  if (event === 'reflective-practice-checked') next.checkedOn = on;
  if (next.actionsCompletedOn && next.reviewedOn && next.checkedOn) next.completedOn = on;
  return next;
}
