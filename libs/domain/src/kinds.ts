// Kinds of matter, regimes and the words the regulations use for a subject's position.

/** PRA 2002 s.12: a complaint, a conduct matter (recordable or not) or a death or serious injury (DSI) matter. */
export const MATTER_KINDS = ['complaint', 'recordable-conduct-matter', 'conduct-matter', 'dsi-matter'] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

/** Each kind in words, for pages and messages. */
export const MATTER_KIND_WORDS: Readonly<Record<MatterKind, string>> = {
  complaint: 'Complaint',
  'recordable-conduct-matter': 'Recordable conduct matter',
  'conduct-matter': 'Conduct matter',
  'dsi-matter': 'Death or serious injury matter',
};

/**
 * Which rules govern the investigation: CR Part 3 for internal conduct matters, or PRA 2002 Sch 3
 * with CMR Part 3 for complaints, recordable conduct matters and DSI matters. The shape is the
 * same; only the citations differ.
 */
export type Regime = 'conduct-regulations' | 'schedule-3';

export function regimeFor(kind: MatterKind): Regime {
  return kind === 'conduct-matter' ? 'conduct-regulations' : 'schedule-3';
}

/** The CR apply to officers and special constables; police staff and designated volunteers follow their force's own procedures after the investigation. */
export const SUBJECT_KINDS = ['police-officer', 'police-staff', 'special-constable', 'designated-police-volunteer'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Whether one of the College of Policing's lists takes a kind of subject, under which regulation, and how sure that is. */
export interface ListCoverage {
  applies: boolean;
  regulation: string;
  status: 'C' | 'S' | 'U';
  source?: string;
}

export interface SubjectKindRule {
  /** What governs their misconduct. */
  governedBy: string;
  status: 'C' | 'S' | 'U';
  /** The Conduct Regulations' proceedings (severity, investigation, meeting or hearing); otherwise the force's own procedure after the investigation. */
  conductRegulations: boolean;
  /** Suspension, restricted duties and redeployment under CR reg 11. */
  suspension: boolean;
  /** Reported on resigning or retiring during proceedings (BL&AL Regs reg 12). */
  advisoryList: ListCoverage;
  /** Reported on dismissal or a "would have been dismissed" finding (BL&AL Regs reg 3). */
  barredList: ListCoverage;
}

/**
 * Who each kind of subject is: the rules that govern them and the two lists. Read once, here; the workflows ask this
 * table, never the kind's name. Unconfirmed coverage ([U]) is marked as such.
 */
export const SUBJECT_KIND_RULES: Readonly<Record<SubjectKind, SubjectKindRule>> = {
  'police-officer': {
    governedBy: 'Police (Conduct) Regulations 2020', status: 'C', conductRegulations: true, suspension: true,
    advisoryList: { applies: true, regulation: 'BL&AL Regs reg 12', status: 'C' },
    barredList: { applies: true, regulation: 'BL&AL Regs reg 3', status: 'C' },
  },
  'police-staff': {
    governedBy: "the force's own procedures after the investigation (the CR apply to officers)", status: 'S', conductRegulations: false, suspension: false,
    advisoryList: { applies: true, regulation: 'BL&AL Regs reg 12', status: 'S', source: 'the lists take members of police staff (Police Act 1996 Part 4A, secondary sources); the engine reported them before this table' },
    barredList: { applies: true, regulation: 'BL&AL Regs reg 3', status: 'S', source: "a dismissal under the force's own procedure is not recorded by the engine" },
  },
  'special-constable': {
    governedBy: 'Police (Conduct) Regulations 2020 (special constables are police officers in its definitions)', status: 'C', conductRegulations: true, suspension: true,
    advisoryList: { applies: true, regulation: 'BL&AL Regs reg 12', status: 'U', source: 'not read for special constables; taken as for officers' },
    barredList: { applies: true, regulation: 'BL&AL Regs reg 3', status: 'U', source: 'not read for special constables; taken as for officers' },
  },
  'designated-police-volunteer': {
    governedBy: "the force's own procedures (SI 2025/558 reg 6(2)(b) added the term to the CR [C]; what it brings them under was not read [U])", status: 'U',
    conductRegulations: false, suspension: false,
    advisoryList: { applies: true, regulation: 'BL&AL Regs reg 12(2)(f)', status: 'C' },
    barredList: { applies: false, regulation: 'BL&AL Regs reg 3', status: 'U', source: 'a volunteer is not dismissed under the CR; whether the barred list takes a volunteer was not read' },
  },
};

/** CR reg 14 / CMR reg 16: what the conduct would be, if proved. */
export const SEVERITIES = ['misconduct', 'gross-misconduct', 'neither'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** CR reg 23: whether there is a case to answer, and for what. */
export const CASE_TO_ANSWER_FINDINGS = ['misconduct', 'gross-misconduct', 'none'] as const;
export type CaseToAnswerFinding = (typeof CASE_TO_ANSWER_FINDINGS)[number];

/**
 * CR reg 21A(3) (Part 3A, inserted by SI 2025/558): why a former officer goes to a misconduct hearing rather than
 * the accelerated misconduct hearing Part 3A presumes: the officer chose one, or the appropriate authority decided
 * one is necessary. Recorded on the case-to-answer decision as misconductHearingBecause.
 */
export const FORMER_OFFICER_MISCONDUCT_HEARING_REASONS = ['officer-chose-misconduct-hearing', 'appropriate-authority-decided-necessary'] as const;
export type FormerOfficerMisconductHearingReason = (typeof FORMER_OFFICER_MISCONDUCT_HEARING_REASONS)[number];

/** CR reg 14 / CMR reg 16: the form misconduct proceedings would be likely to take. */
export const LIKELY_FORMS = ['meeting', 'hearing'] as const;
export type LikelyForm = (typeof LIKELY_FORMS)[number];

/** PRA 2002 Sch 3 para 15: how the Director General decides the matter is investigated, or referred back. */
export const MODES_OF_INVESTIGATION = ['local', 'directed', 'independent', 'referred-back'] as const;
export type ModeOfInvestigation = (typeof MODES_OF_INVESTIGATION)[number];

/**
 * Where a case goes when no proceedings follow: reflective practice (CR Part 6), the performance regulations,
 * no further action, or a referral to vetting.
 */
export const NO_PROCEEDINGS_ROUTES = ['reflective-practice', 'performance-regulations', 'no-further-action', 'vetting-referral'] as const;
export type NoProceedingsRoute = (typeof NO_PROCEEDINGS_ROUTES)[number];

/** CMR reg 7(1): the descriptions of conduct that make a conduct matter recordable. */
export type RecordableCategory =
  | 'serious-assault'
  | 'serious-sexual-offence'
  | 'serious-corruption'
  | 'discrimination-aggravated'
  | 'relevant-offence'
  | 'gravity-or-exceptional-circumstances'
  | 'chief-officer-conduct'
  | 'same-incident';

export interface RecordableCategoryRule {
  regulation: string;
  words: string;
  /** True where a complaint or recordable conduct matter in this category must be referred to the IOPC. */
  mustRefer: boolean;
  /** The matching description for complaints, where there is one. */
  complaintRegulation?: string;
}

export const RECORDABLE_CATEGORIES: Readonly<Record<RecordableCategory, RecordableCategoryRule>> = {
  'serious-assault': { regulation: 'CMR reg 7(1)(a)', words: 'a serious assault', mustRefer: true, complaintRegulation: 'CMR reg 4(1)(a)(i)' },
  'serious-sexual-offence': {
    regulation: 'CMR reg 7(1)(b)', words: 'a serious sexual offence', mustRefer: true, complaintRegulation: 'CMR reg 4(1)(a)(ii)',
  },
  'serious-corruption': {
    regulation: 'CMR reg 7(1)(c)',
    words: 'serious corruption, including abuse of position for a sexual purpose or an improper emotional relationship',
    mustRefer: true,
    complaintRegulation: 'CMR reg 4(1)(a)(iii)',
  },
  'discrimination-aggravated': {
    regulation: 'CMR reg 7(1)(d)',
    words: 'a criminal offence or behaviour liable to lead to disciplinary proceedings, aggravated by discriminatory behaviour',
    mustRefer: true,
    complaintRegulation: 'CMR reg 4(1)(a)(iv)',
  },
  'relevant-offence': { regulation: 'CMR reg 7(1)(e)', words: 'a relevant offence', mustRefer: true, complaintRegulation: 'CMR reg 4(1)(a)(v)' },
  // Gravity alone makes a matter recordable; referring it is the appropriate authority's choice.
  'gravity-or-exceptional-circumstances': {
    regulation: 'CMR reg 7(1)(f)',
    words: 'conduct whose gravity or other exceptional circumstances make it appropriate to record the matter',
    mustRefer: false,
  },
  // Referral is conditional for a chief officer (CMR reg 4(1)(c)); the engine errs towards referring.
  'chief-officer-conduct': {
    regulation: 'CMR reg 7(1)(g)',
    words: 'conduct of a chief officer or the Deputy Commissioner of Police of the Metropolis',
    mustRefer: true,
    complaintRegulation: 'CMR reg 4(1)(c)',
  },
  'same-incident': {
    regulation: 'CMR reg 7(1)(h)',
    words: 'conduct alleged in the same incident as conduct in (a) to (e)',
    mustRefer: true,
    complaintRegulation: 'CMR reg 4(1)(b)',
  },
};

/** A ground for referral: a CMR reg 7 category, or a death or serious injury (Sch 3 paras 4(1)(a), 13(1)(a)). */
export type ReferralGround = RecordableCategory | 'death-or-serious-injury';

export interface ReferralRequirement {
  required: boolean;
  regulation: string;
  reason: string;
}

/** Whether the appropriate authority must refer the matter to the IOPC (CMR reg 4; Sch 3 paras 4, 13 and 14C). */
export function mustReferToIopc(kind: MatterKind, grounds: readonly ReferralGround[]): ReferralRequirement {
  if (kind === 'dsi-matter') {
    return { required: true, regulation: 'PRA 2002 Sch 3 para 14C', reason: 'every DSI matter must be referred to the IOPC' };
  }
  // A conduct matter in any reg 7 category is recordable, whatever it was first called.
  if (kind === 'conduct-matter' && grounds.length === 0) {
    return {
      required: false,
      regulation: 'CMR reg 7',
      reason: 'a conduct matter outside the recordable categories is handled by the force under the Conduct Regulations',
    };
  }
  const regulation = kind === 'complaint' ? 'CMR reg 4' : 'PRA 2002 Sch 3 para 13(1)(b); CMR reg 7';
  if (grounds.includes('death-or-serious-injury')) {
    const para = kind === 'complaint' ? 'PRA 2002 Sch 3 para 4(1)(a)' : 'PRA 2002 Sch 3 para 13(1)(a)';
    return { required: true, regulation: para, reason: 'the conduct is alleged to have resulted in death or serious injury' };
  }
  const serious = grounds.filter(
    (g): g is RecordableCategory => g !== 'death-or-serious-injury' && RECORDABLE_CATEGORIES[g].mustRefer,
  );
  const first = serious[0];
  if (first !== undefined) {
    const rule = RECORDABLE_CATEGORIES[first];
    const cited = kind === 'complaint' ? (rule.complaintRegulation ?? regulation) : `PRA 2002 Sch 3 para 13(1)(b); ${rule.regulation}`;
    return { required: true, regulation: cited, reason: `the matter concerns ${rule.words}` };
  }
  return {
    required: false,
    regulation,
    reason: 'no category requiring referral applies; the appropriate authority may still refer voluntarily',
  };
}
