import type { IsoDate } from '@conduct/domain';
import type { Deadline, DeadlineExtension } from './types';

/** Small pure operations on a workflow's list of deadlines. */
export function openDeadlines(deadlines: Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.status === 'open');
}

export function findOpen(deadlines: Deadline[], key: string): Deadline | undefined {
  return deadlines.find((d) => d.key === key && d.status === 'open');
}

/** Open or already missed: still owed. A case migrated from another system arrives with its windows passed. */
export function findOutstanding(deadlines: Deadline[], key: string): Deadline | undefined {
  return [...deadlines].reverse().find((d) => d.key === key && (d.status === 'open' || d.status === 'missed'));
}

export function close(deadlines: Deadline[], key: string, status: 'met' | 'cancelled'): Deadline | undefined {
  const d = findOpen(deadlines, key);
  if (d) d.status = status;
  return d;
}

export function cancelAll(deadlines: Deadline[], keys?: (key: string) => boolean): void {
  for (const d of deadlines) if (d.status === 'open' && (!keys || keys(d.key))) d.status = 'cancelled';
}

/** Adds a deadline, replacing an open one with the same key (a fresh window, e.g. a new interview date). */
export function put(deadlines: Deadline[], deadline: Deadline): void {
  const i = deadlines.findIndex((d) => d.key === deadline.key);
  if (i >= 0) deadlines.splice(i, 1);
  deadlines.push(deadline);
}

export function extend(d: Deadline, to: IsoDate, dueAt: string, ext: Omit<DeadlineExtension, 'from' | 'to'>): void {
  d.extensions.push({ from: d.dueDate, to, ...ext });
  d.dueDate = to;
  d.dueAt = dueAt;
  d.reminded = false;
  d.remindAt = undefined;
}

/** The next instant the workflow must wake for a reminder or a missed deadline, or undefined if none. */
export function nextWake(deadlines: Deadline[]): number | undefined {
  let next: number | undefined;
  for (const d of openDeadlines(deadlines)) {
    const times = [Date.parse(d.dueAt)];
    if (d.remindAt && !d.reminded) times.push(Date.parse(d.remindAt));
    for (const t of times) if (next === undefined || t < next) next = t;
  }
  return next;
}

/** Drops closed deadlines from the carried state once it grows, keeping the last few for the record. */
export function compact(deadlines: Deadline[], keepClosed = 20): Deadline[] {
  const open = deadlines.filter((d) => d.status === 'open');
  const closed = deadlines.filter((d) => d.status !== 'open');
  return [...closed.slice(-keepClosed), ...open];
}
