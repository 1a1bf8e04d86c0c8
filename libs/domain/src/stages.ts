// The stages one subject passes through, and which decisions and events each stage allows.
// A refusal names the stage and the regulation, in words a user can act on.
import { REFLECTIVE_PRACTICE_EVENTS } from './reflective-practice';
import { VETTING_EVENTS } from './vetting';

export type SubjectStage =
  | 'severity-assessment'
  | 'investigation'
  | 'awaiting-case-to-answer'
  | 'misconduct-meeting'
  | 'misconduct-hearing'
  | 'accelerated-hearing'
  | 'outcome'
  | 'appeal'
  | 'closed';

export const SUBJECT_STAGES: readonly SubjectStage[] = [
  'severity-assessment',
  'investigation',
  'awaiting-case-to-answer',
  'misconduct-meeting',
  'misconduct-hearing',
  'accelerated-hearing',
  'outcome',
  'appeal',
  'closed',
];

export const STAGE_WORDS: Readonly<Record<SubjectStage, string>> = {
  'severity-assessment': 'severity assessment',
  investigation: 'investigation',
  'awaiting-case-to-answer': 'awaiting the case-to-answer decision',
  'misconduct-meeting': 'referred to a misconduct meeting',
  'misconduct-hearing': 'referred to a misconduct hearing',
  'accelerated-hearing': 'referred to an accelerated misconduct hearing',
  outcome: 'outcome',
  appeal: 'appeal window or appeal',
  closed: 'closed',
};

export type Role = 'appropriate-authority' | 'case-officer' | 'investigator' | 'oversight' | 'administrator';

/** The decisions a caller records on a subject's track (the other DECISION_RULES are the workflow's own steps). */
export const SUBJECT_DECISIONS = ['severity-assessment', 'severity-revision', 'case-to-answer', 'special-conditions', 'withdrawal', 'outcome', 'appeal-determination'] as const;
export type SubjectDecisionName = (typeof SUBJECT_DECISIONS)[number];

export type Decision = SubjectDecisionName | 'criminal-hold' | 'deadline-extension';

export interface StageRule {
  allowedIn: readonly SubjectStage[];
  regulation: string;
  /** Who records it. For outcomes and appeals the chair or panel decides and the case officer records. */
  madeBy: readonly Role[];
  /** A short id for the rule, for logs and API errors. */
  rule: string;
  /** What the regulation requires, completing "Under <regulation> it …". */
  requirement: string;
  /** The thing in words, for messages. */
  words: string;
  /** How far the rule is confirmed, where it is not plainly the regulation's text (as the deadline table: C, S, U), and from where. */
  status?: { status: 'C' | 'S' | 'U'; source: string };
}

const BEFORE_PROCEEDINGS: readonly SubjectStage[] = ['awaiting-case-to-answer', 'misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'];
const REFERRED: readonly SubjectStage[] = ['misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'];
const OPEN: readonly SubjectStage[] = SUBJECT_STAGES.filter((s) => s !== 'closed');
const ANY: readonly SubjectStage[] = SUBJECT_STAGES;

