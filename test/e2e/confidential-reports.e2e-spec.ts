import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, today, type Who } from '../support/api-client';
import { waitFor } from '../support/wait-for';

const ADMIN: Who = { id: 'admin-e2e', role: 'administrator' };
const OTHER_FORCE_AA: Who = { id: 'aa-other', role: 'appropriate-authority', force: 'other-force' };
const INVESTIGATOR: Who = { id: 'inv-e2e', role: 'investigator' };

/**
 * Over HTTP on the whole stack: an anonymous report goes in, a question goes out and is answered with only the
 * reference and the secret, a wrong secret is refused without saying whether the reference exists, and the report
 * becomes a conduct matter, the two naming each other.
 */
describe('confidential and anonymous reporting, over HTTP on the real stack', () => {
  const run = randomUUID().slice(0, 8);
  const matterReference = `CONF-${run}`;
  let reference = '';
  let secret = '';
  const asReporter = (method: string, path: string, body?: unknown, s = secret) => call(method, path, body, null, { 'x-report-secret': s });

  it('a member of the force reports without an account and is given a reference and a secret, shown once', async () => {
    const res = await call('POST', '/confidential-reports', { forceId: 'e2e-force', account: `Sergeant ${run} pockets cash from seized property`, about: 'the custody sergeant on nights', identity: `PC ${run}, response team B` }, null);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reference: expect.stringMatching(/^CR-[0-9A-Z]{12}$/), secret: expect.any(String), receivedOn: today() });
    ({ reference, secret } = res.body);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('with only the reference and the secret, the reporter reads what they reported; a wrong secret and an unknown reference get the same 404 naming the rule', async () => {
    const mine = await asReporter('GET', `/confidential-reports/${reference}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ reference, account: expect.stringContaining(run), questions: [] });
    expect(JSON.stringify(mine.body)).not.toContain('response team B');

    const wrong = await asReporter('GET', `/confidential-reports/${reference}`, undefined, `${secret.slice(0, -2)}xx`);
    const unknown = await asReporter('GET', '/confidential-reports/CR-000000000000');
    const none = await call('GET', `/confidential-reports/${reference}`, undefined, null);
    for (const r of [wrong, unknown, none]) {
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ rule: 'confidential-report-secret', field: 'secret' });
    }
    expect(wrong.body).toEqual(unknown.body);
    // The secret opens the report only with its own reference.
    const answerWrong = await asReporter('POST', `/confidential-reports/${reference}/answers`, { questionId: '1', answer: 'x' }, 'not-the-secret');
    expect(answerWrong.status).toBe(404);
  });

  it("the department of the report's force lists it and asks a question; other forces and roles are refused", async () => {
    const list = await call('GET', '/confidential-reports', undefined, CASE_OFFICER);
    expect(list.status).toBe(200);
    expect(list.body.find((r: { reference: string }) => r.reference === reference)).toMatchObject({ status: 'received', hasIdentity: true, questionsUnanswered: 0 });
    expect(JSON.stringify(list.body)).not.toContain('response team B');
    expect((await call('GET', '/confidential-reports', undefined, OTHER_FORCE_AA)).body.some((r: { reference: string }) => r.reference === reference)).toBe(false);
    expect((await call('GET', `/confidential-reports/${reference}/record`, undefined, OTHER_FORCE_AA)).status).toBe(404);
    expect((await call('GET', '/confidential-reports', undefined, INVESTIGATOR)).status).toBe(403);
    // The list comes a page at a time; a cursor it did not give out is refused, naming it.
    expect(await call('GET', '/confidential-reports?after=not-a-cursor', undefined, CASE_OFFICER)).toMatchObject({ status: 400, body: { field: 'after' } });

    const asked = await call('POST', `/confidential-reports/${reference}/questions`, { question: 'On which nights did you see it, and who else was on duty?' }, CASE_OFFICER);
    expect(asked.status).toBe(201);
    const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, CASE_OFFICER);
    expect(record.body.questions).toEqual([expect.objectContaining({ id: asked.body.questionId, answer: null })]);
  });

  it('the reporter reads the question and answers it once, with only the reference and the secret', async () => {
    const mine = await asReporter('GET', `/confidential-reports/${reference}`);
    expect(mine.body.questions).toEqual([expect.objectContaining({ question: expect.stringMatching(/which nights/), answer: null, askedOn: today() })]);
    expect(JSON.stringify(mine.body)).not.toContain(CASE_OFFICER.id);
    const id = mine.body.questions[0].id;
    const answered = await asReporter('POST', `/confidential-reports/${reference.toLowerCase()}/answers`, { questionId: id, answer: 'Tuesday and Wednesday; PC Example saw it too' });
    expect(answered.status).toBe(200);
    expect(answered.body.questions[0]).toMatchObject({ answer: 'Tuesday and Wednesday; PC Example saw it too', answeredOn: today() });
    const again = await asReporter('POST', `/confidential-reports/${reference}/answers`, { questionId: id, answer: 'changed my mind' });
    expect(again).toMatchObject({ status: 409, body: { rule: 'confidential-question-answered-once' } });
    const noSuch = await asReporter('POST', `/confidential-reports/${reference}/answers`, { questionId: '999999999', answer: 'x' });
    expect(noSuch).toMatchObject({ status: 404, body: { message: expect.stringMatching(/^questionId:/) } });
    const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, CASE_OFFICER);
    expect(record.body.questions[0].answer).toMatch(/Tuesday/);
  });

  it("the reporter's identity is readable by an administrator alone, and each read is in the report's trail", async () => {
    const refused = await call('GET', `/confidential-reports/${reference}/identity`, undefined, AA);
    expect(refused).toMatchObject({ status: 403, body: { rolesAllowed: ['administrator'] } });
    const read = await call('GET', `/confidential-reports/${reference}/identity`, undefined, ADMIN);
    expect(read).toMatchObject({ status: 200, body: { identity: `PC ${run}, response team B` } });
    const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, AA);
    expect(record.body.trail.filter((t: { action: string }) => t.action === 'identity-read')).toEqual([expect.objectContaining({ actor: ADMIN.id, actorRole: 'administrator' })]);
    expect(JSON.stringify(record.body)).not.toContain('response team B');
  });

  const referral = (kind = 'conduct-matter', forceId = 'e2e-force') => ({
    reference: matterReference, kind, forceId, appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), summary: 'From a confidential report',
    subjects: [{ subjectId: 'ps-1', kind: 'police-officer', rank: 'PS', warrantNumber: `CR-${run}` }],
  });

  it('before it is assessed as a conduct matter it cannot become one, naming the rule; the assessment is recorded with its rationale', async () => {
    const early = await call('POST', `/confidential-reports/${reference}/conduct-matter`, referral(), AA);
    expect(early).toMatchObject({ status: 409, body: { rule: 'confidential-report-assessed-first', regulation: expect.stringMatching(/PRA 2002 s\.12\(2\)/) } });
    expect((await call('GET', `/matters/${matterReference}`, undefined, AA)).status).toBe(404);

    const badAssessment = await call('POST', `/confidential-reports/${reference}/assessment`, { assessment: 'guilty', rationale: 'x' }, AA);
    expect(badAssessment.status).toBe(400);
    const assessed = await call('POST', `/confidential-reports/${reference}/assessment`, { assessment: 'conduct-matter-indicated', rationale: 'Theft from seized property, if proved, would justify disciplinary proceedings' }, AA);
    expect(assessed.status).toBe(200);
    expect(assessed.body).toMatchObject({ status: 'assessed', assessment: { assessment: 'conduct-matter-indicated', rationale: expect.stringMatching(/Theft/), by: AA.id } });
  });

  it('an assessed report becomes a conduct matter through the referral path, of its own force and a conduct kind only, and the two name each other', async () => {
    expect(await call('POST', `/confidential-reports/${reference}/conduct-matter`, referral('complaint'), AA)).toMatchObject({ status: 409, body: { rule: 'confidential-report-conduct-kind' } });
    expect(await call('POST', `/confidential-reports/${reference}/conduct-matter`, referral('conduct-matter', 'other-force'), AA)).toMatchObject({ status: 400, body: { field: 'forceId' } });
    expect((await call('POST', `/confidential-reports/${reference}/conduct-matter`, referral(), INVESTIGATOR)).status).toBe(403);

    const made = await call('POST', `/confidential-reports/${reference}/conduct-matter`, referral(), AA);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ reference, matterReference });
    await waitFor(async () => (await call('GET', `/matters/${matterReference}`, undefined, AA)).body.subjects?.length === 1);
    const matter = await call('GET', `/matters/${matterReference}`, undefined, AA);
    expect(matter.body).toMatchObject({ kind: 'conduct-matter', forceId: 'e2e-force', confidentialReport: reference });
    const record = await call('GET', `/confidential-reports/${reference}/record`, undefined, AA);
    expect(record.body).toMatchObject({ status: 'conduct-matter', matterReference });
    expect(record.body.trail.map((t: { action: string }) => t.action)).toEqual(['question-asked', 'identity-read', 'assessed', 'conduct-matter-referred']);

    const twice = await call('POST', `/confidential-reports/${reference}/conduct-matter`, { ...referral(), reference: `${matterReference}-2` }, AA);
    expect(twice).toMatchObject({ status: 409, body: { rule: 'confidential-report-one-matter' } });
  });

  it('bad input is refused naming the field, and nothing is stored', async () => {
    const res = await call('POST', '/confidential-reports', { forceId: 'e2e-force', account: '' }, null);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/account/);
    expect((await call('POST', '/confidential-reports', { forceId: 'e2e-force', account: 'x', ipAddress: '1.2.3.4' }, null)).status).toBe(400);
  });
});
