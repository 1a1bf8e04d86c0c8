import 'reflect-metadata';
import { randomUUID } from 'crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { daysFromToday } from '../../../../test/support/dates';
import { dataSourceOptions } from '../data-source';
import { upsertMatter } from './matters';
import { refreshNextDeadline } from './next-deadline';
import { upsertSubject } from './subjects';

/**
 * Two subject tracks of one matter written at once, as two workers' projections do: each subject's row takes a
 * key-share lock on the matter's row (its foreign key), then each refreshes the matter's next deadline. The two must
 * queue, never deadlock, and the last to commit must leave the soonest of both.
 */
let db: DataSource;
const reference = `NEXT-${randomUUID()}`;

beforeAll(async () => {
  db = new DataSource({ ...dataSourceOptions(process.env.INTEGRATION_DATABASE_URL), extra: { max: 4 } });
  await db.initialize();
  await upsertMatter(db, { reference, workflowId: `matter-${reference}`, kind: 'conduct-matter', regime: 'conduct-regulations', forceId: `f-${randomUUID().slice(0, 8)}`, stage: 'open', appropriateAuthority: 'DCS Example', iopcReferralRequired: false, modeOfInvestigation: null, receivedOn: daysFromToday(-30), revision: 1 });
});
afterAll(async () => {
  await db.query(`DELETE FROM deadline WHERE matter_reference = $1`, [reference]);
  await db.query(`DELETE FROM subject WHERE matter_reference = $1`, [reference]);
  await db.query(`DELETE FROM matter WHERE reference = $1`, [reference]);
  await db.destroy();
});

async function track(subjectId: string): Promise<QueryRunner> {
  const q = db.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  return q;
}

async function insertDeadline(q: QueryRunner, subjectId: string, dueInDays: number): Promise<void> {
  const due = daysFromToday(dueInDays);
  await upsertSubject(q, { matterReference: reference, subjectId, workflowId: `subject-${reference}-${subjectId}`, kind: 'police-officer', rank: 'PC', warrantNumber: null, stage: 'investigation', severity: null, caseToAnswer: null, formOfProceedings: null, outcome: null, closedBecause: null, status: {}, revision: 1 });
  await q.query(
    `INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status, extensions, corrections)
     VALUES ($1, 'd', $2, $3, 'r', 'deadline', 'CR reg 17', $4, $5, 'open', '[]', '[]')`,
    [`subject-${reference}-${subjectId}`, reference, subjectId, due, `${due}T23:59:59Z`],
  );
}

describe("the matter's next deadline, written by two tracks at once", () => {
  it('lets the second wait for the first rather than deadlock, and keeps the soonest of both', async () => {
    const a = await track('a');
    const b = await track('b');
    try {
      await insertDeadline(a, 'a', 20);
      await insertDeadline(b, 'b', 5);
      // Each now holds a key-share lock on the matter's row. The first refresh must not wait for the second's subject.
      await refreshNextDeadline(a, reference);
      const second = refreshNextDeadline(b, reference);
      await a.commitTransaction();
      await second;
      await b.commitTransaction();
    } finally {
      for (const q of [a, b]) {
        if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
        await q.release();
      }
    }
    const [row] = await db.query(`SELECT to_char(next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS due FROM matter WHERE reference = $1`, [reference]);
    expect(row.due).toBe(daysFromToday(5));
  }, 20_000);
});