export const DECISION_RULES: Readonly<Record<Decision, StageRule>> = {
  'severity-assessment': {
    allowedIn: ['severity-assessment'], regulation: 'CR reg 14 / CMR reg 16',
    madeBy: ['appropriate-authority', 'investigator'], rule: 'severity-assessment-first',
    requirement: 'is made once, when the matter is first assessed, before the investigation', words: 'severity assessment',
  },
  'severity-revision': {
    allowedIn: ['investigation'], regulation: 'CMR reg 19',
    madeBy: ['appropriate-authority', 'investigator'], rule: 'severity-revision-during-investigation',
    requirement: 'revises the assessment during the investigation, with notice to the officer', words: 'revision of the severity assessment',
  },
  'case-to-answer': {
    allowedIn: ['awaiting-case-to-answer'], regulation: 'CR reg 23 / PRA 2002 Sch 3 para 24(6)',
    madeBy: ['appropriate-authority'], rule: 'case-to-answer-after-report',
    requirement: "is made by the appropriate authority on receiving the investigator's report", words: 'case-to-answer decision',
  },
  withdrawal: {
    allowedIn: BEFORE_PROCEEDINGS, regulation: 'CR reg 27',
    madeBy: ['appropriate-authority'], rule: 'withdrawal-before-proceedings',
    requirement: 'is possible only after the case-to-answer stage is reached and before the meeting or hearing is held',
    words: 'withdrawal of the case',
  },
  'special-conditions': {
    // Also after referral to an ordinary hearing: a conviction may satisfy the conditions later.
    allowedIn: ['investigation', 'awaiting-case-to-answer', 'misconduct-hearing'], regulation: 'CR reg 49',
    madeBy: ['appropriate-authority'], rule: 'special-conditions-before-hearing',
    requirement: 'is certified on the investigator\'s statement or report, before a hearing is held', words: 'special conditions certificate',
  },
  outcome: {
    allowedIn: REFERRED, regulation: 'CR reg 42',
    madeBy: ['case-officer', 'appropriate-authority', 'administrator'], rule: 'outcome-at-proceedings',
    requirement: 'is decided by the person conducting or chairing the meeting or hearing', words: 'outcome',
  },
  'appeal-determination': {
    // Determined by the appeal meeting's chair (CR reg 47) or the Police Appeals Tribunal, and recorded by the
    // force: the case officer (or an administrator acting for one), or the appropriate authority. Never by
    // oversight, which only reads.
    allowedIn: ['appeal'], regulation: 'CR reg 47',
    madeBy: ['case-officer', 'appropriate-authority', 'administrator'], rule: 'appeal-determination-on-appeal',
    requirement: 'is made on an appeal that has been lodged', words: 'appeal determination',
  },
  'criminal-hold': {
    allowedIn: ['severity-assessment', 'investigation', ...BEFORE_PROCEEDINGS], regulation: 'CR reg 10',
    madeBy: ['appropriate-authority'], rule: 'criminal-hold-before-proceedings',
    requirement: 'stops misconduct proceedings taking place while they would prejudice criminal proceedings',
    words: 'hold for criminal proceedings',
  },
  'deadline-extension': {
    allowedIn: OPEN, regulation: 'CR regs 18, 31, 33, 34, 45 / PRA 2002 Sch 3 para 28B',
    madeBy: ['appropriate-authority', 'investigator', 'case-officer', 'administrator'], rule: 'extension-while-open',
    requirement: 'extends an extendable period while the case is open, with the reason and who agreed',
    words: 'deadline extension',
  },
};

/** The events a caller records on a subject's track, in the order of the procedure. */
export const SUBJECT_EVENTS = [
  'notice-of-investigation-served',
  'notice-of-investigation-delayed',
  'representations-received',
  'interview-arranged',
  'disclosure-given',
  'interview-held',
  'investigator-report-submitted',
  'suspended',
  'suspension-reviewed',
  'suspension-lifted',
  'placed-on-restricted-duties',
  'redeployed',
  'returned-to-full-duties',
  'criminal-charge',
  'criminal-proceedings-concluded',
  'resigned',
  'retired',
  'notice-of-referral-served',
  'officer-response-received',
  'panel-objection-upheld',
  'panel-appointed',
  'panel-objection-made',
  'panel-objection-determined',
  'panel-member-replaced',
  'documents-supplied-to-chair',
  'pre-hearing-held',
  'proceedings-scheduled',
  'proceedings-held',
  'outcome-report-delivered',
  'outcome-notified',
  'appeal-lodged',
  'barred-list-report-sent',
  'advisory-list-report-sent',
  'list-report-details-supplied',
  ...REFLECTIVE_PRACTICE_EVENTS,
  ...VETTING_EVENTS,
] as const;
export type SubjectEventName = (typeof SUBJECT_EVENTS)[number];

/** The events EVENT_RULES governs: the subject's, and the complainant's update (a matter event, whose roles are kept here). */
export type SubjectEvent = SubjectEventName | 'complainant-updated';

/**
 * What the officer is doing while the case runs: full duties, restricted duties, redeployed to alternative duties or an
 * alternative location (the alternatives CR reg 11(4)(a) requires to be considered first), or suspended (CR reg 11).
 */
export const DUTIES = ['full', 'restricted', 'redeployed', 'suspended'] as const;
export type Duties = (typeof DUTIES)[number];

