import { endOfLondonDay, londonDateOf, type IsoDate } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';

// Dates and deadlines in the words the GOV.UK style guide uses: "14 March 2027", "14:05", "3 working days left".

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2027-03-14 → 14 March 2027 (an instant is taken on the London calendar). */
export function dateInFull(value: IsoDate | string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const iso = value instanceof Date ? londonDateOf(value.getTime()) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : londonDateOf(value);
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** An instant as London wall-clock time, 24-hour: 14 March 2027 at 09:05. */
export function dateAndTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const at = value instanceof Date ? value : new Date(value);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${dateInFull(at)} at ${time}`;
}

export type Urgency = 'overdue' | 'soon' | 'later';

/** Due within this many working days counts as soon (the issue's *due within 5 working days*). */
export const SOON_WORKING_DAYS = 5;

export interface DeadlineWords {
  urgency: Urgency;
  /** Working days from today to the due date: negative once it has passed. */
  workingDaysLeft: number;
  /** "Due 14 March 2027 — 3 working days left", "Due today", "Overdue by 2 working days (due 12 March 2027)". */
  words: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** How a deadline reads today. `missed` is the engine's own judgement: a deadline it has escalated is overdue whatever the clock says. */
export function deadlineInWords(due: { dueDate: IsoDate; dueAt: string; status: string }, now: Date, calendar: WorkingDayCalendar): DeadlineWords {
  const today = londonDateOf(now.getTime());
  const left = calendar.workingDaysBetween(today, due.dueDate);
  const passed = due.status === 'missed' || Date.parse(due.dueAt) < now.getTime();
  if (passed) {
    const late = Math.max(-left, 0);
    return { urgency: 'overdue', workingDaysLeft: -late, words: late === 0 ? `Overdue (due ${dateInFull(due.dueDate)})` : `Overdue by ${plural(late, 'working day')} (due ${dateInFull(due.dueDate)})` };
  }
  if (due.dueDate === today) return { urgency: 'soon', workingDaysLeft: 0, words: 'Due today' };
  return {
    urgency: left <= SOON_WORKING_DAYS ? 'soon' : 'later',
    workingDaysLeft: left,
    words: `Due ${dateInFull(due.dueDate)} — ${plural(left, 'working day')} left`,
  };
}

/** The instant before which a deadline is due within `days` working days: the end of the days-th working day from today, London time. */
export function soonBefore(now: Date, calendar: WorkingDayCalendar, days: number = SOON_WORKING_DAYS): Date {
  return new Date(Date.parse(endOfLondonDay(calendar.addWorkingDays(londonDateOf(now.getTime()), days))) + 1);
}

/** Words for a slug from the vocabularies: 'gross-misconduct' → 'Gross misconduct'. */
export function sentenceCase(slug: string | null | undefined): string {
  if (!slug) return '';
  const words = String(slug).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
