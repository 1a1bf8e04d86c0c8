/**
 * Protected characteristics of a person of the force (Equality Act 2010 s.4), as far as the Home Office's case-level
 * police misconduct return asks for them: its statistics publish outcomes "by protected characteristics (age,
 * ethnicity and gender)", so the return wants the subject's sex, ethnicity and age. Each list carries its source and a
 * status, as libs/domain/src/allegations.ts does: [S] read in its source; [U] not confirmed there.
 */
import { compareIsoDates, isIsoDate, type IsoDate } from './time';

/**
 * The Home Office asks for "gender"; the Equality Act 2010 s.4 names the characteristic "sex" (s.11), and the
 * return's own list of values could not be read here. [U]
 */
export const SEX_SOURCE = "Home Office, police misconduct statistics ('gender'); Equality Act 2010 ss.4 and 11 ('sex'); the return's values not read [U]";

export const SEXES = [
  { code: 'female', words: 'Female', status: 'U' },
  { code: 'male', words: 'Male', status: 'U' },
  { code: 'not-stated', words: 'Not stated', status: 'U' },
] as const satisfies readonly { code: string; words: string; status: 'S' | 'U' }[];

export type Sex = (typeof SEXES)[number]['code'];
export const SEX_CODES: readonly Sex[] = SEXES.map((s) => s.code);

export const ETHNICITY_SOURCE = 'ONS, Census 2021 (England and Wales): ethnic group, 19 categories in 5 high-level groups';

/** The ONS's five high-level groups, in the census's words. [S] */
export const ETHNIC_GROUPS = {
  asian: { words: 'Asian, Asian British or Asian Welsh', status: 'S' },
  black: { words: 'Black, Black British, Black Welsh, Caribbean or African', status: 'S' },
  mixed: { words: 'Mixed or Multiple ethnic groups', status: 'S' },
  white: { words: 'White', status: 'S' },
  other: { words: 'Other ethnic group', status: 'S' },
} as const;
export type EthnicGroup = keyof typeof ETHNIC_GROUPS;
export const ETHNIC_GROUP_CODES = Object.keys(ETHNIC_GROUPS) as EthnicGroup[];

/** The census's 19 ethnic groups, each with its high-level group, and "not stated" (the person did not say), which has none. */
export const ETHNICITIES = [
  { code: 'asian-bangladeshi', group: 'asian', words: 'Bangladeshi', status: 'S' },
  { code: 'asian-chinese', group: 'asian', words: 'Chinese', status: 'S' },
  { code: 'asian-indian', group: 'asian', words: 'Indian', status: 'S' },
  { code: 'asian-pakistani', group: 'asian', words: 'Pakistani', status: 'S' },
  { code: 'asian-other', group: 'asian', words: 'Other Asian', status: 'S' },
  { code: 'black-african', group: 'black', words: 'African', status: 'S' },
  { code: 'black-caribbean', group: 'black', words: 'Caribbean', status: 'S' },
  { code: 'black-other', group: 'black', words: 'Other Black', status: 'S' },
  { code: 'mixed-white-and-asian', group: 'mixed', words: 'White and Asian', status: 'S' },
  { code: 'mixed-white-and-black-african', group: 'mixed', words: 'White and Black African', status: 'S' },
  { code: 'mixed-white-and-black-caribbean', group: 'mixed', words: 'White and Black Caribbean', status: 'S' },
  { code: 'mixed-other', group: 'mixed', words: 'Other Mixed or Multiple ethnic groups', status: 'S' },
  { code: 'white-british', group: 'white', words: 'English, Welsh, Scottish, Northern Irish or British', status: 'S' },
  { code: 'white-irish', group: 'white', words: 'Irish', status: 'S' },
  { code: 'white-gypsy-or-irish-traveller', group: 'white', words: 'Gypsy or Irish Traveller', status: 'S' },
  { code: 'white-roma', group: 'white', words: 'Roma', status: 'S' },
  { code: 'white-other', group: 'white', words: 'Other White', status: 'S' },
  { code: 'other-arab', group: 'other', words: 'Arab', status: 'S' },
  { code: 'other-any-other', group: 'other', words: 'Any other ethnic group', status: 'S' },
  { code: 'not-stated', group: null, words: 'Not stated', status: 'U' },
] as const satisfies readonly { code: string; group: EthnicGroup | null; words: string; status: 'S' | 'U' }[];

