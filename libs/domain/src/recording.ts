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

/**
 * Every decision carries its rationale: what was decided and why, including a decision not to act
 * (IOPC Statutory guidance on the police complaints system, 2020, on recording decisions; and the
 * IOPC's guidance on the handling of conduct matters). The guidance says a rationale is recorded, not
 * how long it may be: the length below is the engine's own, as for every other free text it keeps.
 * Status [S]: the guidance was read in secondary sources only.
 */
export const DECISION_RATIONALE = {
  rule: 'decision-rationale',
  field: 'rationale',
  source: 'IOPC Statutory guidance on the police complaints system (2020): record what was decided and why',
  status: 'S',
  maxLength: 4000,
} as const;

export type RationaleCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; field: string; reason: string };

/** A decision's rationale: text that says something (not blank), within the engine's length. */
export function checkRationale(rationale: unknown): RationaleCheck {
  const { rule, source: regulation, field, maxLength } = DECISION_RATIONALE;
  if (typeof rationale !== 'string' || rationale.trim() === '') {
    return { allowed: false, rule, regulation, field, reason: `${field}: a decision must say why it was made (what was decided and why, including a decision not to act)` };
  }
  if (rationale.length > maxLength) return { allowed: false, rule, regulation, field, reason: `${field}: at most ${maxLength} characters` };
  return { allowed: true };
}
