// What the barred and advisory lists need to know, beyond the identity the referral carries.

/**
 * The Standards of Professional Behaviour (Police (Conduct) Regulations 2020, Schedule 2): a
 * barred-list report names the ones the conduct breached (Police Barred List and Police Advisory
 * List Regulations 2017, reg 3).
 */
export const STANDARDS_OF_PROFESSIONAL_BEHAVIOUR = [
  'honesty-and-integrity',
  'authority-respect-and-courtesy',
  'equality-and-diversity',
  'use-of-force',
  'orders-and-instructions',
  'duties-and-responsibilities',
  'confidentiality',
  'fitness-for-work',
  'discreditable-conduct',
  'challenging-and-reporting-improper-conduct',
] as const;

export type StandardOfProfessionalBehaviour = (typeof STANDARDS_OF_PROFESSIONAL_BEHAVIOUR)[number];

/**
 * Whether the appropriate authority asks the College of Policing not to publish the entry, and
 * why (BL&AL Regs reg 3: the report carries the information the College needs to decide on
 * publication). `requested: false` is an answer; a missing value is not.
 */
export interface PublicationExemption {
  requested: boolean;
  grounds?: string;
}

/** The reports the appropriate authority makes to the College of Policing about one person. */
export const LIST_REPORTS = ['barred-list-report', 'barred-list-removal', 'advisory-list-report', 'advisory-list-removal'] as const;
export type ListReport = (typeof LIST_REPORTS)[number];

/**
 * What the appropriate authority may supply afterwards to complete a list report that was refused
 * for a missing field. A corrected report is sent in full, naming the one it completes.
 */
export interface ListReportDetails {
  fullName?: string;
  dateOfBirth?: string;
  rank?: string;
  warrantNumber?: string;
  conduct?: string;
  standardsBreached?: StandardOfProfessionalBehaviour[];
  publicationExemption?: PublicationExemption;
  allegationSummary?: string;
}

export const LIST_REPORT_DETAIL_FIELDS: readonly (keyof ListReportDetails)[] = [
  'fullName',
  'dateOfBirth',
  'rank',
  'warrantNumber',
  'conduct',
  'standardsBreached',
  'publicationExemption',
  'allegationSummary',
];

/** The deadline that stays open while each report is owed (the same key in the deadline book). */
export const LIST_REPORT_REGULATION: Record<ListReport, string> = {
  'barred-list-report': 'BL&AL Regs reg 3',
  'barred-list-removal': 'BL&AL Regs reg 5',
  'advisory-list-report': 'BL&AL Regs reg 12',
  'advisory-list-removal': 'Police Act 1996 s.88L',
};
