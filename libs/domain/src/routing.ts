// Where a case goes after the case-to-answer decision, and whether an officer who has left
// remains subject to proceedings.

import type { ProceedingsForm } from './outcomes';
import { FORMER_OFFICER_MISCONDUCT_HEARING_REASONS, type FormerOfficerMisconductHearingReason, type Severity } from './kinds';
import { DEADLINE_RULES, type DeadlineRules } from './rules/deadlines';
import { RULE_SET, RULE_SET_WHEN_NONE_RECORDED, type RuleSetId } from './rules/rule-sets';
import { addCalendarMonths, compareIsoDates, type IsoDate } from './time';

export interface FormOfProceedingsQuestion {
  caseToAnswer: 'misconduct' | 'gross-misconduct';
  /** A final written warning was in force on the date of the severity assessment. */
  finalWrittenWarningLiveAtAssessment: boolean;
  /** The appropriate authority certified that the special conditions are satisfied (CR reg 49). */
  specialConditionsCertified: boolean;
  formerOfficer: boolean;
  /** The rule set the case is under (rule-sets.ts); none recorded: the 2020 rules. */
  ruleSet?: RuleSetId;
  /** Why a former officer goes to a misconduct hearing instead of Part 3A's accelerated hearing (CR reg 21A(3)). */
  misconductHearingBecause?: FormerOfficerMisconductHearingReason;
}

/** The Part 3A presumption, as its rule set's change names it (rule-sets.ts, rules-2025). */
export const FORMER_OFFICER_ACCELERATED_HEARING = {
  rule: 'former-officer-accelerated-hearing',
  regulation: 'CR reg 21A(1),(3) (Part 3A, SI 2025/558 Sch)',
} as const;

export interface FormOfProceedings {
  form: ProceedingsForm;
  regulation: string;
  reason: string;
}

export type FormOfProceedingsCheck =
  | { allowed: true; route: FormOfProceedings }
  | { allowed: false; rule: string; regulation: string; reason: string; ruleSet?: RuleSetId };

/** Whether Part 3A's presumption of an accelerated hearing governs this case: a former officer's gross misconduct under a rule set that has it. */
function partThreeAApplies(q: FormOfProceedingsQuestion): boolean {
  return q.formerOfficer && q.caseToAnswer === 'gross-misconduct' && RULE_SET[q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED].routing.formerOfficerAcceleratedHearingByDefault;
}

/**
 * Whether the case-to-answer decision can lead to misconduct proceedings at all, and if so which.
 * An update validator asks this before the handler acts on it, so the question that "cannot arise"
 * is refused, naming its rule, instead of failing inside the workflow.
 */
export function checkFormOfProceedings(q: FormOfProceedingsQuestion): FormOfProceedingsCheck {
  if (q.caseToAnswer !== 'misconduct' && q.caseToAnswer !== 'gross-misconduct') {
    return { allowed: false, rule: 'case-to-answer-finding', regulation: 'CR reg 23', reason: `caseToAnswer must be misconduct or gross-misconduct to lead to proceedings, not ${JSON.stringify(q.caseToAnswer)}` };
  }
  if (q.caseToAnswer === 'misconduct') {
    if (q.formerOfficer) {
      return {
        allowed: false, rule: 'former-officer-gross-misconduct-only', regulation: 'CR reg 4',
        reason: 'A former officer can face proceedings only for gross misconduct (CR reg 4); a case to answer for misconduct ends the case',
      };
    }
    if (q.specialConditionsCertified) {
      return {
        allowed: false, rule: 'special-conditions-gross-misconduct', regulation: 'CR reg 49',
        reason: 'The special conditions (CR reg 49) were certified, and they can be certified only for gross misconduct: a case to answer for misconduct cannot follow them',
      };
    }
  }
  if (q.misconductHearingBecause !== undefined) {
    const ruleSet = q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED;
    const { rule, regulation } = FORMER_OFFICER_ACCELERATED_HEARING;
    if (!(FORMER_OFFICER_MISCONDUCT_HEARING_REASONS as readonly string[]).includes(q.misconductHearingBecause)) {
      return { allowed: false, rule, regulation, ruleSet, reason: `misconductHearingBecause must be one of ${FORMER_OFFICER_MISCONDUCT_HEARING_REASONS.join(', ')}, not ${JSON.stringify(q.misconductHearingBecause)}` };
    }
    // The choice answers Part 3A's presumption; where the presumption does not apply there is nothing to choose.
    if (!partThreeAApplies(q)) {
      const why = !q.formerOfficer
        ? 'the subject is a serving officer'
        : q.caseToAnswer !== 'gross-misconduct'
          ? 'the case to answer is not for gross misconduct'
          : `${RULE_SET[ruleSet].name} (${ruleSet}) do not presume an accelerated hearing for a former officer: the case goes to a misconduct hearing anyway`;
      return { allowed: false, rule, regulation, ruleSet, reason: `misconductHearingBecause answers the presumption of an accelerated hearing for a former officer (${regulation}), which does not apply: ${why}` };
    }
    if (q.specialConditionsCertified) {
      return {
        allowed: false, rule, regulation, ruleSet,
        reason: 'the special conditions were certified (CR reg 49), so the case goes to an accelerated hearing under Part 5: misconductHearingBecause cannot send it to a misconduct hearing',
      };
    }
  }
  return { allowed: true, route: routeFor(q) };
}

