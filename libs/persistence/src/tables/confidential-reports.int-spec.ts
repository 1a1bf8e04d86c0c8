import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { today } from '../../../../test/support/dates';
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
    expect((await listConfidentialReports(q, [force])).map((r) => [r.reference, r.questionsUnanswered, r.hasIdentity])).toEqual([[reference, 0, false]]);
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
