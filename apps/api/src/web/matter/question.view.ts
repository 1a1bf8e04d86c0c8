import { selectItems } from '../rendering/allegation-words';
import { choiceInWords, type Answers, type FormField } from './forms';

/** What the question page's template needs to draw one field with its GOV.UK macro. */
export interface FieldParams {
  kind: FormField['kind'];
  name: string;
  id: string;
  label: string;
  hint?: string;
  errorMessage?: { text: string };
  value?: string;
  items?: { value: string; text: string; checked?: boolean; selected?: boolean }[];
  dateItems?: { name: string; label: string; value: string; classes: string }[];
  time?: string;
}

/** A field's macro parameters, with the answers given so far and its error. */
export function fieldParams(f: FormField, answers: Answers, error: string | undefined): FieldParams {
  const base: FieldParams = { kind: f.kind, name: f.name, id: f.name, label: f.label, hint: f.hint, errorMessage: error ? { text: error } : undefined };
  const v = answers[f.name];
  switch (f.kind) {
    case 'choice':
      return { ...base, items: (f.choices ?? []).map((c) => ({ value: c, text: choiceInWords(f, c), checked: v === c })) };
    case 'select':
      return { ...base, items: selectItems((f.choices ?? []).map((c) => ({ value: c, text: choiceInWords(f, c) })), typeof v === 'string' ? v : '', f.ask ?? 'Choose one') };
    case 'choices':
      return { ...base, items: (f.choices ?? []).map((c) => ({ value: c, text: choiceInWords(f, c), checked: Array.isArray(v) && v.includes(c) })) };
    case 'yes-no':
      return { ...base, items: [{ value: 'yes', text: 'Yes', checked: v === 'yes' }, { value: 'no', text: 'No', checked: v === 'no' }] };
    case 'date':
    case 'date-time': {
      const cls = (w: number) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
      return {
        ...base,
        dateItems: [
          { name: 'day', label: 'Day', value: String(answers[`${f.name}-day`] ?? ''), classes: cls(2) },
          { name: 'month', label: 'Month', value: String(answers[`${f.name}-month`] ?? ''), classes: cls(2) },
          { name: 'year', label: 'Year', value: String(answers[`${f.name}-year`] ?? ''), classes: cls(4) },
        ],
        time: f.kind === 'date-time' ? String(answers[`${f.name}-time`] ?? '') : undefined,
      };
    }
    default:
      return { ...base, value: typeof v === 'string' ? v : '' };
  }
}
