import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { daysFromToday, today } from '../../../../test/support/dates';
import {
  answerConfidentialQuestion,
  appendConfidentialAudit,
  findConfidentialAudit,
  findConfidentialQuestions,
  findConfidentialReport,
  findConfidentialReportOfMatter,
  insertConfidentialQuestion,
  insertConfidentialReport,
  linkConfidentialReportToMatter,
  listConfidentialReports,
} from './confidential-reports';

/** Confidential reports on a real PostgreSQL: each test in a transaction it rolls back. */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

const newReport = async (force: string, identity: Buffer | null = null) => {
  const reference = `CR-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  await insertConfidentialReport(q, { reference, forceId: force, secretHash: 'scrypt$1$1$1$salt$hash', account: 'what happened', about: null, identitySealed: identity, identityKeyId: identity ? 'k1' : null, receivedOn: today() });
  return reference;
};

describe('confidential reports on PostgreSQL', () => {
  it("a question is answered once: a second answer changes nothing; each force lists only its own reports", async () => {
    const force = `f-${randomUUID()}`;
    const reference = await newReport(force);
    await newReport(`other-${force}`);
    const id = await insertConfidentialQuestion(q, reference, 'when?', 'co-1');
    expect(await answerConfidentialQuestion(q, reference, id, 'Tuesday', today())).toBe(true);
    expect(await answerConfidentialQuestion(q, reference, id, 'Wednesday', today())).toBe(false);
    expect(await findConfidentialQuestions(q, reference)).toEqual([expect.objectContaining({ id, answer: 'Tuesday', answeredOn: today() })]);
    expect((await listConfidentialReports(q, [force], { limit: 10 })).items.map((r) => [r.reference, r.questionsUnanswered, r.hasIdentity])).toEqual([[reference, 0, false]]);
  });

  it('the list is paged newest first, by day then reference, each report once, however many share a day', async () => {
    const force = `f-${randomUUID()}`;
    const made: { reference: string; receivedOn: string }[] = [];
    for (const back of [0, 3, 3, 3, 10]) {
      const reference = `CR-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
      await insertConfidentialReport(q, { reference, forceId: force, secretHash: 'scrypt$1$1$1$salt$hash', account: 'what happened', about: null, identitySealed: null, identityKeyId: null, receivedOn: daysFromToday(-back) });
      made.push({ reference, receivedOn: daysFromToday(-back) });
    }
    const expected = [...made].sort((a, b) => b.receivedOn.localeCompare(a.receivedOn) || b.reference.localeCompare(a.reference)).map((r) => r.reference);
    const seen: string[] = [];
    let after: { receivedOn: string; reference: string } | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await listConfidentialReports(q, [force], { limit: 2, after });
      seen.push(...page.items.map((r) => r.reference));
      if (!page.more) break;
      const last = page.items.at(-1)!;
      after = { receivedOn: last.receivedOn, reference: last.reference };
    }
    expect(seen).toEqual(expected);
  });

  it('a sealed identity needs its key id beside it; a report links to one matter, found from either side', async () => {
    const force = `f-${randomUUID()}`;
    await q.query('SAVEPOINT before_insert');
    await expect(q.query(`INSERT INTO confidential_report (reference, force_id, secret_hash, account, identity_sealed, received_on) VALUES ('CR-X', $1, 'h', 'a', '\\x00', now())`, [force])).rejects.toThrow(/check constraint/);
    await q.query('ROLLBACK TO SAVEPOINT before_insert');
    const reference = await newReport(force, Buffer.from([1, 2, 3]));
    await linkConfidentialReportToMatter(q, reference, `M-${force}`);
    await linkConfidentialReportToMatter(q, reference, `M2-${force}`);
    expect((await findConfidentialReport(q, reference))?.matterReference).toBe(`M-${force}`);
    expect(await findConfidentialReportOfMatter(q, `M-${force}`)).toBe(reference);
  });

  it('the trail of who read an identity cannot be changed or removed', async () => {
    const reference = await newReport(`f-${randomUUID()}`);
    await appendConfidentialAudit(q, { reportReference: reference, actor: 'admin-1', actorRole: 'administrator', action: 'identity-read', regulation: null, details: {} });
    expect(await findConfidentialAudit(q, reference)).toEqual([expect.objectContaining({ actor: 'admin-1', action: 'identity-read' })]);
    await q.query('SAVEPOINT before_update');
    await expect(q.query(`UPDATE confidential_report_audit SET actor = 'someone-else' WHERE report_reference = $1`, [reference])).rejects.toThrow(/append-only/);
    await q.query('ROLLBACK TO SAVEPOINT before_update');
    await expect(q.query(`DELETE FROM confidential_report_audit WHERE report_reference = $1`, [reference])).rejects.toThrow(/append-only/);
  });
});
