// What misconduct proceedings may decide (CR reg 42), and what follows from it.

import { DEADLINE_RULES, FINAL_WRITTEN_WARNING_MAX_MONTHS, type DeadlineRules } from './rules/deadlines';
import { RULE_SET, RULE_SET_WHEN_NONE_RECORDED, type RuleSetId } from './rules/rule-sets';
import { addCalendarDays, addCalendarMonths, type IsoDate } from './time';

export const OUTCOMES = [
  'no-action',
  'reflective-practice',
  'written-warning',
  'final-written-warning',
  'reduction-in-rank',
  'dismissal-without-notice',
  'would-have-been-dismissed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ProceedingsForm = 'misconduct-meeting' | 'misconduct-hearing' | 'accelerated-hearing';

/** What the person conducting or chairing finds the conduct amounts to (CR reg 41(15)). */
/**
 * Who hears an officer's appeal against the outcome of each form of proceedings: a meeting's goes to an appeal meeting
 * (CR reg 45), a hearing's or an accelerated hearing's to the Police Appeals Tribunal (Police Act 1996 s.85; PAT Rules 2020).
 */
export const APPEAL_BODIES = {
  'misconduct-meeting': { body: 'appeal-meeting', regulation: 'CR reg 45' },
  'misconduct-hearing': { body: 'police-appeals-tribunal', regulation: 'Police Act 1996 s.85 / PAT Rules 2020' },
  'accelerated-hearing': { body: 'police-appeals-tribunal', regulation: 'Police Act 1996 s.85 / PAT Rules 2020' },
} as const satisfies Record<ProceedingsForm, { body: string; regulation: string }>;

export const FINDINGS = ['misconduct', 'gross-misconduct', 'neither'] as const;
export type Finding = (typeof FINDINGS)[number];

export interface OutcomeQuestion {
  form: ProceedingsForm;
  caseToAnswer: 'misconduct' | 'gross-misconduct';
  /** A final written warning was in force on the date of the severity assessment (CR reg 42(5)). */
  finalWrittenWarningLive: boolean;
  /** Misconduct found in more than one incident, not closely factually connected (CR reg 42(6)). */
  severalUnconnectedIncidents?: boolean;
  formerOfficer: boolean;
  /** When known, the finding narrows the outcomes; otherwise every finding open on the case counts. */
  finding?: Finding;
  /** The rule set the case is under (rule-sets.ts); none recorded: the 2020 rules. */
  ruleSet?: RuleSetId;
}

export interface OutcomesAllowed {
  outcomes: Outcome[];
  regulation: string;
}

const ORDER: readonly Outcome[] = [
  'no-action',
  'reflective-practice',
  'written-warning',
  'final-written-warning',
  'reduction-in-rank',
  'dismissal-without-notice',
  'would-have-been-dismissed',
];

// Outcomes on each finding. Reflective practice only where neither is found (reg 42(1)(b)).
function onFinding(q: OutcomeQuestion, finding: Finding): OutcomesAllowed {
  if (q.formerOfficer) {
    // CR reg 4: a former officer can only be found to have been liable to dismissal, or not.
    return finding === 'gross-misconduct'
      ? { outcomes: ['no-action', 'would-have-been-dismissed'], regulation: 'CR reg 4 and reg 42' }
      : { outcomes: ['no-action'], regulation: 'CR reg 4 and reg 42' };
  }
  if (q.form === 'accelerated-hearing') {
    // An accelerated hearing decides gross misconduct only; otherwise it remits the case.
    return finding === 'gross-misconduct'
      ? { outcomes: ['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'], regulation: 'CR Part 5; reg 42(3)(b)' }
      : { outcomes: [], regulation: 'CR Part 5' };
  }
  if (finding === 'neither') return { outcomes: ['no-action', 'reflective-practice'], regulation: 'CR reg 42(1)(b)' };
  if (q.form === 'misconduct-meeting') {
    return { outcomes: ['no-action', 'written-warning', 'final-written-warning'], regulation: 'CR reg 42(2)' };
  }
  if (finding === 'gross-misconduct') {
    return { outcomes: ['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'], regulation: 'CR reg 42(3)(b)' };
  }
  const severe = q.finalWrittenWarningLive || q.severalUnconnectedIncidents === true;
  return severe
    ? {
        outcomes: ['no-action', 'written-warning', 'final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'],
        regulation: 'CR reg 42(3)(a), (5) and (6)',
      }
    : { outcomes: ['no-action', 'written-warning', 'final-written-warning'], regulation: 'CR reg 42(3)(a)' };
}

/** The findings the proceedings may make on this case, whatever was found. */
export function findingsOpenOnCase(q: Omit<OutcomeQuestion, 'finding'>): Finding[] {
  return findingsOpen({ ...q, finding: undefined });
}

function findingsOpen(q: OutcomeQuestion): Finding[] {
  if (q.finding) return [q.finding];
  if (q.form === 'misconduct-meeting') return ['misconduct', 'neither']; // a meeting cannot find gross misconduct
  if (q.form === 'accelerated-hearing') return ['gross-misconduct'];
  return q.caseToAnswer === 'gross-misconduct' ? ['gross-misconduct', 'misconduct', 'neither'] : ['misconduct', 'neither'];
}

/** The outcomes the proceedings may reach (CR reg 42; former officers CR reg 4). */
export function outcomesAllowed(q: OutcomeQuestion): OutcomesAllowed {
  const parts = findingsOpen(q).map((f) => underRuleSet(q, f, onFinding(q, f)));
  const set = new Set(parts.flatMap((p) => p.outcomes));
  const regulations = [...new Set(parts.map((p) => p.regulation))];
  return { outcomes: ORDER.filter((o) => set.has(o)), regulation: regulations.join('; ') };
}

export type OutcomeCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; reason: string; ruleSet?: RuleSetId };

