/**
 * Allegations: what is alleged, against which subjects, its category in the IOPC's complaint categories, the
 * Standards of Professional Behaviour it engages (CR Sch 2), and later a finding per subject.
 *
 * The categories: the IOPC's "Guidance on capturing data about police complaints" (February 2020, updated January
 * 2021; only its introduction could be read here) sets them for the Home Secretary's Annual Data Requirement. Their
 * names below are as the IOPC's own statistics report them (Police complaints: statistics for England and Wales
 * 2024/25, table 6: the eleven categories; table 18: the subcategories), so each carries a status:
 * [S] the name read in those tables; [U] a subcategory name not read there (the table was cut short where read).
 * The codes (a letter per category, a number per subcategory) are this engine's, not the guidance's.
 */
import { FINDINGS, type Finding } from './outcomes';
import { STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, type StandardOfProfessionalBehaviour } from './list-reports';

export const IOPC_CATEGORY_SOURCE =
  "IOPC, Guidance on capturing data about police complaints (February 2020, updated January 2021); names as in the IOPC's Police complaints: statistics for England and Wales 2024/25, tables 6 and 18";

export const IOPC_CATEGORY_GROUPS = {
  A: { name: 'Delivery of duties and service', status: 'S' },
  B: { name: 'Police powers, policies and procedures', status: 'S' },
  C: { name: 'Individual behaviours', status: 'S' },
  D: { name: 'Discriminatory behaviour', status: 'S' },
  E: { name: 'Abuse of position / corruption', status: 'S' },
  F: { name: 'Sexual conduct', status: 'S' },
  G: { name: 'Access and/or disclosure of information', status: 'S' },
  H: { name: 'Other', status: 'S' },
  I: { name: 'Handling of or damage to property / premises', status: 'S' },
  J: { name: 'Use of police vehicles', status: 'S' },
  K: { name: 'Discreditable conduct', status: 'S' },
} as const;
export type IopcCategoryGroup = keyof typeof IOPC_CATEGORY_GROUPS;

/** Each category once: its code, name and group; status as above. */
export const IOPC_COMPLAINT_CATEGORIES = [
  { code: 'A1', group: 'A', name: 'Police action following contact', status: 'S' },
  { code: 'A2', group: 'A', name: 'Decisions', status: 'S' },
  { code: 'A3', group: 'A', name: 'Information', status: 'S' },
  { code: 'A4', group: 'A', name: 'General level of service', status: 'S' },
  { code: 'B1', group: 'B', name: 'Stops, and stop and search', status: 'S' },
  { code: 'B2', group: 'B', name: 'Searches of premises and seizure of property', status: 'S' },
  { code: 'B3', group: 'B', name: 'Power to arrest and detain', status: 'S' },
  { code: 'B4', group: 'B', name: 'Use of force', status: 'S' },
  { code: 'B5', group: 'B', name: 'Detention in police custody', status: 'S' },
  { code: 'B6', group: 'B', name: 'Bail, identification and interview procedures', status: 'S' },
  { code: 'B7', group: 'B', name: 'Evidential procedures', status: 'S' },
  { code: 'B8', group: 'B', name: 'Out of court disposals', status: 'S' },
  { code: 'B9', group: 'B', name: 'Other policies and procedures', status: 'S' },
  { code: 'C1', group: 'C', name: 'Impolite language or tone', status: 'U' },
  { code: 'C2', group: 'C', name: 'Impolite and intolerant actions', status: 'U' },
  { code: 'C3', group: 'C', name: 'Unprofessional attitude and disrespect', status: 'U' },
  { code: 'C4', group: 'C', name: 'Lack of fairness and impartiality', status: 'U' },
  { code: 'C5', group: 'C', name: 'Overbearing or harassing behaviours', status: 'U' },
  // The protected characteristics of the Equality Act 2010 s.4, and one for any other ground.
  { code: 'D1', group: 'D', name: 'Race', status: 'S' },
  { code: 'D2', group: 'D', name: 'Sex', status: 'S' },
  { code: 'D3', group: 'D', name: 'Religion or belief', status: 'S' },
  { code: 'D4', group: 'D', name: 'Age', status: 'S' },
  { code: 'D5', group: 'D', name: 'Disability', status: 'S' },
  { code: 'D6', group: 'D', name: 'Sexual orientation', status: 'S' },
  { code: 'D7', group: 'D', name: 'Gender reassignment', status: 'S' },
  { code: 'D8', group: 'D', name: 'Marriage and civil partnership', status: 'S' },
  { code: 'D9', group: 'D', name: 'Pregnancy and maternity', status: 'S' },
  { code: 'D10', group: 'D', name: 'Other', status: 'S' },
  { code: 'E1', group: 'E', name: 'Abuse of position for sexual purpose', status: 'S' },
  { code: 'E2', group: 'E', name: 'Abuse of position for the purpose of pursuing an inappropriate emotional relationship', status: 'S' },
  { code: 'E3', group: 'E', name: 'Abuse of position for financial purpose', status: 'S' },
  { code: 'E4', group: 'E', name: 'Abuse of position for other purpose', status: 'S' },
  { code: 'E5', group: 'E', name: 'Obstruction of justice', status: 'S' },
  { code: 'E6', group: 'E', name: 'Organisational corruption', status: 'S' },
  { code: 'F1', group: 'F', name: 'Sexual assault', status: 'U' },
  { code: 'F2', group: 'F', name: 'Sexual harassment', status: 'U' },
  { code: 'F3', group: 'F', name: 'Other sexual conduct', status: 'U' },
  { code: 'G1', group: 'G', name: 'Use of police systems', status: 'S' },
  { code: 'G2', group: 'G', name: 'Disclosure of information', status: 'S' },
  { code: 'G3', group: 'G', name: 'Handling of information', status: 'S' },
  { code: 'G4', group: 'G', name: 'Accessing and handling of information from other sources', status: 'S' },
  { code: 'H1', group: 'H', name: 'Other', status: 'S' },
  { code: 'I1', group: 'I', name: 'Handling of or damage to property / premises', status: 'S' },
  { code: 'J1', group: 'J', name: 'Use of police vehicles', status: 'S' },
  // Its subcategories were not read: one code for the category until they are.
  { code: 'K1', group: 'K', name: 'Discreditable conduct', status: 'U' },
] as const satisfies readonly { code: string; group: IopcCategoryGroup; name: string; status: 'S' | 'U' }[];