/**
 * The form of misconduct proceedings. Throws where the question cannot arise (see checkFormOfProceedings):
 * special conditions on a misconduct case, or a former officer with a case to answer for misconduct only.
 */
export function formOfProceedings(q: FormOfProceedingsQuestion): FormOfProceedings {
  const check = checkFormOfProceedings(q);
  if (!check.allowed) throw new Error(check.reason);
  return check.route;
}

function routeFor(q: FormOfProceedingsQuestion): FormOfProceedings {
  if (q.caseToAnswer === 'misconduct') {
    if (q.finalWrittenWarningLiveAtAssessment) {
      return {
        form: 'misconduct-hearing',
        regulation: 'CR reg 23 and reg 42(5)',
        reason: 'a final written warning was in force at the severity assessment, so misconduct goes to a hearing, where dismissal is open',
      };
    }
    return { form: 'misconduct-meeting', regulation: 'CR reg 23', reason: 'a case to answer for misconduct goes to a misconduct meeting' };
  }
  if (q.specialConditionsCertified) {
    return {
      form: 'accelerated-hearing',
      regulation: 'CR reg 49',
      reason: 'the appropriate authority certified that the special conditions are satisfied, so the case goes to an accelerated misconduct hearing',
    };
  }
  if (partThreeAApplies(q)) {
    const ruleSet = RULE_SET[q.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED];
    const { regulation } = FORMER_OFFICER_ACCELERATED_HEARING;
    if (q.misconductHearingBecause === 'officer-chose-misconduct-hearing') {
      return { form: 'misconduct-hearing', regulation, reason: `under ${ruleSet.name} a former officer goes to an accelerated hearing unless they choose a misconduct hearing, and they chose one` };
    }
    if (q.misconductHearingBecause === 'appropriate-authority-decided-necessary') {
      return { form: 'misconduct-hearing', regulation, reason: `under ${ruleSet.name} a former officer goes to an accelerated hearing unless the appropriate authority decides a misconduct hearing is necessary, and it decided so` };
    }
    return { form: 'accelerated-hearing', regulation, reason: `under ${ruleSet.name} a former officer with a case to answer for gross misconduct goes to an accelerated misconduct hearing (Part 3A)` };
  }
  return {
    form: 'misconduct-hearing',
    regulation: 'CR reg 23',
    reason: q.formerOfficer
      ? 'a case to answer for gross misconduct against a former officer goes to a misconduct hearing'
      : 'a case to answer for gross misconduct goes to a misconduct hearing',
  };
}

export interface FormerOfficerQuestion {
  /** The severity of the case against the former officer. */
  severity: Severity;
  /** The date the person ceased to be a police officer. */
  leftOn: IsoDate;
  /** The date the allegation reached the appropriate authority, where known. */
  allegationReachedAaOn?: IsoDate;
  /**
   * The date the allegation was received by a relevant body (the AA, the IOPC or the local policing
   * body). The earlier of this and allegationReachedAaOn is when it "first came to the attention of a relevant body".
   */
  allegationReceivedOn: IsoDate;
  /** The Director General has made a Condition C special determination (CR Part 1A). */
  directorGeneralDetermination: boolean;
}