/**
 * From 28 May 2025, gross misconduct found means dismissal without notice unless the panel records exceptional
 * circumstances justifying a final written warning or reduction in rank, with its reasons (CR reg 42 as amended by
 * SI 2025/558 reg 15 [S]; the reasons in the report, CR reg 43(1)(e) [S]). Asked only when the finding is stated.
 */
function checkGrossMisconductSanction(q: OutcomeQuestion & { outcome: Outcome; exceptionalCircumstances?: string }): OutcomeCheck {
  const set = RULE_SET[q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED];
  const lesser = q.outcome === 'final-written-warning' || q.outcome === 'reduction-in-rank';
  if (!set.outcomes.grossMisconductDismissalUnlessExceptional || q.finding !== 'gross-misconduct' || !lesser || q.formerOfficer) return { allowed: true };
  if (typeof q.exceptionalCircumstances === 'string' && q.exceptionalCircumstances.trim() !== '') return { allowed: true };
  return {
    allowed: false, rule: 'gross-misconduct-dismissal-unless-exceptional', regulation: 'CR reg 42 as amended by SI 2025/558 reg 15; CR reg 43(1)(e)', ruleSet: set.id,
    reason: `On a finding of gross misconduct under ${set.name} (${set.id}) the officer is dismissed without notice unless exceptional circumstances justify ${OUTCOME_WORDS[q.outcome]}: exceptionalCircumstances must give the panel's reasons (CR reg 42 as amended by SI 2025/558 reg 15).`,
  };
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  'no-action': 'no action',
  'reflective-practice': 'referral to the reflective practice review process',
  'written-warning': 'a written warning',
  'final-written-warning': 'a final written warning',
  'reduction-in-rank': 'reduction in rank',
  'dismissal-without-notice': 'dismissal without notice',
  'would-have-been-dismissed': 'a finding that the officer would have been dismissed',
};

const FORM_WORDS: Record<ProceedingsForm, string> = {
  'misconduct-meeting': 'a misconduct meeting',
  'misconduct-hearing': 'a misconduct hearing',
  'accelerated-hearing': 'an accelerated misconduct hearing',
};

/**
 * What a later rule set takes away on a finding: from 28 May 2025 a finding of misconduct carries disciplinary
 * action, so "no action" is not open on it (SI 2025/558 reg 6(2)(d),(e)). Former officers keep CR reg 4's outcomes.
 */
function underRuleSet(q: OutcomeQuestion, finding: Finding, allowed: OutcomesAllowed): OutcomesAllowed {
  const set = RULE_SET[q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED];
  if (!set.outcomes.misconductCarriesDisciplinaryAction || finding !== 'misconduct' || q.formerOfficer) return allowed;
  return { outcomes: allowed.outcomes.filter((o) => o !== 'no-action'), regulation: `${allowed.regulation}; SI 2025/558 reg 6(2)(d),(e)` };
}

