import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { daysFromToday } from '../../../../test/support/dates';
import { DeadlineRow, replaceDeadlines } from './deadlines';
import { GAUGE_QUERIES, engineGauges } from './gauges';
import { enqueue } from './outbox';

/**
 * The gauges a metrics scrape reads. Each test works in one REPEATABLE READ transaction it rolls back: its counts
 * are deltas against its own snapshot, whatever the other integration suites write meanwhile.
 */
const rolledBack = eachTestRolledBack('REPEATABLE READ');
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

const deadline = (key: string, status: string, dueInDays: number, settledAt?: string): DeadlineRow => {
  const dueDate = daysFromToday(dueInDays);
  return { key, ruleId: 'reg-16-written-notice', name: key, regulation: 'reg. 16', dueDate, dueAt: `${dueDate}T23:59:59Z`, status, extensions: [], settledAt };
};

describe('the outbox and deadline gauges of a metrics scrape', () => {
  it('count the messages still pending and the dead letters, not those delivered, and age the oldest message still pending', async () => {
    const before = await engineGauges(q);
    const ref = `GAUGE-${randomUUID()}`;
    await enqueue(q, ['a', 'b', 'c', 'd'].map((k) => ({ idempotencyKey: `${ref}:${k}`, matterReference: ref, subjectId: null, purpose: 'notice', recipient: 'subject', payload: {} })));
    await q.query(`UPDATE outbox_message SET created_at = now() - interval '2 hours' WHERE idempotency_key = $1`, [`${ref}:a`]);
    await q.query(`UPDATE outbox_message SET status = 'delivered', delivered_at = now() WHERE idempotency_key = $1`, [`${ref}:b`]);
    await q.query(`UPDATE outbox_message SET status = 'dead', dead_at = now() WHERE idempotency_key = $1`, [`${ref}:c`]);

    const after = await engineGauges(q);
    expect({ pending: after.outbox.pending - before.outbox.pending, dead: after.outbox.dead - before.outbox.dead }).toEqual({ pending: 2, dead: 1 });
    expect(after.oldestUndeliveredSeconds).toBeGreaterThanOrEqual(2 * 3600);
    // Once the old one is delivered, it no longer ages the queue (unless some other suite's message is older still).
    await q.query(`UPDATE outbox_message SET status = 'delivered', delivered_at = now() WHERE idempotency_key = $1`, [`${ref}:a`]);
    expect((await engineGauges(q)).oldestUndeliveredSeconds).toBeLessThanOrEqual(before.oldestUndeliveredSeconds + 60);
  });

  it('count deadlines open and past due, and missed ones not yet done late, but not those due later, met, or missed and then done', async () => {
    const before = await engineGauges(q);
    const ref = `GAUGE-${randomUUID()}`;
    await replaceDeadlines(q, `matter-${ref}`, ref, null, [
      deadline('open-past-due', 'open', -3),
      deadline('open-later', 'open', 10),
      deadline('missed', 'missed', -20),
      deadline('missed-then-done', 'missed', -20, new Date().toISOString()),
      deadline('met', 'met', -5),
    ]);
    const after = await engineGauges(q);
    expect({ openPastDue: after.deadlines.openPastDue - before.deadlines.openPastDue, missed: after.deadlines.missed - before.deadlines.missed }).toEqual({ openPastDue: 1, missed: 1 });
  });

  it('are each answerable from an index, so a scrape stays cheap however long the tables grow', async () => {
    await q.query(`SET LOCAL enable_seqscan = off`);
    for (const [name, sql] of Object.entries(GAUGE_QUERIES)) {
      const plan = (await q.query(`EXPLAIN ${sql}`)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      expect({ name, seqScan: /Seq Scan/.test(plan) }).toEqual({ name, seqScan: false });
    }
  });
});
