import { isIsoDate, type IsoDate } from '@conduct/domain';
import { isoDateOf } from '../matter/forms';

/** The period of a return as the form asks it: a first and a last day, each as day, month and year. */
export type PeriodAnswers = Record<'from' | 'to', { day: string; month: string; year: string }>;

const ENDS = { from: 'first day', to: 'last day' } as const;

/** The last whole financial year before today (1 April to 31 March): what a return is usually made for. */
export function lastFinancialYear(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const [year, month] = today.split('-').map(Number);
  const endYear = month >= 4 ? year : year - 1;
  return { from: `${endYear - 1}-04-01` as IsoDate, to: `${endYear}-03-31` as IsoDate };
}

export function answersOfPeriod(p: { from: string; to: string }): PeriodAnswers {
  const parts = (d: string) => {
    const [year, month, day] = d.split('-');
    return { day: String(Number(day)), month: String(Number(month)), year };
  };
  return { from: parts(p.from), to: parts(p.to) };
}

/** The period as typed: both days real, the last not before the first; each problem named against its own day. */
export function periodOf(q: Record<string, unknown>): { answers: PeriodAnswers; period?: { from: IsoDate; to: IsoDate }; errors: Record<string, string> } {
  const text = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const answers = Object.fromEntries((['from', 'to'] as const).map((end) => [end, { day: text(`${end}-day`), month: text(`${end}-month`), year: text(`${end}-year`) }])) as PeriodAnswers;
  const errors: Record<string, string> = {};
  const days: Partial<Record<'from' | 'to', IsoDate>> = {};
  for (const end of ['from', 'to'] as const) {
    const a = answers[end];
    const iso = isoDateOf(a.day, a.month, a.year);
    if (!a.day && !a.month && !a.year) errors[end] = `Enter the ${ENDS[end]} of the period`;
    else if (!iso || !isIsoDate(iso)) errors[end] = `The ${ENDS[end]} of the period must be a real date, for example 1 4 2025`;
    else days[end] = iso;
  }
  if (days.from && days.to && days.to < days.from) errors.to = 'The last day of the period must be the same as or after the first day';
  return Object.keys(errors).length ? { answers, errors } : { answers, period: { from: days.from!, to: days.to! }, errors };
}

/** The date boxes of one end of the period, for govukDateInput. */
export function dateItems(a: { day: string; month: string; year: string }, error: boolean) {
  const cls = (w: number) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', value: a.day, classes: cls(2) },
    { name: 'month', label: 'Month', value: a.month, classes: cls(2) },
    { name: 'year', label: 'Year', value: a.year, classes: cls(4) },
  ];
}
