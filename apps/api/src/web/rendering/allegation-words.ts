import { IOPC_CATEGORY_GROUPS, IOPC_COMPLAINT_CATEGORIES, STANDARDS_OF_PROFESSIONAL_BEHAVIOUR } from '@conduct/domain';
import { sentenceCase } from './words';

// How the web interface asks for an allegation, wherever it is asked (the referral's allegations page, an
// allegation added to a matter later): the same labels, the same IOPC categories and standards, the same select.

/** An allegation's fields in words: labels, and the start of their error messages. */
export const ALLEGATION_FIELD_WORDS = {
  alleged: 'What is alleged',
  category: 'IOPC category',
  subjectIds: 'Who it is alleged against',
  standards: 'Standards of Professional Behaviour engaged',
} as const;

/** The IOPC's categories, each with its group's name, in the guidance's order. */
export const IOPC_CATEGORY_CHOICES = IOPC_COMPLAINT_CATEGORIES.map((c) => ({ value: c.code as string, text: `${c.code} ${c.name} (${IOPC_CATEGORY_GROUPS[c.group].name})` }));
export const STANDARD_CHOICES = STANDARDS_OF_PROFESSIONAL_BEHAVIOUR.map((x) => ({ value: x as string, text: sentenceCase(x) }));

/** An allegation's id as the web interface gives it: a1, a2, … in the order asked. */
export const allegationId = (i: number) => `a${i + 1}`;

/** The next id for an allegation added to a matter: the first a<n> after those it holds that none of them has. */
export function nextAllegationId(existing: readonly string[]): string {
  let i = existing.length;
  while (existing.includes(allegationId(i))) i++;
  return allegationId(i);
}

/** A GOV.UK select's items: a first, empty, choice that asks, then the choices with the one given selected. */
export function selectItems(choices: readonly { value: string; text: string }[], selected: string, ask: string): { value: string; text: string; selected?: boolean }[] {
  return [{ value: '', text: ask }, ...choices.map((c) => ({ ...c, selected: c.value === selected }))];
}