export type Ethnicity = (typeof ETHNICITIES)[number]['code'];
export const ETHNICITY_CODES: readonly Ethnicity[] = ETHNICITIES.map((e) => e.code);

export function ethnicityOf(code: string) {
  return ETHNICITIES.find((e) => e.code === code);
}

/** The ethnicity in words, with its high-level group: "White: Irish"; "Not stated" alone. */
export function ethnicityInWords(code: string): string {
  const e = ethnicityOf(code);
  if (!e) return code;
  return e.group ? `${ETHNIC_GROUPS[e.group].words}: ${e.words}` : e.words;
}

export function sexInWords(code: string): string {
  return SEXES.find((s) => s.code === code)?.words ?? code;
}

/** An age band of the return: `from` and `to` are whole years, both inclusive; the last has no upper end (`to: null`). */
export interface AgeBandRule {
  code: string;
  from: number;
  to: number | null;
}

/**
 * The age bands of the return. The Home Office's own bands could not be read here, so these are this engine's [U], and
 * HOME_OFFICE_AGE_BANDS replaces them (checked at start by checkAgeBands).
 */
export const AGE_BANDS = [
  { code: 'under-26', from: 0, to: 25, status: 'U' },
  { code: '26-35', from: 26, to: 35, status: 'U' },
  { code: '36-45', from: 36, to: 45, status: 'U' },
  { code: '46-55', from: 46, to: 55, status: 'U' },
  { code: '56-and-over', from: 56, to: null, status: 'U' },
] as const satisfies readonly (AgeBandRule & { status: 'S' | 'U' })[];
export type AgeBand = (typeof AGE_BANDS)[number]['code'];

/**
 * Age in whole years on a day. A person attains an age at the start of the anniversary of their birth (Family Law
 * Reform Act 1969 s.9). Which day is the anniversary of 29 February in a common year was not confirmed here [U]: this
 * engine counts it from 1 March (the birthday has not come while the month and day are before 29 February's).
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const birthdayCome = m > bm || (m === bm && d >= bd);
  return y - by - (birthdayCome ? 0 : 1);
}

/** The band of the age on a day: the defaults, or the bands configured (HOME_OFFICE_AGE_BANDS). */
export function ageBandOn(dateOfBirth: IsoDate, on: IsoDate, bands: readonly AgeBandRule[] = AGE_BANDS): string {
  const age = ageOn(dateOfBirth, on);
  const band = bands.find((b) => age >= b.from && (b.to === null || age <= b.to));
  if (!band) throw new RangeError(`no age band holds age ${age}: the bands must run from 0 without a gap (checkAgeBands)`);
  return band.code;
}

const BAND_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 150;

/** Bands given in place of the defaults: each age from 0 in exactly one, in order, the last open-ended; every problem named. */
export function checkAgeBands(bands: unknown, field: string): { field: string; reason: string }[] {
  if (!Array.isArray(bands) || bands.length === 0) return [{ field, reason: 'must be a list of bands: [{"code", "from", "to"}, ...], the last with "to": null' }];
  const problems: { field: string; reason: string }[] = [];
  let next = 0;
  const codes = new Set<string>();
  for (const [i, b] of bands.entries()) {
    const at = `${field}[${i}]`;
    const band = (b ?? {}) as Record<string, unknown>;
    const last = i === bands.length - 1;
    if (typeof band.code !== 'string' || !BAND_CODE.test(band.code)) problems.push({ field: `${at}.code`, reason: 'must be 1-40 lower-case letters, digits or dashes' });
    else if (codes.has(band.code)) problems.push({ field: `${at}.code`, reason: `'${band.code}' is used twice` });
    else codes.add(band.code);
    if (band.from !== next) problems.push({ field: `${at}.from`, reason: `must be ${next}, the age after the band before (no gap, no overlap)` });
    if (last && band.to !== null) problems.push({ field: `${at}.to`, reason: 'must be null: the last band has no upper end' });
    if (!last && (!whole(band.to) || band.to < (band.from as number))) problems.push({ field: `${at}.to`, reason: 'must be a whole number of years, at least its from' });
    next = whole(band.to) ? band.to + 1 : next;
  }
  return problems;
}