/** Whether this outcome may be reached, and if not, which rule forbids it and why. */
export function checkOutcome(q: OutcomeQuestion & { outcome: Outcome; exceptionalCircumstances?: string }): OutcomeCheck {
  const { outcomes, regulation } = outcomesAllowed(q);
  if (outcomes.includes(q.outcome)) return checkGrossMisconductSanction(q);
  const set = RULE_SET[q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED];
  if (q.outcome === 'no-action' && q.finding === 'misconduct' && set.outcomes.misconductCarriesDisciplinaryAction && !q.formerOfficer) {
    return {
      allowed: false, rule: 'misconduct-finding-carries-disciplinary-action', regulation: 'CR reg 2 as amended by SI 2025/558 reg 6(2)(d),(e)', ruleSet: set.id,
      reason: `No action is not available on a finding of misconduct under ${set.name} (${set.id}): the proceedings decide what disciplinary action to impose (SI 2025/558 reg 6(2)(d),(e)). Available: ${outcomes.map((o) => OUTCOME_WORDS[o]).join(', ')}.`,
    };
  }
  const what = OUTCOME_WORDS[q.outcome];
  const where = FORM_WORDS[q.form];
  const open = outcomes.length ? outcomes.map((o) => OUTCOME_WORDS[o]).join(', ') : 'none (the case must be remitted)';
  if (q.formerOfficer) {
    return {
      allowed: false, rule: 'former-officer-outcomes', regulation: 'CR reg 4 and reg 42',
      reason: `${cap(what)} is not available against a former officer: the only outcomes are no action or a finding that they would have been dismissed (CR reg 4).`,
    };
  }
  if (q.outcome === 'would-have-been-dismissed') {
    return {
      allowed: false, rule: 'would-have-been-dismissed-former-officers-only', regulation: 'CR reg 4',
      reason: 'A finding that the officer would have been dismissed is made only against a former officer (CR reg 4).',
    };
  }
  if (q.form === 'misconduct-meeting') {
    return {
      allowed: false, rule: 'meeting-outcomes', regulation,
      reason: `${cap(what)} is not available at ${where}: a meeting may give at most a final written warning (${regulation}). Available: ${open}.`,
    };
  }
  const misconductFinding = q.finding === undefined || q.finding === 'misconduct';
  if ((q.outcome === 'reduction-in-rank' || q.outcome === 'dismissal-without-notice') && misconductFinding) {
    return {
      allowed: false, rule: 'misconduct-dismissal-needs-live-fww-or-unconnected-incidents', regulation: 'CR reg 42(3)(a), (5) and (6)',
      reason:
        `${cap(what)} for misconduct (not gross misconduct) needs a final written warning in force at the severity assessment ` +
        `or misconduct in several unconnected incidents (CR reg 42(5) and (6)). Available: ${open}.`,
    };
  }
  return {
    allowed: false, rule: 'outcome-not-available', regulation,
    reason: `${cap(what)} is not available at ${where} on this finding (${regulation}). Available: ${open}.`,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The last day a warning is in force. The period "begins with the day on which it was notified",
 * so an 18-month warning notified on 22 June 2022 is in force to 21 December 2023 inclusive.
 * months: a final written warning's period set by a hearing (between the standard period and
 * FINAL_WRITTEN_WARNING_MAX_MONTHS); a written warning's period cannot be changed.
 */
export function warningLiveUntil(
  outcome: Outcome,
  notifiedOn: IsoDate,
  months?: number,
  rules: DeadlineRules = DEADLINE_RULES,
): IsoDate {
  if (outcome === 'written-warning') {
    const rule = rules.writtenWarningLive;
    if (months !== undefined && months !== rule.length) {
      throw new RangeError(`A written warning is in force for ${rule.length} months (${rule.regulation}); it cannot be set to ${months}`);
    }
    return addCalendarDays(addCalendarMonths(notifiedOn, rule.length), -1);
  }
  if (outcome === 'final-written-warning') {
    const rule = rules.finalWrittenWarningLive;
    const period = months ?? rule.length;
    if (!Number.isInteger(period) || period < rule.length || period > FINAL_WRITTEN_WARNING_MAX_MONTHS) {
      throw new RangeError(
        `A final written warning's period must be a whole number of months from ${rule.length} to ${FINAL_WRITTEN_WARNING_MAX_MONTHS} (${rule.regulation}), got ${period}`,
      );
    }
    return addCalendarDays(addCalendarMonths(notifiedOn, period), -1);
  }
  throw new RangeError(`${cap(OUTCOME_WORDS[outcome])} is not a warning, so it has no period in force`);
}

/** Dismissal, or a finding that a former officer would have been dismissed, is reported for the barred list. */
export function requiresBarredListReport(outcome: Outcome): { required: boolean; regulation: string } {
  return {
    required: outcome === 'dismissal-without-notice' || outcome === 'would-have-been-dismissed',
    regulation: 'BL&AL Regs reg 3',
  };
}

/**
 * The warning in force once an appeal has substituted `substituted` for the outcome (CR reg 47; the Police Appeals
 * Tribunal): none when the substituted outcome is not a warning (the warning is quashed), otherwise the substituted
 * warning's standard period counted from the day the original outcome was notified, the day CR reg 42 starts it from:
 * the appeal changes the outcome, not when the officer was told of it. A hearing's longer final written warning
 * (up to 5 years) is not carried over, as the appeal does not set one.
 */
export function warningAfterAppeal(
  substituted: Outcome,
  notifiedOn: IsoDate,
  rules: DeadlineRules = DEADLINE_RULES,
): { ruleId: 'writtenWarningLive' | 'finalWrittenWarningLive'; liveUntil: IsoDate } | null {
  if (substituted !== 'written-warning' && substituted !== 'final-written-warning') return null;
  return {
    ruleId: substituted === 'written-warning' ? 'writtenWarningLive' : 'finalWrittenWarningLive',
    liveUntil: warningLiveUntil(substituted, notifiedOn, undefined, rules),
  };
}

/**
 * The reports to the College of Policing an appeal's substituted outcome calls for: a dismissal overturned (quashed, or a
 * lesser outcome substituted) is reported again so the barred-list entry is removed (BL&AL Regs reg 5); a dismissal
 * substituted on appeal is reported as any dismissal is (reg 3).
 */
export function listReportsAfterAppeal(before: Outcome, after: Outcome): { barredListRemoval: boolean; barredListReport: boolean } {
  const barredBefore = requiresBarredListReport(before).required;
  const barredAfter = requiresBarredListReport(after).required;
  return { barredListRemoval: barredBefore && !barredAfter, barredListReport: !barredBefore && barredAfter };
}
