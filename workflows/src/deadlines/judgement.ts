/**
 * Deadlines judged by when things happened. Every step has two times: when it happened (its `occurredAt`)
 * and when it was recorded. A deadline is met if its step happened on or before it fell due, however late
 * the step is typed in; a miss the timer declared for a step later shown to have happened in time is
 * corrected, in the audit trail and to whoever was told. Pure: the matter's and the subject's workflows
 * write what these functions return (audit lines and messages) with their own keys.
 */
import { BACKDATED_DEADLINE_GRACE_MS, DEADLINE_RULES, IsoDate, londonDateOf, periodicOccurrenceOwed } from '@conduct/domain';
import type { Actor, Deadline } from '../types';

/**
 * From this patch on, both workflows judge deadlines by when their steps happened (this module); a running
 * workflow whose history predates it replays its old steps unchanged.
 */
export const DEADLINES_JUDGED_WHEN_THEY_HAPPENED = 'deadlines-judged-when-they-happened';

/** The step that settles a deadline: who did it, and when it happened. */
export interface Step {
  actor: Actor;
  occurredAt: string;
}

/** An audit line to write; without an actor, the system wrote it. */
export interface JudgementLine {
  action: string;
  actor?: Actor;
  rule: string;
  regulation: string;
  details: Record<string, unknown>;
}

