import { DEADLINE_RULES, IsoDate, compareIsoDates, endOfLondonDay, isIsoDate } from '@conduct/domain';
import { refuse } from './refusal';
import type { Deadline, DeadlineExtension, ExtensionCommand } from './types';

/** Small pure operations on a workflow's list of deadlines. */
export function openDeadlines(deadlines: Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.status === 'open');
}

export function findOpen(deadlines: Deadline[], key: string): Deadline | undefined {
  return deadlines.find((d) => d.key === key && d.status === 'open');
}

/**
 * Open or already missed: still owed. A case migrated from another system arrives with its windows passed.
 * A missed one whose step has since been recorded (done late, `settledAt`) is owed no longer.
 */
export function findOutstanding(deadlines: Deadline[], key: string): Deadline | undefined {
  return [...deadlines].reverse().find((d) => d.key === key && (d.status === 'open' || (d.status === 'missed' && !d.settledAt)));
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

/**
 * The deadline an extension command may extend: still owed, extendable under its rule, to a later
 * date, with a reason and who agreed. Refuses (in an update validator) otherwise.
 */
export function extendable(deadlines: Deadline[], cmd: ExtensionCommand, whose: string): Deadline {
  const d = findOutstanding(deadlines, cmd.key);
  if (!d) return refuse({ rule: 'deadline-open', regulation: null, reason: `no open deadline '${cmd.key}' for this ${whose}` });
  if (!DEADLINE_RULES[d.ruleId].extendable) refuse({ rule: 'deadline-not-extendable', regulation: d.regulation, reason: `${d.name} cannot be extended (${d.regulation})` });
  if (!isIsoDate(cmd.newDueDate) || compareIsoDates(cmd.newDueDate, d.dueDate) <= 0) {
    refuse({ rule: 'extension-later-than-due', regulation: d.regulation, reason: `newDueDate must be a date after the current due date ${d.dueDate}` });
  }
  if (!cmd.reason?.trim() || !cmd.agreedBy?.trim()) refuse({ rule: 'extension-reason-and-agreement', regulation: d.regulation, reason: 'an extension needs a reason and who agreed it' });
  return d;
}

/** Moves a deadline to a later date, keeping the record of who agreed and why; it is owed again. */
export function extend(d: Deadline, to: IsoDate, ext: Omit<DeadlineExtension, 'from' | 'to'>): void {
  d.extensions.push({ from: d.dueDate, to, ...ext });
  d.dueDate = to;
  d.dueAt = endOfLondonDay(to);
  d.reminded = false;
  d.remindAt = undefined;
  d.status = 'open';
}

/** The next instant the workflow must wake for a reminder or a missed deadline, or undefined if none. */
export function nextWake(deadlines: Deadline[]): number | undefined {
  let next: number | undefined;
  for (const d of openDeadlines(deadlines)) {
    const times = [Date.parse(d.dueAt)];
    if (d.remindAt && !d.reminded) times.push(Date.parse(d.remindAt));
    // A back-dated deadline held for the grace wakes no earlier than the grace's end.
    const held = d.heldUntil ? Date.parse(d.heldUntil) : -Infinity;
    for (const t of times.map((x) => Math.max(x, held))) if (next === undefined || t < next) next = t;
  }
  return next;
}

/** Drops closed deadlines from the carried state once it grows, keeping the last few for the record. */
export function compact(deadlines: Deadline[], keepClosed = 20): Deadline[] {
  const open = deadlines.filter((d) => d.status === 'open');
  const closed = deadlines.filter((d) => d.status !== 'open');
  return [...closed.slice(-keepClosed), ...open];
}
