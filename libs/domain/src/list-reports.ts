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
