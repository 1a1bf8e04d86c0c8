/**
 * What a barred-list report must carry (Police Barred List and Police Advisory List Regulations
 * 2017, reg 3), the further report when a dismissal is overturned (reg 5), and an advisory-list report (reg 12). A report missing any of these is refused, with
 * the fields named, and escalated to the appropriate authority instead of being sent incomplete.
 */
export const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  'barred-list-report': [
    'fullName',
    'forceId',
    'dateOfBirth',
    'rank',
    'warrantNumber',
    'conduct',
    'standardsBreached',
    'outcome',
    'decidedOn',
    'earlierAdvisoryListReport',
    'publicationExemption',
  ],
  'barred-list-removal': ['fullName', 'forceId', 'dateOfBirth', 'outcome', 'decidedOn'],
  'advisory-list-report': ['fullName', 'forceId', 'dateOfBirth', 'rank', 'warrantNumber', 'leftOn', 'allegationSummary', 'formOfProceedings'],
  'advisory-list-removal': ['fullName', 'forceId', 'dateOfBirth'],
};

/** The required fields a report lacks (empty strings and nulls count as missing; `false` is an answer). */
export function missingFields(purpose: string, payload: Record<string, unknown>): string[] {
  const required = REQUIRED_FIELDS[purpose] ?? [];
  return required.filter((f) => {
    const v = payload[f];
    return v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length);
  });
}