export interface FormerOfficerAnswer {
  continues: boolean;
  condition?: 'A' | 'B' | 'C';
  regulation: 'CR reg 4';
  reason: string;
}

/** Whether a person who has left the police remains subject to proceedings (CR reg 4(2)–(5)). */
export function formerOfficerRemainsSubject(q: FormerOfficerQuestion, rules: DeadlineRules = DEADLINE_RULES): FormerOfficerAnswer {
  const regulation = 'CR reg 4';
  if (q.severity !== 'gross-misconduct') {
    return { continues: false, regulation, reason: 'a former officer remains subject to proceedings only for gross misconduct' };
  }
  // "First came to the attention of a relevant body": the earlier of the two dates given.
  const first =
    q.allegationReachedAaOn !== undefined && compareIsoDates(q.allegationReachedAaOn, q.allegationReceivedOn) < 0
      ? q.allegationReachedAaOn
      : q.allegationReceivedOn;
  // On the same day the order is unknown; either A or B applies, so the case continues either way.
  if (compareIsoDates(first, q.leftOn) <= 0) {
    return { continues: true, condition: 'A', regulation, reason: 'they left after the allegation came to the attention of a relevant body (condition A)' };
  }
  const rule = rules.formerOfficerConditionB;
  // "Did not exceed 12 months": an allegation on the anniversary of leaving is still in time.
  if (compareIsoDates(first, addCalendarMonths(q.leftOn, rule.length)) <= 0) {
    return {
      continues: true, condition: 'B', regulation,
      reason: `the allegation came to attention within ${rule.length} months of their leaving (condition B)`,
    };
  }
  if (q.directorGeneralDetermination) {
    return {
      continues: true, condition: 'C', regulation,
      reason: `the allegation came more than ${rule.length} months after they left, and the Director General made a special determination (condition C)`,
    };
  }
  return {
    continues: false, regulation,
    reason: `the allegation came more than ${rule.length} months after they left and the Director General has made no special determination (condition C not met)`,
  };
}

export interface AdvisoryListQuestion {
  /** The date the officer resigned or retired. */
  leftOn: IsoDate;
  /** The date the allegation came to the appropriate authority's attention; absent if it had not. */
  allegationReachedAaOn?: IsoDate;
  /** The date the proceedings concluded, if they have. */
  proceedingsConcludedOn?: IsoDate;
  /** The date the appropriate authority decided no proceedings would be brought, if it has. */
  noProceedingsDecidedOn?: IsoDate;
}

export interface AdvisoryListAnswer {
  required: boolean;
  regulation: 'BL&AL Regs reg 12';
  reason: string;
}

/**
 * Whether the appropriate authority must report a resignation or retirement for the advisory list:
 * after the allegation reached it and before the proceedings concluded, unless it had already
 * decided none would be brought (BL&AL Regs reg 12).
 */
export function advisoryListReportRequired(q: AdvisoryListQuestion): AdvisoryListAnswer {
  const regulation = 'BL&AL Regs reg 12';
  if (q.allegationReachedAaOn === undefined || compareIsoDates(q.allegationReachedAaOn, q.leftOn) > 0) {
    return { required: false, regulation, reason: 'they left before any allegation reached the appropriate authority' };
  }
  if (q.noProceedingsDecidedOn !== undefined && compareIsoDates(q.noProceedingsDecidedOn, q.leftOn) <= 0) {
    return { required: false, regulation, reason: 'the appropriate authority had already decided that no proceedings would be brought' };
  }
  if (q.proceedingsConcludedOn !== undefined && compareIsoDates(q.proceedingsConcludedOn, q.leftOn) <= 0) {
    return { required: false, regulation, reason: 'the proceedings had concluded before they left' };
  }
  return {
    required: true, regulation,
    reason: 'they resigned or retired after the allegation reached the appropriate authority and before the proceedings concluded',
  };
}
