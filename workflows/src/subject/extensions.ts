/** A deadline extended: to its new due date, with the reason and who agreed, where the rules allow it (checks.ts). */
import { londonDateOf } from '@conduct/domain';
import * as book from '../deadline-book';
import * as checks from './checks';
import type { TrackContext } from './context';
import { reportAdvisoryListRemovalIfOwed } from './list-report-steps';
import type { ExtensionCommand, OutboxRecord, SubjectView } from '../types';

export async function extend(ctx: TrackContext, cmd: ExtensionCommand): Promise<SubjectView> {
  if (checks.alreadyApplied(ctx.s, cmd)) return ctx.view();
  ctx.begin(cmd);
  const d = book.extendable(ctx.s.deadlines, cmd, 'subject');
  book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
  const outbox: OutboxRecord[] = [];
  ctx.markApplied(cmd);
  await reportAdvisoryListRemovalIfOwed(ctx, londonDateOf(cmd.occurredAt), outbox);
  return ctx.commit(cmd, 'deadline-extended', { rule: 'deadline-extension', regulation: d.regulation }, { key: d.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy }, outbox);
}
