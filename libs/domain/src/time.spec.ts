import {
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  compareIsoDates,
  dayOfWeek,
  endOfLondonDay,
  londonInstantOf,
  isIsoDate,
  londonDateOf,
  startOfLondonDay,
} from './time';

describe('civil dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('2021-04-31')).toBe(false);
    expect(isIsoDate('2021-1-01')).toBe(false);
    expect(isIsoDate('2021-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20210101)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('a recommendation made on 20 January 2022 has its 56-day response due on 17 March 2022', () => {
    expect(addCalendarDays('2022-01-20', 56)).toBe('2022-03-17');
  });

  it('adds and subtracts calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addCalendarDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addCalendarDays('2022-03-01', -1)).toBe('2022-02-28');
    expect(calendarDaysBetween('2022-01-20', '2022-03-17')).toBe(56);
  });

  it('a month from 31 January is the last day of February', () => {
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addCalendarMonths('2022-06-22', 18)).toBe('2023-12-22');
    expect(addCalendarMonths('2022-03-31', -1)).toBe('2022-02-28');
  });

  it('compares dates and names weekdays', () => {
    expect(compareIsoDates('2021-11-24', '2021-12-01')).toBeLessThan(0);
    expect(compareIsoDates('2021-12-01', '2021-12-01')).toBe(0);
    expect(compareIsoDates('2022-01-01', '2021-12-31')).toBeGreaterThan(0);
    expect(dayOfWeek('2021-11-24')).toBe(3); // Wednesday
    expect(dayOfWeek('2022-06-02')).toBe(4); // Thursday
  });

  it('refuses malformed dates rather than guessing', () => {
    expect(() => addCalendarDays('2021-02-30', 1)).toThrow(/2021-02-30/);
    expect(() => compareIsoDates('21-01-01', '2021-01-01')).toThrow(RangeError);
    expect(() => addCalendarDays('2021-01-01', 1.5)).toThrow(/whole number/);
  });
});

describe('the civil date in London', () => {
  it('half past eleven at night UTC is the next day in London during British Summer Time', () => {
    expect(londonDateOf('2021-06-30T23:30:00Z')).toBe('2021-07-01');
    expect(londonDateOf(Date.UTC(2021, 5, 30, 23, 30))).toBe('2021-07-01');
  });

  it('half past eleven at night UTC is the same day in London in winter', () => {
    expect(londonDateOf('2021-01-15T23:30:00Z')).toBe('2021-01-15');
    expect(londonDateOf('2021-03-27T23:30:00Z')).toBe('2021-03-27');
  });

  it('summer time ends at 01:00 UTC on the last Sunday of October', () => {
    expect(londonDateOf('2021-10-30T23:30:00Z')).toBe('2021-10-31'); // 00:30 BST
    expect(londonDateOf('2021-10-31T23:30:00Z')).toBe('2021-10-31'); // 23:30 GMT
  });

  it('reads instants given with an offset', () => {
    expect(londonDateOf('2021-07-01T00:30:00+01:00')).toBe('2021-07-01');
    expect(londonDateOf('2021-06-30T23:30:00-05:00')).toBe('2021-07-01');
    expect(londonDateOf('2021-06-30T22:59:59.999Z')).toBe('2021-06-30');
  });

  it('refuses an instant without a time zone, which would depend on the host', () => {
    expect(() => londonDateOf('2021-06-30T23:30:00')).toThrow(/offset/);
    expect(() => londonDateOf('2021-06-30')).toThrow(RangeError);
    expect(() => londonDateOf(Number.NaN)).toThrow(RangeError);
  });

  it('refuses years before the current summer-time rule', () => {
    expect(() => londonDateOf('1995-07-01T12:00:00Z')).toThrow(/1996/);
  });

  it('agrees with the Europe/London time-zone database every few hours from 1996 to 2037', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const step = 7 * 3_600_000 + 13 * 60_000; // not a divisor of a day, so every hour of the day is visited
    let mismatches = 0;
    for (let t = Date.UTC(1996, 0, 1); t < Date.UTC(2038, 0, 1); t += step) {
      if (londonDateOf(t) !== fmt.format(t)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('the start and end of a London day', () => {
  it('on the day summer time begins the day ends at 22:59:59.999 UTC', () => {
    expect(endOfLondonDay('2021-03-27')).toBe('2021-03-27T23:59:59.999Z');
    expect(endOfLondonDay('2021-03-28')).toBe('2021-03-28T22:59:59.999Z');
    expect(startOfLondonDay('2021-03-28')).toBe('2021-03-28T00:00:00.000Z');
    expect(startOfLondonDay('2021-03-29')).toBe('2021-03-28T23:00:00.000Z');
  });

  it('reads a London wall-clock time as the instant it was, in winter and in summer', () => {
    expect(londonInstantOf('2021-01-15', 9, 5)).toBe('2021-01-15T09:05:00.000Z');
    expect(londonInstantOf('2021-07-15', 9, 5)).toBe('2021-07-15T08:05:00.000Z');
    expect(londonInstantOf('2021-03-28', 0, 30)).toBe('2021-03-28T00:30:00.000Z');
    expect(londonInstantOf('2021-03-28', 3, 0)).toBe('2021-03-28T02:00:00.000Z');
    expect(() => londonInstantOf('2021-03-28', 24, 0)).toThrow(RangeError);
  });

  it('on the day summer time ends the day began in BST and ends in GMT', () => {
    expect(endOfLondonDay('2021-10-30')).toBe('2021-10-30T22:59:59.999Z');
    expect(startOfLondonDay('2021-10-31')).toBe('2021-10-30T23:00:00.000Z');
    expect(endOfLondonDay('2021-10-31')).toBe('2021-10-31T23:59:59.999Z');
    expect(startOfLondonDay('2021-11-01')).toBe('2021-11-01T00:00:00.000Z');
  });

  it('a deadline day ends one millisecond before the next London day starts, every day from 2020 to 2030', () => {
    for (let d = '2020-01-01'; d < '2031-01-01'; d = addCalendarDays(d, 1)) {
      const end = endOfLondonDay(d);
      expect(londonDateOf(end)).toBe(d);
      expect(Date.parse(end) + 1).toBe(Date.parse(startOfLondonDay(addCalendarDays(d, 1))));
    }
  });

  it('works on the first day of the year', () => {
    expect(startOfLondonDay('2022-01-01')).toBe('2022-01-01T00:00:00.000Z');
    expect(startOfLondonDay('1996-01-01')).toBe('1996-01-01T00:00:00.000Z');
  });
});