export type IopcCategoryCode = (typeof IOPC_COMPLAINT_CATEGORIES)[number]['code'];
export const IOPC_CATEGORY_CODES: readonly IopcCategoryCode[] = IOPC_COMPLAINT_CATEGORIES.map((c) => c.code);

export function iopcCategory(code: string) {
  return IOPC_COMPLAINT_CATEGORIES.find((c) => c.code === code);
}

/** An allegation as a matter holds it. `alleged` is what is alleged, in the words recorded. */
export interface Allegation {
  id: string;
  alleged: string;
  subjectIds: string[];
  category: IopcCategoryCode;
  standards: StandardOfProfessionalBehaviour[];
}

/**
 * A finding on one allegation for one subject: the outcome stage's own terms (CR reg 41(15): misconduct, gross
 * misconduct, or neither); "proven" is misconduct or gross misconduct, "not proven" is neither.
 */
export interface AllegationFinding {
  allegationId: string;
  finding: Finding;
}
export const ALLEGATION_FINDINGS = FINDINGS;

/** The decisions that may name the allegations they concern: the assessment and its revision (CR reg 14 / CMR reg 19) and case to answer (CR reg 23). */
export const DECISIONS_NAMING_ALLEGATIONS = ['severity-assessment', 'severity-revision', 'case-to-answer'] as const;