const RECORDERS: readonly Role[] = ['case-officer', 'investigator', 'administrator'];
/** The appropriate authority appoints the panel (through the chief officer and the local policing body); case officers record it. */
const PANEL_RECORDERS: readonly Role[] = ['appropriate-authority', 'case-officer', 'administrator'];
const PANEL_STAGES: readonly SubjectStage[] = ['misconduct-hearing', 'accelerated-hearing'];
const CASE_OFFICER: readonly Role[] = ['case-officer', 'administrator'];
/** The reviewer's report is agreed with the officer; the appropriate authority or a case officer records it and what follows. */
const REFLECTIVE_PRACTICE_RECORDERS: readonly Role[] = ['appropriate-authority', 'case-officer', 'administrator'];
/** The vetting authority (the chief officer) decides; the appropriate authority or a case officer records its steps on the track. */
const VETTING_RECORDERS: readonly Role[] = ['appropriate-authority', 'case-officer', 'administrator'];
const VETTING_STATUS = { status: 'S', source: 'SI 2025/502 Part 3 and its appeals: 5 Essex Court, Weightmans, Home Office statutory guidance of 22 July 2025 (the text of Part 3 not read)' } as const;
const vettingStep = (requirement: string, words: string): StageRule => ({
  allowedIn: ['closed'], regulation: 'SI 2025/502 Part 3', madeBy: VETTING_RECORDERS, rule: 'vetting-referred', requirement, words, status: VETTING_STATUS,
});
const RESTRICTED_DUTIES_STATUS = {
  status: 'U',
  source:
    'CR reg 11(4)(a) [C] names redeployment to alternative duties or an alternative location as what must be considered before suspension; ' +
    'no review period or time limit for restricted duties or redeployment was found [U], so none is set (suspension keeps its 4-week review)',
} as const;

