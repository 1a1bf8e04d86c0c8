import { ApplicationFailure } from '@temporalio/workflow';
import { FIRST_RELIABLE_YEAR, checkRationale, londonDateOf } from '@conduct/domain';

export const RULE_VIOLATION = 'RuleViolation';

export interface Refusal {
  rule: string;
  regulation: string | null;
  reason: string;
  /** The rule set the refusal applies (rule-sets.ts), where the rule belongs to one. */
  ruleSet?: string;
}

/**
 * Thrown from an update validator: the update is refused and nothing is written to the history.
 * The API turns it into a 409 naming the rule.
 */
export function refuse(refusal: Refusal): never {
  throw ApplicationFailure.create({
    type: RULE_VIOLATION,
    message: refusal.reason,
    details: [{ rule: refusal.rule, regulation: refusal.regulation, ...(refusal.ruleSet ? { ruleSet: refusal.ruleSet } : {}) }],
    nonRetryable: true,
  });
}

/** An instant the workflow may accept: not in the future (with a little clock skew), not before the matter began. */
export function checkOccurredAt(occurredAt: string, notBefore: string | undefined, now: number): void {
  if (typeof occurredAt !== 'string') refuse({ rule: 'occurred-at-valid', regulation: null, reason: `occurredAt must be an ISO-8601 date and time, not ${JSON.stringify(occurredAt)}` });
  const t = Date.parse(occurredAt);
  if (!Number.isFinite(t)) refuse({ rule: 'occurred-at-valid', regulation: null, reason: `occurredAt '${occurredAt}' is not a date and time` });
  try {
    londonDateOf(occurredAt);
  } catch (err) {
    refuse({ rule: 'occurred-at-valid', regulation: null, reason: `occurredAt ${occurredAt}: ${(err as Error).message}` });
  }
  // Deadlines count from the date: one the working-day calendar cannot count from would fail in the handler.
  if (londonDateOf(occurredAt) < `${FIRST_RELIABLE_YEAR}-01-01`) {
    refuse({ rule: 'occurred-at-countable', regulation: null, reason: `occurredAt ${occurredAt} is before ${FIRST_RELIABLE_YEAR}, the first year whose working days can be counted` });
  }
  if (t > now + 5 * 60_000) refuse({ rule: 'occurred-at-not-in-future', regulation: null, reason: `occurredAt ${occurredAt} is in the future` });
  if (notBefore && t < Date.parse(notBefore)) {
    refuse({ rule: 'occurred-at-after-matter-began', regulation: null, reason: `occurredAt ${occurredAt} is before the matter began (${notBefore})` });
  }
}

/**
 * From this patch on, a workflow started requires every decision to carry its rationale (IOPC statutory guidance;
 * DECISION_RATIONALE in @conduct/domain). Decided once, when the workflow starts, and kept in its state: a workflow
 * started before it replays unchanged, and its decisions are required to carry one by the API only.
 */
export const DECISION_RATIONALE_REQUIRED = 'decision-rationale-required';

/** A decision of a workflow that requires it says why it was made. */
export function checkDecisionRationale(required: boolean | undefined, cmd: { rationale?: unknown }): void {
  if (!required) return;
  const check = checkRationale(cmd.rationale);
  if (!check.allowed) refuse(check);
}