/** A refusal of bad allegation input: the field at fault, the rule, and why. */
export interface AllegationProblem {
  field: string;
  rule: string;
  regulation: string | null;
  reason: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * One allegation checked against the matter: its id new and well formed, something alleged, subjects of the matter,
 * a known IOPC category, known standards. `field` is where it sits in the request ("allegations[0]").
 */
export function checkAllegation(a: Partial<Allegation> | null | undefined, field: string, subjectIds: readonly string[], existingIds: readonly string[]): AllegationProblem | null {
  if (!a || typeof a !== 'object') return { field, rule: 'allegation-given', regulation: null, reason: `${field} must be an allegation` };
  if (typeof a.id !== 'string' || !ID.test(a.id)) return { field: `${field}.id`, rule: 'allegation-id', regulation: null, reason: `${field}.id must be 1-64 letters, digits, dots, dashes or underscores` };
  if (existingIds.includes(a.id)) return { field: `${field}.id`, rule: 'allegation-id-unique', regulation: null, reason: `${field}.id '${a.id}' is already an allegation of this matter` };
  if (typeof a.alleged !== 'string' || !a.alleged.trim()) return { field: `${field}.alleged`, rule: 'allegation-alleged', regulation: null, reason: `${field}.alleged must say what is alleged` };
  if (!IOPC_CATEGORY_CODES.includes(a.category as IopcCategoryCode)) {
    return { field: `${field}.category`, rule: 'allegation-category-known', regulation: IOPC_CATEGORY_SOURCE, reason: `${field}.category must be one of the IOPC's complaint categories (${IOPC_CATEGORY_CODES.join(', ')}), not ${JSON.stringify(a.category)}` };
  }
  if (!Array.isArray(a.subjectIds) || a.subjectIds.length === 0) return { field: `${field}.subjectIds`, rule: 'allegation-against-subjects', regulation: null, reason: `${field}.subjectIds must name at least one subject of the matter` };
  const strangers = a.subjectIds.filter((x) => !subjectIds.includes(x));
  if (strangers.length) return { field: `${field}.subjectIds`, rule: 'allegation-against-subjects', regulation: null, reason: `${field}.subjectIds names no subject of this matter: ${strangers.join(', ')}` };
  if (new Set(a.subjectIds).size !== a.subjectIds.length) return { field: `${field}.subjectIds`, rule: 'allegation-against-subjects', regulation: null, reason: `${field}.subjectIds names a subject twice` };
  if (!Array.isArray(a.standards)) return { field: `${field}.standards`, rule: 'allegation-standards-known', regulation: 'CR Sch 2', reason: `${field}.standards must list the Standards of Professional Behaviour engaged (may be empty)` };
  const unknown = a.standards.filter((x) => !(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as readonly string[]).includes(x));
  if (unknown.length) return { field: `${field}.standards`, rule: 'allegation-standards-known', regulation: 'CR Sch 2', reason: `${field}.standards must be Standards of Professional Behaviour (${STANDARDS_OF_PROFESSIONAL_BEHAVIOUR.join(', ')}), not ${unknown.join(', ')}` };
  return null;
}

/** A list of allegations given together (at referral): each checked, ids unique among them too. */
export function checkAllegations(list: readonly Partial<Allegation>[], field: string, subjectIds: readonly string[], existingIds: readonly string[] = []): AllegationProblem | null {
  const seen = [...existingIds];
  for (const [i, a] of list.entries()) {
    const problem = checkAllegation(a, `${field}[${i}]`, subjectIds, seen);
    if (problem) return problem;
    seen.push(a.id!);
  }
  return null;
}

/** A decision on one subject naming allegations: each must be an allegation of the matter against that subject. */
export function checkAllegationsNamed(ids: readonly string[], field: string, against: readonly Pick<Allegation, 'id' | 'subjectIds'>[], subjectId: string): AllegationProblem | null {
  for (const [i, id] of ids.entries()) {
    const a = against.find((x) => x.id === id);
    if (!a) return { field: `${field}[${i}]`, rule: 'allegation-known', regulation: null, reason: `${field}[${i}] '${id}' is not an allegation of this matter` };
    if (!a.subjectIds.includes(subjectId)) return { field: `${field}[${i}]`, rule: 'allegation-against-subject', regulation: null, reason: `${field}[${i}] '${id}' is not alleged against ${subjectId}` };
  }
  if (new Set(ids).size !== ids.length) return { field, rule: 'allegation-named-once', regulation: null, reason: `${field} names an allegation twice` };
  return null;
}

/** The findings given with an outcome: one per allegation against the subject, each in the outcome stage's terms (CR reg 41(15)). */
export function checkAllegationFindings(findings: readonly Partial<AllegationFinding>[], field: string, against: readonly Pick<Allegation, 'id' | 'subjectIds'>[], subjectId: string): AllegationProblem | null {
  const named = checkAllegationsNamed(findings.map((f) => String(f?.allegationId)), field, against, subjectId);
  if (named) return { ...named, field: named.field.replace(/\]$/, '].allegationId') };
  for (const [i, f] of findings.entries()) {
    if (!(FINDINGS as readonly string[]).includes(f.finding as string)) {
      return { field: `${field}[${i}].finding`, rule: 'allegation-finding-known', regulation: 'CR reg 41(15)', reason: `${field}[${i}].finding must be one of ${FINDINGS.join(', ')}` };
    }
  }
  return null;
}

/** Only the decisions the regulations tie to allegations carry them: the ones above name them, an outcome (or an appeal allowed) finds on them. */
export function checkAllegationFieldsOfDecision(decision: string, given: { allegations?: unknown; allegationFindings?: unknown; result?: unknown }): AllegationProblem | null {
  if (given.allegations !== undefined && !(DECISIONS_NAMING_ALLEGATIONS as readonly string[]).includes(decision)) {
    return { field: 'allegations', rule: 'allegations-named-by', regulation: 'CR reg 14 / CMR reg 19 / CR reg 23', reason: `allegations: only ${DECISIONS_NAMING_ALLEGATIONS.join(', ')} name the allegations they concern, not ${decision}` };
  }
  if (given.allegationFindings !== undefined && !findsOnAllegations(decision, given.result)) {
    const reason =
      decision === 'appeal-determination'
        ? 'allegationFindings: an appeal dismissed leaves the findings as the proceedings made them; findings are given with an appeal allowed'
        : `allegationFindings: findings on allegations are recorded with an outcome, or an appeal allowed, not ${decision}`;
    return { field: 'allegationFindings', rule: 'allegation-findings-with-outcome', regulation: 'CR reg 41(15) / CR reg 47', reason };
  }
  return null;
}

/**
 * The decisions that find on allegations: the outcome (CR reg 41(15)), and an appeal allowed (CR reg 47, or the Police
 * Appeals Tribunal), whose findings replace the outcome's. An appeal dismissed leaves them as they were.
 */
export function findsOnAllegations(decision: string, result?: unknown): boolean {
  return decision === 'outcome' || (decision === 'appeal-determination' && result === 'allowed');
}

/** Whether a finding proves the allegation (for the returns: proven / not proven). */
export function allegationProven(finding: Finding): boolean {
  return finding !== 'neither';
}