/** A message to queue: purpose (with the parts that make its key unique after a ':'), recipient, payload. */
export interface JudgementMessage {
  purpose: string;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface Judgement {
  lines: JudgementLine[];
  messages: JudgementMessage[];
}

export const ESCALATION_WITHDRAWN = 'escalation-withdrawn';

/** Still owed: open, or missed with no step recorded yet. */
export function outstanding(d: Deadline): boolean {
  return d.status === 'open' || (d.status === 'missed' && !d.settledAt);
}

/** The latest deadline with this key still owed: the one a step answers. */
export function latestOutstanding(deadlines: Deadline[], key: string): Deadline | undefined {
  return [...deadlines].reverse().find((d) => d.key === key && outstanding(d));
}

/** The oldest occurrence of a series still owed: the one a periodic step (a report, an update) answers. */
export function oldestOutstanding(deadlines: Deadline[], inSeries: (d: Deadline) => boolean): Deadline | undefined {
  return deadlines.filter((d) => inSeries(d) && outstanding(d)).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

/**
 * The occurrence of a rolling series (each due a period after the last step, like the complainant's updates) that a
 * step answers: the first still owed that fell due on or after the step happened; failing that (the step was late for
 * all), the latest still owed. Those due before it and still owed stay owed: they were missed.
 */
export function answeredOccurrence(deadlines: Deadline[], inSeries: (d: Deadline) => boolean, occurredAt: string): Deadline | undefined {
  const owed = deadlines.filter((d) => inSeries(d) && outstanding(d)).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return owed.find((d) => Date.parse(d.dueAt) >= Date.parse(occurredAt)) ?? owed[owed.length - 1];
}

/**
 * Settles a deadline with the step that answers it, judged on when the step happened: on or before the
 * deadline fell due it is met (a miss the timer declared is corrected, and each escalation sent for it is
 * withdrawn with a message to the same recipient); after, it is missed, done late, and when is kept.
 */
export function settle(d: Deadline | undefined, step: Step, recordedAt: string): Judgement & { corrected: boolean } {
  const none = { lines: [], messages: [], corrected: false };
  if (!d || !outstanding(d)) return none;
  const was = d.status;
  d.settledAt = step.occurredAt;
  // A window (closesWhenPassed) is the officer's to use or let pass: nobody is late for it.
  if (Date.parse(step.occurredAt) > Date.parse(d.dueAt) && !DEADLINE_RULES[d.ruleId]?.closesWhenPassed) {
    d.status = 'missed';
    return {
      lines: [{ action: `deadline-done-late:${d.key}:${d.dueDate}`, actor: step.actor, rule: d.ruleId, regulation: d.regulation, details: { deadline: d.name, dueDate: d.dueDate, occurredAt: step.occurredAt, recordedAt } }],
      messages: [],
      corrected: false,
    };
  }
  d.status = 'met';
  if (was === 'open') return none;
  return { ...correct(d, 'missed', 'met', step, recordedAt, `the step was done on ${londonDateOf(step.occurredAt)}, before the deadline fell due, and recorded later`), corrected: true };
}

/**
 * A series or a track whose condition ended on `endedOn` (however late that is recorded) owes nothing that
 * fell due after that day: each such deadline still owed is cancelled, and one the timer had declared missed
 * is corrected, with its escalations withdrawn. Returns what was cancelled, with the lines and messages.
 */
export function notOwedAfter(deadlines: Deadline[], which: (d: Deadline) => boolean, endedOn: IsoDate, step: Step | undefined, recordedAt: string, because: string): Judgement & { cancelled: Deadline[] } {
  return withdraw(deadlines, (d) => which(d) && !periodicOccurrenceOwed(d.dueDate, endedOn), step, recordedAt, `not owed: ${because} on ${endedOn}, before it fell due`);
}

/**
 * Cancels every deadline still owed that `which` names, correcting those the timer had declared missed
 * (e.g. the next occurrence of a series that a miss, since corrected, had set from the wrong day).
 */
export function withdraw(deadlines: Deadline[], which: (d: Deadline) => boolean, step: Step | undefined, recordedAt: string, reason: string): Judgement & { cancelled: Deadline[] } {
  const out: Judgement & { cancelled: Deadline[] } = { lines: [], messages: [], cancelled: [] };
  for (const d of deadlines) {
    if (!outstanding(d) || !which(d)) continue;
    const was = d.status;
    d.status = 'cancelled';
    out.cancelled.push(d);
    if (was === 'missed') {
      const c = correct(d, 'missed', 'cancelled', step, recordedAt, reason);
      out.lines.push(...c.lines);
      out.messages.push(...c.messages);
    }
  }
  return out;
}

function correct(d: Deadline, from: 'missed', to: 'met' | 'cancelled', step: Step | undefined, recordedAt: string, reason: string): Judgement {
  const occurredAt = step?.occurredAt ?? recordedAt;
  (d.corrections ??= []).push({ from, to, occurredAt, recordedAt, by: step?.actor.id ?? 'system' });
  const escalatedTo = d.escalatedTo ?? [];
  return {
    lines: [{ action: `deadline-corrected:${d.key}:${d.dueDate}`, actor: step?.actor, rule: d.ruleId, regulation: d.regulation, details: { deadline: d.name, dueDate: d.dueDate, from, to, occurredAt, recordedAt, reason, escalationWithdrawnFrom: escalatedTo } }],
    messages: escalatedTo.map((recipient) => ({
      purpose: `${ESCALATION_WITHDRAWN}:${d.key}:${d.dueDate}:${recipient}`,
      recipient,
      payload: { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation, status: to, occurredAt, reason },
    })),
  };
}

// ---- Timers: reminders and escalations, never for a step known to have happened in time -------------

/**
 * A deadline set already past its reminder or its due time (its trigger was back-dated) is held for the
 * grace (BACKDATED_DEADLINE_GRACE) from when it was set, so the steps typed in the same sitting settle it
 * before anyone is reminded or told it was missed.
 */
export function holdIfBackdated(d: Deadline, now: number): void {
  // The calendar activity passes on a configured grace; the rules' own figure otherwise.
  const graceMs = d.backdatedGraceMs ?? BACKDATED_DEADLINE_GRACE_MS;
  delete d.backdatedGraceMs;
  if (d.status !== 'open') return;
  const passed = Date.parse(d.dueAt) <= now;
  const reminderPassed = !!d.remindAt && !d.reminded && Date.parse(d.remindAt) <= now && !passed;
  // A window (closesWhenPassed) already passed owes no reminder and no escalation: it closes at once, quietly.
  const escalates = passed && !DEADLINE_RULES[d.ruleId]?.closesWhenPassed;
  if ((reminderPassed || escalates) && graceMs > 0) d.heldUntil = new Date(now + graceMs).toISOString();
}

/** What an open deadline's timers owe at `now`: a reminder, and whether it has passed. A held one owes nothing yet. */
export function timersDue(d: Deadline, now: number): { remind: boolean; passed: boolean } {
  if (d.status !== 'open' || (d.heldUntil && Date.parse(d.heldUntil) > now)) return { remind: false, passed: false };
  const passed = Date.parse(d.dueAt) <= now;
  return { remind: !!d.remindAt && !d.reminded && Date.parse(d.remindAt) <= now && !passed, passed };
}

/** Records who was told a deadline was missed, so a correction reaches the same recipients. */
export function escalated(d: Deadline, recipients: string[]): void {
  d.escalatedTo = [...(d.escalatedTo ?? []), ...recipients.filter((r) => !(d.escalatedTo ?? []).includes(r))];
}