export const EVENT_RULES: Readonly<Record<SubjectEvent, StageRule>> = {
  'notice-of-investigation-served': {
    allowedIn: ['investigation'], regulation: 'CR reg 17 / CMR reg 17', madeBy: RECORDERS, rule: 'notice-during-investigation',
    requirement: 'is served once the severity is assessed, as soon as reasonably practicable', words: 'notice of investigation',
  },
  'notice-of-investigation-delayed': {
    allowedIn: ['investigation'], regulation: 'CR reg 17 / CMR reg 17', madeBy: RECORDERS, rule: 'notice-delay-recorded',
    requirement: 'may be delayed only where service would prejudice the investigation, and the reason must be recorded', words: 'delay of the notice of investigation',
  },
  'representations-received': {
    allowedIn: ['investigation'], regulation: 'CR reg 18 / CMR reg 20', madeBy: RECORDERS, rule: 'representations-during-investigation',
    requirement: 'are given to the investigator during the investigation', words: "officer's representations",
  },
  'interview-arranged': {
    allowedIn: ['investigation'], regulation: 'CR reg 20', madeBy: RECORDERS, rule: 'interview-during-investigation',
    requirement: 'is arranged by the investigator during the investigation', words: 'interview arrangement',
  },
  'disclosure-given': {
    allowedIn: ['investigation'], regulation: 'CR reg 20', madeBy: RECORDERS, rule: 'disclosure-before-interview',
    requirement: 'is given before the interview, during the investigation', words: 'pre-interview disclosure',
  },
  'interview-held': {
    allowedIn: ['investigation'], regulation: 'CR reg 20', madeBy: RECORDERS, rule: 'interview-during-investigation',
    requirement: 'takes place during the investigation, after notice', words: 'interview',
  },
  'investigator-report-submitted': {
    allowedIn: ['investigation'], regulation: 'CR reg 21 / PRA 2002 Sch 3 para 22', madeBy: RECORDERS, rule: 'report-ends-investigation',
    requirement: 'ends the investigation', words: "investigator's report",
  },
  suspended: {
    allowedIn: OPEN, regulation: 'CR reg 11', madeBy: RECORDERS, rule: 'suspension-while-open',
    requirement: 'is possible while the case is open', words: 'suspension',
  },
  'suspension-reviewed': {
    allowedIn: OPEN, regulation: 'CR reg 11', madeBy: RECORDERS, rule: 'suspension-while-open',
    requirement: 'is reviewed while the case is open', words: 'suspension review',
  },
  'suspension-lifted': {
    allowedIn: OPEN, regulation: 'CR reg 11', madeBy: RECORDERS, rule: 'suspension-while-open',
    requirement: 'ends a suspension while the case is open', words: 'end of suspension',
  },
  // The alternatives to suspension: the officer keeps working, on restricted duties or redeployed. Not a suspension, so no
  // reg 11 review falls due.
  'placed-on-restricted-duties': {
    allowedIn: OPEN, regulation: 'CR reg 11(4)(a)', madeBy: RECORDERS, rule: 'duties-while-open',
    requirement: 'is an alternative to suspension, recorded while the case is open', words: 'placement on restricted duties',
    status: RESTRICTED_DUTIES_STATUS,
  },
  redeployed: {
    allowedIn: OPEN, regulation: 'CR reg 11(4)(a)', madeBy: RECORDERS, rule: 'duties-while-open',
    requirement: 'is redeployment to alternative duties or an alternative location, the alternative to suspension, recorded while the case is open',
    words: 'redeployment', status: RESTRICTED_DUTIES_STATUS,
  },
  'returned-to-full-duties': {
    allowedIn: OPEN, regulation: 'CR reg 11(4)(a)', madeBy: RECORDERS, rule: 'duties-while-open',
    requirement: 'ends restricted duties or a redeployment while the case is open', words: 'return to full duties',
    status: RESTRICTED_DUTIES_STATUS,
  },
  'criminal-charge': {
    allowedIn: OPEN, regulation: 'CR reg 10', madeBy: RECORDERS, rule: 'criminal-proceedings-while-open',
    requirement: 'is recorded while the case is open', words: 'criminal charge',
  },
  'criminal-proceedings-concluded': {
    allowedIn: OPEN, regulation: 'CR reg 10', madeBy: RECORDERS, rule: 'criminal-proceedings-while-open',
    requirement: 'is recorded while the case is open, and lets held proceedings resume', words: 'end of criminal proceedings',
  },
  resigned: {
    allowedIn: OPEN, regulation: 'CR reg 4 / BL&AL Regs reg 12', madeBy: RECORDERS, rule: 'leaving-while-open',
    requirement: 'is recorded while the case is open (advisory list; proceedings continue only for gross misconduct)', words: 'resignation',
  },
  retired: {
    allowedIn: OPEN, regulation: 'CR reg 4 / BL&AL Regs reg 12', madeBy: RECORDERS, rule: 'leaving-while-open',
    requirement: 'is recorded while the case is open (advisory list; proceedings continue only for gross misconduct)', words: 'retirement',
  },
  'notice-of-referral-served': {
    allowedIn: REFERRED, regulation: 'CR reg 30 / reg 51', madeBy: CASE_OFFICER, rule: 'notice-after-referral',
    requirement: 'is served after the case is referred to a meeting or hearing', words: 'notice of referral',
  },
  'officer-response-received': {
    allowedIn: REFERRED, regulation: 'CR reg 31 / reg 54', madeBy: CASE_OFFICER, rule: 'response-after-referral',
    requirement: 'answers a notice of referral', words: "officer's response",
  },
  'panel-objection-upheld': {
    allowedIn: ['accelerated-hearing'], regulation: 'CR reg 52(1A)', madeBy: CASE_OFFICER, rule: 'fresh-window-after-objection',
    requirement: 'opens a fresh window of 10 to 15 working days for an accelerated hearing', words: 'upheld objection to a panel member',
  },
  // Panels and chairs (panels.ts): which rules govern them is the matter's rule set (SI 2024/521 from 7 May 2024).
  'panel-appointed': {
    allowedIn: PANEL_STAGES, regulation: 'CR reg 28 / reg 2(4A)-(4D) / reg 30(1A)', madeBy: PANEL_RECORDERS, rule: 'panel-for-hearing',
    requirement: 'is appointed for a misconduct hearing or an accelerated hearing the case has been referred to, and named to the officer', words: 'appointment of the panel',
  },
  'panel-objection-made': {
    allowedIn: PANEL_STAGES, regulation: 'CR reg 30 / reg 51', madeBy: PANEL_RECORDERS, rule: 'objection-to-panel-member',
    requirement: 'names a member of the panel appointed, with the grounds, before the hearing', words: 'objection to a panel member',
  },
  'panel-objection-determined': {
    allowedIn: PANEL_STAGES, regulation: 'CR reg 30 / reg 51', madeBy: PANEL_RECORDERS, rule: 'objection-determined',
    requirement: 'determines an objection made to a panel member; one upheld leaves the place empty until a replacement is appointed', words: 'determination of an objection to a panel member',
  },
  'panel-member-replaced': {
    allowedIn: PANEL_STAGES, regulation: 'CR reg 30 / reg 52(1A)', madeBy: PANEL_RECORDERS, rule: 'replacement-after-upheld-objection',
    requirement: 'fills the place of a member whose objection was upheld (an accelerated hearing then has a fresh window of 10 to 15 working days from the replacement)', words: 'replacement of a panel member',
  },
  'documents-supplied-to-chair': {
    allowedIn: REFERRED, regulation: 'CR reg 32', madeBy: CASE_OFFICER, rule: 'documents-after-response',
    requirement: "follows the officer's response, within 10 working days", words: 'documents supplied to the chair',
  },
  'pre-hearing-held': {
    allowedIn: ['misconduct-hearing'], regulation: 'CR reg 33', madeBy: CASE_OFFICER, rule: 'pre-hearing-for-hearings',
    requirement: 'is held only before a misconduct hearing', words: 'pre-hearing',
  },
  'proceedings-scheduled': {
    allowedIn: REFERRED, regulation: 'CR reg 33 / reg 34 / reg 52', madeBy: CASE_OFFICER, rule: 'scheduling-after-referral',
    requirement: 'fixes the date of a meeting or hearing the case has been referred to', words: 'scheduling of proceedings',
  },
  'proceedings-held': {
    allowedIn: REFERRED, regulation: 'CR reg 33 / reg 34 / reg 52', madeBy: CASE_OFFICER, rule: 'proceedings-after-referral',
    requirement: 'is a meeting or hearing the case has been referred to', words: 'meeting or hearing',
  },
  'outcome-report-delivered': {
    allowedIn: ['outcome'], regulation: 'CR reg 43 / reg 63', madeBy: CASE_OFFICER, rule: 'report-after-proceedings',
    requirement: 'follows the meeting or hearing', words: 'outcome report',
  },
  'outcome-notified': {
    allowedIn: ['outcome'], regulation: 'CR reg 43 / reg 63', madeBy: CASE_OFFICER, rule: 'notification-after-proceedings',
    requirement: 'follows the meeting or hearing, with the right of appeal', words: 'notification of the outcome',
  },
  'appeal-lodged': {
    allowedIn: ['appeal'], regulation: 'CR reg 45 / PAT Rules 2020', madeBy: CASE_OFFICER, rule: 'appeal-after-outcome',
    requirement: 'follows the notified outcome', words: 'appeal',
  },
  'barred-list-report-sent': {
    allowedIn: ANY, regulation: 'BL&AL Regs reg 3 / reg 5', madeBy: CASE_OFFICER, rule: 'barred-list-report-after-finding',
    requirement: 'follows a dismissal or a "would have been dismissed" finding, within 5 working days (and, when a dismissal is overturned on appeal, the further report removing the entry)',
    words: 'barred-list report',
  },
  'advisory-list-report-sent': {
    allowedIn: ANY, regulation: 'BL&AL Regs reg 12', madeBy: CASE_OFFICER, rule: 'advisory-list-report-after-leaving',
    requirement: 'follows a resignation or retirement during proceedings, within 5 working days', words: 'advisory-list report',
  },
  'list-report-details-supplied': {
    allowedIn: ANY, regulation: 'BL&AL Regs reg 3 / reg 12', madeBy: ['appropriate-authority', ...CASE_OFFICER], rule: 'list-report-completed-while-owed',
    requirement: 'completes a barred or advisory list report that is still owed', words: 'details for a list report',
  },
  // Reflective practice (CR Part 6) follows a track closed by a referral to it: recorded on the closed track until done.
  'reflective-review-report-agreed': {
    allowedIn: ['closed'], regulation: 'CR reg 70', madeBy: REFLECTIVE_PRACTICE_RECORDERS, rule: 'reflective-practice-referred',
    requirement: 'follows a referral to the reflective practice review process, and sets the actions\' period and the review date',
    words: 'reflective review development report',
  },
  'reflective-practice-actions-completed': {
    allowedIn: ['closed'], regulation: 'CR reg 70', madeBy: REFLECTIVE_PRACTICE_RECORDERS, rule: 'reflective-practice-referred',
    requirement: 'completes the actions the reflective review development report agreed', words: 'completion of the reflective practice actions',
  },
  'reflective-practice-reviewed': {
    allowedIn: ['closed'], regulation: 'CR reg 70', madeBy: REFLECTIVE_PRACTICE_RECORDERS, rule: 'reflective-practice-referred',
    requirement: 'takes place on the review date the report set', words: 'reflective practice review',
  },
  'reflective-practice-checked': {
    allowedIn: ['closed'], regulation: 'CR reg 70', madeBy: REFLECTIVE_PRACTICE_RECORDERS, rule: 'reflective-practice-referred',
    requirement: "is the discussion at the officer's performance and development review within 12 months of the report", words: 'reflective practice check',
  },
  // The vetting route (SI 2025/502) follows a track closed by a referral to it (CR reg 14(2)(aa)): recorded on the closed track until done.
  'vetting-withdrawal-notice-served': vettingStep('follows a referral under the Vetting Regulations: the officer is told of the withdrawal assessment', 'notice of the vetting withdrawal assessment'),
  'vetting-representations-received': vettingStep('follows the notice of the withdrawal assessment', "officer's representations on the withdrawal of vetting clearance"),
  'vetting-clearance-kept': vettingStep('decides the withdrawal assessment: the officer keeps vetting clearance, and the route ends', 'decision to keep vetting clearance'),
  'vetting-clearance-withdrawn': vettingStep('decides the withdrawal assessment after notice to the officer: clearance withdrawn, the officer dismissed without notice and reported to the barred list', 'withdrawal of vetting clearance'),
  'vetting-appeal-lodged': vettingStep('follows a withdrawal of clearance: an appeal to the appeal panel', 'appeal to the vetting appeal panel'),
  'vetting-appeal-allowed': vettingStep('determines an appeal lodged: clearance restored, the dismissal overturned', 'vetting appeal allowed'),
  'vetting-appeal-dismissed': vettingStep('determines an appeal lodged: the withdrawal stands, and the Police Appeals Tribunal may be asked', 'vetting appeal dismissed'),
  'vetting-pat-appeal-lodged': vettingStep("follows the appeal panel's dismissal of an appeal", 'appeal to the Police Appeals Tribunal against the withdrawal of vetting clearance'),
  'vetting-pat-appeal-allowed': vettingStep('determines the appeal to the Tribunal: clearance restored, the dismissal overturned', "Tribunal's allowing of the vetting appeal"),
  'vetting-pat-appeal-dismissed': vettingStep('determines the appeal to the Tribunal: the withdrawal and dismissal stand', "Tribunal's dismissal of the vetting appeal"),
  'complainant-updated': {
    allowedIn: ANY, regulation: 'CMR reg 34', madeBy: CASE_OFFICER, rule: 'complainant-updates-any-time',
    requirement: 'is sent whenever due, and every update is recorded', words: 'complainant update',
  },
};

