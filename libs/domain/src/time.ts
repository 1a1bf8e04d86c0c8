// Civil dates and instants, without the host's clock, time zone or Intl: this file runs inside
// Temporal workflows, which must be deterministic. Date.UTC and new Date(ms) are pure; the
// rest (Date.now(), new Date(), local-time getters, Intl) is never used here.

/** A civil date in England, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** An instant as an ISO-8601 UTC string, e.g. '2021-11-24T10:00:00.000Z'. */
export type Instant = string;

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/**
 * The UK summer-time rule used here (01:00 UTC, last Sundays of March and October) has applied
 * since 1996; earlier years used other rules, so they are refused rather than answered wrongly.
 */
export const FIRST_YEAR_OF_CURRENT_BST_RULE = 1996;

/**
 * The first year whose working days can be counted. date-holidays misses moved or extra bank holidays
 * before 2013 (1995 VE Day, 1999 Millennium, 2002 Golden Jubilee, 2011 royal wedding, 4 June 2012), so
 * the calendar refuses earlier years; here, so workflows can refuse a date their deadlines cannot count from.
 */
export const FIRST_RELIABLE_YEAR = 2013;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2021-02-29' is false). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

function parseIsoDate(d: IsoDate): Ymd {
  if (!isIsoDate(d)) throw new RangeError(`Not a valid date (expected YYYY-MM-DD): ${JSON.stringify(d)}`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Midnight UTC of a civil date, in ms: the day's index on a plain day count. */
function utcMidnight(d: IsoDate): number {
  const { year, month, day } = parseIsoDate(d);
  return Date.UTC(year, month - 1, day);
}

function isoDateOfUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function requireWholeNumber(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
}

/** d plus n calendar days (n may be negative). */
export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  requireWholeNumber(n, 'Number of days');
  return isoDateOfUtcMs(utcMidnight(d) + n * MS_PER_DAY);
}

/**
 * The same day of the month n months later; where that month is shorter, its last day
 * (31 January + 1 month = 28 or 29 February).
 */
export function addCalendarMonths(d: IsoDate, n: number): IsoDate {
  requireWholeNumber(n, 'Number of months');
  const { year, month, day } = parseIsoDate(d);
  const monthIndex = year * 12 + (month - 1) + n;
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(day, daysInMonth(y, m)), 2)}`;
}

/** Negative if a is earlier than b, 0 if the same day, positive if later. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b (positive when b is later). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / MS_PER_DAY);
}

/** Day of the week: 0 Sunday, 1 Monday, … 6 Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return new Date(utcMidnight(d)).getUTCDay();
}

// --- Europe/London, by the UK rule rather than the host's time-zone database ---

function lastSundayUtcMs(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * MS_PER_DAY;
}

function requireBstRuleYear(year: number): void {
  if (year < FIRST_YEAR_OF_CURRENT_BST_RULE) {
    throw new RangeError(
      `London time before ${FIRST_YEAR_OF_CURRENT_BST_RULE} is not supported (year ${year}): ` +
        'the summer-time rule implemented here applies from 1996',
    );
  }
}

/** British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function isBritishSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  requireBstRuleYear(year);
  const starts = lastSundayUtcMs(year, 2) + MS_PER_HOUR;
  const ends = lastSundayUtcMs(year, 9) + MS_PER_HOUR;
  return utcMs >= starts && utcMs < ends;
}

function londonOffsetMs(utcMs: number): number {
  return isBritishSummerTime(utcMs) ? MS_PER_HOUR : 0;
}

// An instant must carry its offset: a string without one would be read in the host's zone.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

function instantToUtcMs(instant: string | number): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError(`Not a valid instant: ${instant}`);
    return instant;
  }
  const m = ISO_INSTANT.exec(instant);
  if (!m) {
    throw new RangeError(
      `Not a valid instant (expected ISO-8601 with Z or an offset, e.g. 2021-11-24T10:00:00Z): ${JSON.stringify(instant)}`,
    );
  }
  const [, y, mo, d, h, mi, s, frac, zone, sign, oh, om] = m;
  const date = `${y}-${mo}-${d}`;
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s ?? '0');
  if (!isIsoDate(date) || hours > 23 || minutes > 59 || seconds > 59) {
    throw new RangeError(`Not a valid instant: ${JSON.stringify(instant)}`);
  }
  const ms = Number(`${frac ?? ''}000`.slice(0, 3));
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), hours, minutes, seconds, ms) - offsetMinutes * 60_000;
}

/** The civil date in England (Europe/London) at an instant (ISO string or ms since the epoch). */
export function londonDateOf(instant: string | number): IsoDate {
  const utcMs = instantToUtcMs(instant);
  return isoDateOfUtcMs(utcMs + londonOffsetMs(utcMs));
}

/** The UTC instant of a London wall-clock time. Times in the spring gap are read as GMT. */
function utcMsOfLondonWallClock(localAsUtcMs: number): number {
  const year = new Date(localAsUtcMs).getUTCFullYear();
  requireBstRuleYear(year);
  const ifSummer = localAsUtcMs - MS_PER_HOUR;
  if (new Date(ifSummer).getUTCFullYear() !== year) return localAsUtcMs; // just after midnight on 1 January: winter
  return isBritishSummerTime(ifSummer) ? ifSummer : localAsUtcMs;
}

/** The instant London's day d begins (00:00 London time), as an ISO UTC string. */
export function startOfLondonDay(d: IsoDate): Instant {
  return new Date(utcMsOfLondonWallClock(utcMidnight(d))).toISOString();
}

/** The instant of a London wall-clock time (HH:MM, 24-hour) on day d, as an ISO UTC string: what a person typing a time in England means. */
export function londonInstantOf(d: IsoDate, hours: number, minutes: number): Instant {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) throw new RangeError(`Not a time of day: ${hours}:${minutes}`);
  return new Date(utcMsOfLondonWallClock(utcMidnight(d) + hours * MS_PER_HOUR + minutes * 60_000)).toISOString();
}

/** The last instant of London's day d (23:59:59.999 London time), as an ISO UTC string. */
export function endOfLondonDay(d: IsoDate): Instant {
  return new Date(utcMsOfLondonWallClock(utcMidnight(d) + MS_PER_DAY - 1)).toISOString();
}
