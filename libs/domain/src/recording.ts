// Two times for every step: when it happened (its `occurredAt`) and when it was recorded. Deadlines,
// met or missed, and reminders are judged on the first; most steps are typed in after the fact.

/**
 * A deadline set already past its reminder or its due time (its trigger step was back-dated) is held
 * this long from when it was set before it reminds or escalates: a case officer entering a case after
 * the fact types the next steps in the same sitting, and they settle it first. After the hold a deadline
 * still open and past due is missed and escalated as any other. The engine's own figure, not the law's:
 * [U], for a department to set.
 */
export const BACKDATED_DEADLINE_GRACE = {
  hours: 24,
  why: 'steps entered after the fact settle a back-dated deadline before anyone is reminded or told it was missed',
  status: 'U',
} as const;

export const BACKDATED_DEADLINE_GRACE_MS = BACKDATED_DEADLINE_GRACE.hours * 3_600_000;
