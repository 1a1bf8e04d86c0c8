import { WorkingDayCalendar } from '@conduct/domain/calendar';
import { dateAndTime, dateInFull, deadlineInWords, sentenceCase, soonBefore } from './words';

// A calendar with one bank holiday, so the counting is checked against days a reader can see.
const calendar = new WorkingDayCalendar((year) => (year === 2021 ? [{ date: '2021-03-29', name: 'Easter Monday' }] : []));
const at = (iso: string) => new Date(iso);

describe('words for dates and deadlines', () => {
  it('writes dates in full and times in 24-hour London time', () => {
    expect(dateInFull('2021-03-14')).toBe('14 March 2021');
    expect(dateAndTime('2021-07-01T08:05:00Z')).toBe('1 July 2021 at 09:05');
    expect(dateAndTime('2021-01-01T23:30:00Z')).toBe('1 January 2021 at 23:30');
    expect(dateInFull(null)).toBe('');
  });

  it('counts working days left, skipping weekends and bank holidays', () => {
    // Thursday 25 March 2021; Friday 26, (weekend), (Easter Monday), Tuesday 30 March.
    const w = deadlineInWords({ dueDate: '2021-03-30', dueAt: '2021-03-30T22:59:59.999Z', status: 'open' }, at('2021-03-25T10:00:00Z'), calendar);
    expect(w).toEqual({ urgency: 'soon', workingDaysLeft: 2, words: 'Due 30 March 2021 — 2 working days left' });
  });

  it('says a deadline more than five working days away is later, and one due today is due today', () => {
    expect(deadlineInWords({ dueDate: '2021-04-12', dueAt: '2021-04-12T22:59:59.999Z', status: 'open' }, at('2021-03-25T10:00:00Z'), calendar).urgency).toBe('later');
    expect(deadlineInWords({ dueDate: '2021-03-25', dueAt: '2021-03-25T23:59:59.999Z', status: 'open' }, at('2021-03-25T10:00:00Z'), calendar).words).toBe('Due today');
  });

  it('calls a passed or missed deadline overdue, with the working days it is late', () => {
    const w = deadlineInWords({ dueDate: '2021-03-23', dueAt: '2021-03-23T23:59:59.999Z', status: 'open' }, at('2021-03-25T10:00:00Z'), calendar);
    expect(w).toEqual({ urgency: 'overdue', workingDaysLeft: -2, words: 'Overdue by 2 working days (due 23 March 2021)' });
    // The engine judged it missed: overdue even though the clock has not passed it here.
    expect(deadlineInWords({ dueDate: '2021-03-30', dueAt: '2021-03-30T22:59:59.999Z', status: 'missed' }, at('2021-03-25T10:00:00Z'), calendar).urgency).toBe('overdue');
  });

  it('puts the end of "soon" at the end of the fifth working day, London time', () => {
    // Thursday 25 March 2021 + 5 working days (Easter Monday skipped) = Friday 2 April, BST: ends 22:59:59.999Z.
    expect(soonBefore(at('2021-03-25T10:00:00Z'), calendar).toISOString()).toBe('2021-04-02T23:00:00.000Z');
  });

  it('turns vocabulary slugs into sentence case', () => {
    expect(sentenceCase('gross-misconduct')).toBe('Gross misconduct');
  });
});
