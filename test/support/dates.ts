import { IsoDate, addCalendarDays, londonDateOf } from '@conduct/domain';

// Dates a test needs before or after "now" are computed, never written: a literal a few days ahead
// turns into a date in the past one morning, and the test then means something else.

/** Today in England and Wales (the calendar the deadlines are counted on). */
export const today = (): IsoDate => londonDateOf(Date.now());

/** `n` calendar days after today (before it when `n` is negative). */
export const daysFromToday = (n: number): IsoDate => addCalendarDays(today(), n);