export type StageCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; reason: string };

function listStages(stages: readonly SubjectStage[]): string {
  return stages.map((s) => `"${STAGE_WORDS[s]}"`).join(', ');
}

function check(r: StageRule, stage: SubjectStage, role: Role | undefined): StageCheck {
  const word = r.words.charAt(0).toUpperCase() + r.words.slice(1);
  if (!r.allowedIn.includes(stage)) {
    return {
      allowed: false, rule: r.rule, regulation: r.regulation,
      reason:
        `${word} is not possible while the subject is at the "${STAGE_WORDS[stage]}" stage: under ${r.regulation} it ${r.requirement}. ` +
        `Allowed at: ${listStages(r.allowedIn)}.`,
    };
  }
  if (role !== undefined && !r.madeBy.includes(role)) {
    return {
      allowed: false, rule: `${r.rule}:role`, regulation: r.regulation,
      reason: `${word} is recorded by ${r.madeBy.join(' or ')}, not by ${role} (${r.regulation}).`,
    };
  }
  return { allowed: true };
}

/** Whether a decision may be made at this stage (and, if a role is given, by that role). */
export function checkDecision(stage: SubjectStage, decision: Decision, role?: Role): StageCheck {
  return check(DECISION_RULES[decision], stage, role);
}

/** Whether an event may be recorded at this stage (and, if a role is given, by that role). */
export function checkEvent(stage: SubjectStage, event: SubjectEvent, role?: Role): StageCheck {
  return check(EVENT_RULES[event], stage, role);
}