/**
 * The youngest anyone serving can be: police staff from 16 [U]; an officer is appointed from 18 [U]. A date of birth
 * giving a younger age is a typing error.
 */
export const YOUNGEST_SERVING_AGE = 16;
export const CHARACTERISTICS_SOURCE_MAX = 200;

export interface CharacteristicsInput {
  sex?: unknown;
  ethnicity?: unknown;
  dateOfBirth?: unknown;
  source?: unknown;
}

/** A refusal of bad characteristics: the field at fault, the rule, and why. */
export interface CharacteristicsProblem {
  field: string;
  rule: string;
  reason: string;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The values of a record, by name; those given are what the audit trail says was recorded, never the values. */
export const CHARACTERISTIC_FIELDS = ['sex', 'ethnicity', 'dateOfBirth'] as const;
export type CharacteristicField = (typeof CHARACTERISTIC_FIELDS)[number];

export function characteristicFieldsGiven(input: CharacteristicsInput): CharacteristicField[] {
  return CHARACTERISTIC_FIELDS.filter((f) => given(input[f]));
}

/**
 * The protected characteristics as recorded on `today`: each value one of its list, a date of birth a real day in the
 * past giving an age of at least YOUNGEST_SERVING_AGE, and where the values come from. Every value is optional, but at
 * least one is given: recording none is not a record.
 */
export function checkCharacteristics(input: CharacteristicsInput, today: IsoDate): CharacteristicsProblem | null {
  if (characteristicFieldsGiven(input).length === 0) {
    return { field: 'sex', rule: 'characteristics-given', reason: 'give at least one of sex, ethnicity or dateOfBirth' };
  }
  if (given(input.sex) && !(SEX_CODES as readonly unknown[]).includes(input.sex)) {
    return { field: 'sex', rule: 'sex-known', reason: `sex must be one of ${SEX_CODES.join(', ')}, not ${JSON.stringify(input.sex)}` };
  }
  if (given(input.ethnicity) && !(ETHNICITY_CODES as readonly unknown[]).includes(input.ethnicity)) {
    return { field: 'ethnicity', rule: 'ethnicity-known', reason: `ethnicity must be one of the ONS 2021 census ethnic groups (${ETHNICITY_CODES.join(', ')}), not ${JSON.stringify(input.ethnicity)}` };
  }
  if (given(input.dateOfBirth)) {
    const dob = input.dateOfBirth;
    if (!isIsoDate(dob)) return { field: 'dateOfBirth', rule: 'date-of-birth-real', reason: `dateOfBirth must be a real day as YYYY-MM-DD, not ${JSON.stringify(dob)}` };
    if (compareIsoDates(dob, today) > 0) return { field: 'dateOfBirth', rule: 'date-of-birth-past', reason: `dateOfBirth ${dob} is after today (${today})` };
    if (ageOn(dob, today) < YOUNGEST_SERVING_AGE) {
      return { field: 'dateOfBirth', rule: 'date-of-birth-serving-age', reason: `dateOfBirth ${dob} makes the person ${ageOn(dob, today)} today; no one serving is under ${YOUNGEST_SERVING_AGE}` };
    }
  }
  if (typeof input.source !== 'string' || !input.source.trim()) {
    return { field: 'source', rule: 'characteristics-source', reason: 'source must say where the values come from (for example "HR system export 2026-11")' };
  }
  if (input.source.trim().length > CHARACTERISTICS_SOURCE_MAX) {
    return { field: 'source', rule: 'characteristics-source-length', reason: `source must be ${CHARACTERISTICS_SOURCE_MAX} characters or fewer` };
  }
  return null;
}
