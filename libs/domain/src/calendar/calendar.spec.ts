import Holidays from 'date-holidays';
import { DEADLINE_RULES, resolveDeadlineRules } from '../rules/deadlines';
import { dayOfWeek } from '../time';
import { dueDateFor, englandAndWalesBankHolidays, englandAndWalesCalendar, WorkingDayCalendar, type BankHolidaySource } from './index';

const calendar = englandAndWalesCalendar();

function weekdayHolidays(year: number): string[] {
  return [...calendar.holidaysIn(year).keys()].filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6).sort();
}

describe('bank holidays in England and Wales', () => {
  // Checked by hand against gov.uk/bank-holidays; the calendar itself reads date-holidays.
  it.each([
    [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
    [2022, ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']],
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
  ])('%i matches the published list', (year, expected) => {
    expect(weekdayHolidays(year)).toEqual(expected);
  });

  it('VE Day, 8 May 2020, replaced the early May bank holiday of Monday 4 May', () => {
    expect(calendar.isWorkingDay('2020-05-08')).toBe(false);
    expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
  });

  it('in 2022 the spring bank holiday moved to Thursday 2 June, with the Platinum Jubilee on Friday 3 June', () => {
    expect(calendar.isWorkingDay('2022-06-02')).toBe(false);
    expect(calendar.isWorkingDay('2022-06-03')).toBe(false);
    expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
  });

  it("the Queen's state funeral, 19 September 2022, and the coronation, 8 May 2023, were bank holidays", () => {
    expect(calendar.isWorkingDay('2022-09-19')).toBe(false);
    expect(calendar.isWorkingDay('2023-05-08')).toBe(false);
    expect(calendar.holidayOn('2023-05-08')).toMatch(/Coronation/);
  });

  it('when Christmas Day and Boxing Day fall at the weekend the substitute days are not working days', () => {
    // 2021: Saturday and Sunday, so Monday 27 and Tuesday 28.
    expect(calendar.isWorkingDay('2021-12-27')).toBe(false);
    expect(calendar.isWorkingDay('2021-12-28')).toBe(false);
    expect(calendar.isWorkingDay('2021-12-29')).toBe(true);
    // 2022: Christmas on a Sunday, so Boxing Day Monday 26 and substitute Tuesday 27.
    expect(calendar.isWorkingDay('2022-12-26')).toBe(false);
    expect(calendar.isWorkingDay('2022-12-27')).toBe(false);
    expect(calendar.isWorkingDay('2022-12-28')).toBe(true);
    // 2020: Boxing Day on a Saturday, so Monday 28.
    expect(calendar.isWorkingDay('2020-12-28')).toBe(false);
  });

  it("when New Year's Day falls at the weekend the following Monday is the bank holiday", () => {
    expect(calendar.isWorkingDay('2022-01-03')).toBe(false); // 1 January 2022 was a Saturday
    expect(calendar.isWorkingDay('2023-01-02')).toBe(false); // 1 January 2023 was a Sunday
    expect(calendar.isWorkingDay('2022-01-04')).toBe(true);
  });

  it('Good Friday and Easter Monday are not working days', () => {
    expect(calendar.isWorkingDay('2021-04-02')).toBe(false);
    expect(calendar.isWorkingDay('2021-04-05')).toBe(false);
    expect(calendar.isWorkingDay('2024-03-29')).toBe(false);
    expect(calendar.isWorkingDay('2024-04-01')).toBe(false);
    expect(calendar.isWorkingDay('2024-04-02')).toBe(true);
  });

  it('Wales has the same bank holidays as England in the data, 2013 to 2035', () => {
    const wales = new Holidays('GB', 'WLS');
    for (let year = 2013; year <= 2035; year++) {
      const welsh = wales.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10));
      expect(englandAndWalesBankHolidays(year).map((h) => h.date)).toEqual(welsh);
    }
  });

  it('refuses years before 2013, for which the holiday data misses moved bank holidays', () => {
    expect(() => calendar.isWorkingDay('2012-06-04')).toThrow(/2013/);
  });

  it('does not depend on the host time zone', () => {
    // date-holidays returns local date strings for the country; the calendar uses only those.
    const days = englandAndWalesBankHolidays(2022).map((h) => h.date);
    expect(days).toContain('2022-06-02');
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  });
});

