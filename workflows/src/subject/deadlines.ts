/**
 * The subject's deadlines: counted on the calendar when a step sets them, and settled by the steps that answer
 * them, judged by when those steps happened (the glue to deadlines/judgement.ts, from its patch on).
 */
import type { IsoDate } from '@conduct/domain';
import * as book from '../deadline-book';
import * as judge from '../deadlines/judgement';
import type { TrackContext } from './context';
import type { Deadline, DeadlineRequest } from '../types';

/** Counts the deadlines a step sets (ports.computeDeadlines) and puts them in the book, each held for the grace if back-dated. */
export async function addDeadlines(ctx: TrackContext, requests: DeadlineRequest[]): Promise<Deadline[]> {
  const computed = await ctx.ports.computeDeadlines(requests);
  for (const d of computed) hold(ctx, d);
  for (const d of computed) book.put(ctx.s.deadlines, d);
  return computed;
}

/** A deadline set already past its reminder or due time waits for the grace before it reminds or escalates. */
export function hold(ctx: TrackContext, d: Deadline): void {
  // What fell before an import is the past, closed quietly (beforeImport): no grace to wait for.
  if (ctx.judged() && !fellBeforeImport(ctx, d)) judge.holdIfBackdated(d, Date.now());
}

function fellBeforeImport(ctx: TrackContext, d: Deadline): boolean {
  return ctx.beforeImport(d.dueAt) || (d.remindAt !== undefined && ctx.beforeImport(d.remindAt));
}

/** The step in hand settles the deadline it answers: met if it happened in time, however late it is recorded. Whether one was owed. */
export function meet(ctx: TrackContext, key: string): boolean {
  if (!ctx.step || !ctx.judged()) return !!book.close(ctx.s.deadlines, key, 'met');
  const owed = judge.latestOutstanding(ctx.s.deadlines, key);
  take(ctx, judge.settle(owed, ctx.step, recordedAt()));
  return !!owed;
}

/** Suspension reviews stop on the day the suspension ended (CR reg 11), however late that is recorded. */
export function endSuspensionReviews(ctx: TrackContext, on: IsoDate): void {
  if (!ctx.judged()) {
    book.close(ctx.s.deadlines, 'suspension-review', 'cancelled');
    return;
  }
  notOwedAfter(ctx, (d) => d.key === 'suspension-review', on, 'the suspension ended');
}

/** What ended on `endedOn` (a back-dated step's day) owed nothing after it: a miss declared since is corrected. */
export function notOwedAfter(ctx: TrackContext, which: (d: Deadline) => boolean, endedOn: IsoDate, because: string): void {
  if (!ctx.judged()) return;
  take(ctx, judge.notOwedAfter(ctx.s.deadlines, which, endedOn, ctx.step, recordedAt(), because));
}

/** A judgement's audit lines and messages go with the step's commit. */
function take(ctx: TrackContext, j: judge.Judgement): void {
  for (const l of j.lines) ctx.judgementLines.push({ ...ctx.audit(l.action, { rule: l.rule, regulation: l.regulation }, l.details), ...(l.actor ? { actor: l.actor.id, actorRole: l.actor.role } : {}) });
  for (const m of j.messages) ctx.judgementMessages.push(ctx.message(m.purpose, m.recipient, m.payload));
}

function recordedAt(): string {
  return new Date(Date.now()).toISOString();
}
