// Working days in England and Wales. Not for workflow code: it reads the date-holidays data,
// so run it in an activity and store the dates it gives (a deadline already set must not move
// when the library is upgraded).

import Holidays from 'date-holidays';
import { FIRST_RELIABLE_YEAR, addCalendarDays, compareIsoDates, dayOfWeek, isIsoDate, type IsoDate } from '../time';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/** The bank and public holidays of one year. */
export type BankHolidaySource = (year: number) => readonly BankHoliday[];

export { FIRST_RELIABLE_YEAR };

let gb: Holidays | undefined;

/**
 * England's holidays from date-holidays (GB, state ENG; Wales has the same days). Only types
 * 'public' and 'bank': Christmas Day, Good Friday, bank holidays and their substitute days.
 */
export const englandAndWalesBankHolidays: BankHolidaySource = (year) => {
  if (!Number.isInteger(year) || year < FIRST_RELIABLE_YEAR) {
    throw new RangeError(`Bank holidays before ${FIRST_RELIABLE_YEAR} are not supported (year ${year}): the holiday data is incomplete for those years`);
  }
  gb ??= new Holidays('GB', 'ENG');
  return gb
    .getHolidays(year)
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
};

function requireDate(d: IsoDate): void {
  if (!isIsoDate(d)) throw new RangeError(`Not a valid date (expected YYYY-MM-DD): ${JSON.stringify(d)}`);
}

/** "Working day": not a Saturday, Sunday, Christmas Day, Good Friday or bank holiday in England and Wales. */
export class WorkingDayCalendar {
  private readonly byYear = new Map<number, ReadonlyMap<IsoDate, string>>();

  constructor(private readonly source: BankHolidaySource = englandAndWalesBankHolidays) {}

  /** The holidays of a year that fall on weekdays or weekends, as the source gives them. */
  holidaysIn(year: number): ReadonlyMap<IsoDate, string> {
    let days = this.byYear.get(year);
    if (!days) {
      days = new Map(this.source(year).map((h) => [h.date, h.name]));
      this.byYear.set(year, days);
    }
    return days;
  }

  /** The holiday's name, if d is a bank or public holiday. */
  holidayOn(d: IsoDate): string | undefined {
    requireDate(d);
    return this.holidaysIn(Number(d.slice(0, 4))).get(d);
  }

  isWorkingDay(d: IsoDate): boolean {
    const dow = dayOfWeek(d);
    return dow !== 0 && dow !== 6 && this.holidayOn(d) === undefined;
  }

  /**
   * "n working days beginning with the first working day after the trigger": the n-th working
   * day after the trigger. The trigger itself never counts, whatever day it is.
   */
  addWorkingDays(trigger: IsoDate, n: number): IsoDate {
    requireDate(trigger);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Number of working days must be a whole number of 0 or more, got ${n}`);
    let d = trigger;
    for (let counted = 0; counted < n; ) {
      d = addCalendarDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /**
   * Working days after a up to and including b, so that
   * workingDaysBetween(t, addWorkingDays(t, n)) === n. Negative when b is before a.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const order = compareIsoDates(a, b);
    if (order > 0) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = addCalendarDays(a, 1); compareIsoDates(d, b) <= 0; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}

let shared: WorkingDayCalendar | undefined;

/** The calendar for England and Wales, shared so each year's holidays are read once. */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  shared ??= new WorkingDayCalendar(englandAndWalesBankHolidays);
  return shared;
}