describe('counting working days', () => {
  it('the 10-working-day representations period that starts on Christmas Eve 2020 ends on Tuesday 12 January 2021', () => {
    expect(calendar.addWorkingDays('2020-12-24', 10)).toBe('2021-01-12');
  });

  it('5 working days from Thursday 23 December 2021 skip both Christmas substitutes and the New Year substitute', () => {
    expect(calendar.addWorkingDays('2021-12-23', 5)).toBe('2022-01-04');
  });

  it('3 working days from Friday 23 December 2022 end on Friday 30 December', () => {
    expect(calendar.addWorkingDays('2022-12-23', 3)).toBe('2022-12-30');
    expect(calendar.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
  });

  it('1 working day after the Thursday before Easter is the Tuesday after Easter Monday', () => {
    expect(calendar.addWorkingDays('2021-04-01', 1)).toBe('2021-04-06');
    expect(calendar.addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
  });

  it('the day after each special bank holiday is skipped over correctly', () => {
    expect(calendar.addWorkingDays('2020-05-07', 1)).toBe('2020-05-11');
    expect(calendar.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(calendar.addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(calendar.addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
    // The usual spring bank holiday, Monday 30 May 2022, was a working day that year.
    expect(calendar.addWorkingDays('2022-05-27', 5)).toBe('2022-06-07');
  });

  it('a trigger on a non-working day does not count itself', () => {
    expect(calendar.addWorkingDays('2021-12-25', 1)).toBe('2021-12-29');
    expect(calendar.addWorkingDays('2021-11-24', 0)).toBe('2021-11-24');
  });

  it('counts working days between two dates as the inverse of adding them', () => {
    expect(calendar.workingDaysBetween('2020-12-24', '2021-01-12')).toBe(10);
    expect(calendar.workingDaysBetween('2021-01-12', '2020-12-24')).toBe(-10);
    expect(calendar.workingDaysBetween('2021-11-24', '2021-11-24')).toBe(0);
    for (let n = 0; n <= 40; n++) {
      expect(calendar.workingDaysBetween('2022-05-20', calendar.addWorkingDays('2022-05-20', n))).toBe(n);
    }
  });

  it('refuses a negative or fractional number of working days', () => {
    expect(() => calendar.addWorkingDays('2021-11-24', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2021-11-24', 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2021-11-31', 1)).toThrow(/2021-11-31/);
  });

  it('reads each year of holidays once', () => {
    const years: number[] = [];
    const source: BankHolidaySource = (year) => {
      years.push(year);
      return [];
    };
    const cal = new WorkingDayCalendar(source);
    cal.addWorkingDays('2021-12-20', 30);
    cal.addWorkingDays('2021-12-01', 30);
    expect(years).toEqual([2021, 2022]);
  });

  it('shares one calendar', () => {
    expect(englandAndWalesCalendar()).toBe(calendar);
  });
});

describe('due dates from the rules table', () => {
  it('the accelerated hearing of 24 November 2021 fell within 10 to 15 working days of a notice on 8 November', () => {
    const window = dueDateFor(DEADLINE_RULES.acceleratedHearing, '2021-11-08', calendar);
    expect(window).toEqual({ earliest: '2021-11-22', due: '2021-11-29' });
    expect('2021-11-24' >= window.earliest! && '2021-11-24' <= window.due).toBe(true);
  });

  it('a barred-list report after a dismissal on Wednesday 24 November 2021 is due on Wednesday 1 December', () => {
    expect(dueDateFor(DEADLINE_RULES.barredListReport, '2021-11-24', calendar)).toEqual({ due: '2021-12-01' });
  });

  it('the response to a recommendation made on 20 January 2022 is due on 17 March 2022', () => {
    expect(dueDateFor(DEADLINE_RULES.recommendationResponse, '2022-01-20', calendar)).toEqual({ due: '2022-03-17' });
  });

  it('a suspension reviewed on 20 December 2021 is next reviewed by 17 January 2022', () => {
    expect(dueDateFor(DEADLINE_RULES.suspensionReview, '2021-12-20', calendar)).toEqual({ due: '2022-01-17' });
  });

  it('a timeliness report falls due 12 months after the matter reached the appropriate authority, then every 6 months', () => {
    const first = dueDateFor(DEADLINE_RULES.timelinessReport, '2020-06-23', calendar).due;
    expect(first).toBe('2021-06-23');
    expect(dueDateFor(DEADLINE_RULES.timelinessReportRepeat, first, calendar).due).toBe('2021-12-23');
  });

  it('a month-based period from 31 August ends on the last day of a shorter month', () => {
    expect(dueDateFor(DEADLINE_RULES.timelinessReportRepeat, '2021-08-31', calendar).due).toBe('2022-02-28');
  });

  it('an extension replaces the length for one deadline only', () => {
    expect(dueDateFor(DEADLINE_RULES.representations, '2020-12-24', calendar, { lengthOverride: 15 }).due).toBe(
      calendar.addWorkingDays('2020-12-24', 15),
    );
    expect(dueDateFor(DEADLINE_RULES.representations, '2020-12-24', calendar).due).toBe('2021-01-12');
  });

  it('a configured length is used when the rules are resolved with overrides', () => {
    const rules = resolveDeadlineRules({ misconductMeeting: { length: 25 } });
    const trigger = '2022-03-01';
    expect(dueDateFor(rules.misconductMeeting, trigger, calendar).due).toBe(calendar.addWorkingDays(trigger, 25));
  });

  it('refuses to shorten a window below its earliest day', () => {
    expect(() => dueDateFor(DEADLINE_RULES.acceleratedHearing, '2021-11-08', calendar, { lengthOverride: 9 })).toThrow(/acceleratedHearing/);
    expect(() => dueDateFor(DEADLINE_RULES.representations, '2021-11-08', calendar, { lengthOverride: 0 })).toThrow(/representations/);
  });

  it('every rule yields a due date after its trigger', () => {
    for (const rule of Object.values(DEADLINE_RULES)) {
      const { due, earliest } = dueDateFor(rule, '2022-12-23', calendar);
      expect(due > '2022-12-23').toBe(true);
      if (earliest !== undefined) expect(earliest <= due).toBe(true);
    }
  });
});
