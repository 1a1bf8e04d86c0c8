import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../test/support/rolled-back';
import { outcomesDecided, referredMatters } from './reports';
import { appendAudit } from './tables/audit-trail';
import { upsertMatter } from './tables/matters';

/**
 * The quarterly report's counts, made by the database. Each test runs in a transaction it rolls back, and reads only
 * a force of its own, so what other suites write meanwhile does not count.
 */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

async function matter(force: string, receivedOn: string, kind: string, stage: string): Promise<string> {
  const reference = `Q-${randomUUID()}`;
  await upsertMatter(q, { reference, workflowId: `matter-${reference}`, kind, regime: 'schedule-3', forceId: force, stage, appropriateAuthority: 'DCS Example', iopcReferralRequired: false, modeOfInvestigation: null, receivedOn, revision: 1 });
  return reference;
}

async function outcome(reference: string, occurredAt: string, decided: string): Promise<void> {
  await appendAudit(q, [{ idempotencyKey: `q:${randomUUID()}`, matterReference: reference, subjectId: 'a', actor: 'aa', actorRole: 'appropriate-authority', action: 'decision:outcome', rule: 'outcome', regulation: 'CR reg 35', occurredAt, details: { outcome: decided } }]);
}

describe('the quarterly report’s counts', () => {
  it('counts matters by the calendar quarter they were received in, their kind and their stage now', async () => {
    const force = `force-${randomUUID()}`;
    await matter(force, '2024-03-31', 'complaint', 'investigation');
    await matter(force, '2024-04-01', 'complaint', 'investigation');
    await matter(force, '2024-06-30', 'complaint', 'investigation');
    await matter(force, '2024-06-30', 'conduct-matter', 'closed');
    await matter(`other-${randomUUID()}`, '2024-04-01', 'complaint', 'investigation');

    const rows = await referredMatters(q, [force]);
    expect(rows.sort((a, b) => `${a.quarter_start}${a.kind}`.localeCompare(`${b.quarter_start}${b.kind}`))).toEqual([
      { quarter_start: '2024-01-01', kind: 'complaint', stage: 'investigation', count: 1 },
      { quarter_start: '2024-04-01', kind: 'complaint', stage: 'investigation', count: 2 },
      { quarter_start: '2024-04-01', kind: 'conduct-matter', stage: 'closed', count: 1 },
    ]);
  });

  it('counts outcomes by the quarter they were decided in, London time (00:30 on 1 April BST is the new quarter)', async () => {
    const force = `force-${randomUUID()}`;
    const ref = await matter(force, '2024-01-10', 'conduct-matter', 'closed');
    await outcome(ref, '2024-03-31T23:30:00Z', 'written-warning');
    await outcome(ref, '2024-03-31T22:30:00Z', 'written-warning');
    await outcome(ref, '2024-01-01T00:30:00Z', 'no-further-action');

    const rows = await outcomesDecided(q, [force]);
    expect(rows.sort((a, b) => `${a.quarter_start}${a.outcome}`.localeCompare(`${b.quarter_start}${b.outcome}`))).toEqual([
      { quarter_start: '2024-01-01', outcome: 'no-further-action', count: 1 },
      { quarter_start: '2024-01-01', outcome: 'written-warning', count: 1 },
      { quarter_start: '2024-04-01', outcome: 'written-warning', count: 1 },
    ]);
  });
});
