import {
  CHARACTERISTIC_FIELDS,
  CHARACTERISTICS_SOURCE_MAX,
  ETHNIC_GROUP_CODES,
  ETHNIC_GROUPS,
  ETHNICITIES,
  SEXES,
  ageOn,
  checkCharacteristics,
  ethnicityInWords,
  isIsoDate,
  sexInWords,
  type CharacteristicsInput,
  type IsoDate,
} from '@conduct/domain';
import type { CharacteristicsView } from '../../people/characteristics';
import { dateAndTime, dateInFull } from '../rendering/words';
import { isoDateOf } from '../refer/referral';

/**
 * The form "Record protected characteristics": read, checked by the domain's rules (checkCharacteristics) one field at
 * a time so every field at fault is named at once, in the GOV.UK error pattern.
 */

export type FieldErrors = Record<string, string>;

export interface CharacteristicsAnswers {
  sex: string;
  ethnicity: string;
  dateOfBirth: { day: string; month: string; year: string };
  source: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Each rule's refusal in the form's words; the key is the field's first input, which the error summary links to. */
const WORDS: Record<string, { input: string; words: string }> = {
  'characteristics-given': { input: 'sex', words: 'Select the sex or the ethnicity, or enter the date of birth: at least one of them' },
  'sex-known': { input: 'sex', words: 'Select the sex from the list' },
  'ethnicity-known': { input: 'ethnicity', words: 'Select the ethnicity from the list' },
  'date-of-birth-real': { input: 'dateOfBirth-day', words: 'Date of birth must be a real date, for example 17 5 1990' },
  'date-of-birth-past': { input: 'dateOfBirth-day', words: 'Date of birth must be in the past' },
  'date-of-birth-serving-age': { input: 'dateOfBirth-day', words: 'Date of birth must make the person 16 or older today' },
  'characteristics-source': { input: 'source', words: 'Enter where these come from' },
  'characteristics-source-length': { input: 'source', words: `Where these come from must be ${CHARACTERISTICS_SOURCE_MAX} characters or fewer` },
};

/** A refusal of the API (a rule of checkCharacteristics) as the form's error on its field. */
export function formErrorOf(rule: string, field: string, reason: string): FieldErrors {
  const w = WORDS[rule];
  return w ? { [w.input]: w.words } : { [field === 'dateOfBirth' ? 'dateOfBirth-day' : field]: reason };
}

export function readCharacteristicsForm(body: Record<string, unknown> | undefined, today: IsoDate): { answers: CharacteristicsAnswers; input: CharacteristicsInput; errors: FieldErrors } {
  const answers: CharacteristicsAnswers = {
    sex: text(body?.sex),
    ethnicity: text(body?.ethnicity),
    dateOfBirth: { day: text(body?.['dateOfBirth-day']), month: text(body?.['dateOfBirth-month']), year: text(body?.['dateOfBirth-year']) },
    source: text(body?.source),
  };
  const input = { sex: answers.sex || undefined, ethnicity: answers.ethnicity || undefined, dateOfBirth: isoDateOf(answers.dateOfBirth) || undefined, source: answers.source };
  const errors: FieldErrors = {};
  const add = (p: { rule: string; field: string; reason: string } | null) => p && Object.assign(errors, formErrorOf(p.rule, p.field, p.reason));
  // Each value on its own with a placeholder source, then the source with a placeholder value: every fault at once.
  for (const field of CHARACTERISTIC_FIELDS) if (input[field] !== undefined) add(checkCharacteristics({ [field]: input[field], source: '-' }, today));
  add(checkCharacteristics({ sex: 'not-stated', source: input.source }, today));
  if (Object.keys(errors).length === 0) add(checkCharacteristics(input, today));
  return { answers, input, errors };
}

/** The answers a record already holds, to start the form from (it replaces the whole record). */
export function answersOf(c: CharacteristicsView | null): CharacteristicsAnswers {
  const [year, month, day] = c?.dateOfBirth ? c.dateOfBirth.split('-') : ['', '', ''];
  return { sex: c?.sex ?? '', ethnicity: c?.ethnicity ?? '', dateOfBirth: { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year }, source: '' };
}

/** The choices: sex as radios (and "not recorded"); ethnicity grouped by the census's high-level groups. */
export function characteristicsChoices(a: CharacteristicsAnswers) {
  return {
    sexItems: [...SEXES.map((s) => ({ value: s.code, text: s.words, checked: a.sex === s.code })), { divider: 'or' }, { value: '', text: 'Not recorded', checked: a.sex === '' }],
    ethnicityGroups: ETHNIC_GROUP_CODES.map((g) => ({
      label: ETHNIC_GROUPS[g].words,
      options: ETHNICITIES.filter((e) => e.group === g).map((e) => ({ value: e.code, text: e.words, selected: a.ethnicity === e.code })),
    })),
    ethnicityOthers: ETHNICITIES.filter((e) => e.group === null).map((e) => ({ value: e.code, text: e.words, selected: a.ethnicity === e.code })),
  };
}

/** The person page's rows: the values in words, the age today, where they come from and who recorded them. */
export function characteristicsRows(c: CharacteristicsView | null, today: IsoDate) {
  if (!c) return null;
  const notRecorded = 'Not recorded';
  return [
    { key: { text: 'Sex' }, value: { text: c.sex ? sexInWords(c.sex) : notRecorded } },
    { key: { text: 'Ethnicity' }, value: { text: c.ethnicity ? ethnicityInWords(c.ethnicity) : notRecorded } },
    { key: { text: 'Date of birth' }, value: { text: c.dateOfBirth && isIsoDate(c.dateOfBirth) ? `${dateInFull(c.dateOfBirth)} (aged ${ageOn(c.dateOfBirth, today)} today)` : notRecorded } },
    { key: { text: 'Where they come from' }, value: { text: c.source } },
    { key: { text: 'Recorded' }, value: { text: `${dateAndTime(c.recordedAt)} by ${c.recordedBy}` } },
  ];
}
