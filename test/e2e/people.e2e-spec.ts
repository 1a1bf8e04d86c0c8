import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, nowIso, today, type Who } from '../support/api-client';
import { textOf, WebClient } from '../support/web-client';
import { waitFor } from '../support/wait-for';

const ADMIN: Who = { id: 'admin-e2e', role: 'administrator' };

/**
 * Over HTTP on the whole stack: a second matter against the same officer is joined to the first through the person,
 * and the final written warning recorded in the first bounds the second (CR reg 42(5)) without anyone ticking a box.
 */
describe('a record per person, over HTTP on the real stack', () => {
  const run = randomUUID().slice(0, 8);
  const warrant = `W-${run}`;
  const first = `PPL1-${run}`;
  const second = `PPL2-${run}`;
  const refer = (reference: string, subjects: Record<string, unknown>[]) =>
    call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects });
  const step = async (reference: string, kind: string, body: Record<string, unknown>, who: Who) => {
    const res = await call('POST', `/matters/${reference}/subjects/pc-1/${kind}`, { ...body, occurredAt: nowIso() }, who);
    expect({ step: body, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ step: body, status: 200, body: undefined });
  };
  const toCaseToAnswer = async (reference: string) => {
    await step(reference, 'decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }, AA);
    for (const event of ['notice-of-investigation-served', 'interview-held', 'investigator-report-submitted']) await step(reference, 'events', { event }, CASE_OFFICER);
    await step(reference, 'decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct' }, AA);
  };

  it('the first matter ends in a final written warning, notified, so it is live for two years', async () => {
    expect((await refer(first, [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }])).status).toBe(201);
    await waitFor(async () => (await call('GET', `/matters/${first}`)).body.subjects?.length === 1);
    await toCaseToAnswer(first);
    expect((await call('GET', `/matters/${first}`)).body.subjects[0].formOfProceedings).toBe('misconduct-meeting');
    await step(first, 'events', { event: 'notice-of-referral-served' }, CASE_OFFICER);
    await step(first, 'events', { event: 'proceedings-held' }, CASE_OFFICER);
    await step(first, 'decisions', { decision: 'outcome', outcome: 'final-written-warning' }, CASE_OFFICER);
    await step(first, 'events', { event: 'outcome-notified' }, CASE_OFFICER);
    await waitFor(async () => (await call('GET', `/matters/${first}`)).body.subjects[0].status?.warningLiveUntil != null);
  });

  it('a second matter against the same officer, referred without a tick, goes to a hearing because of that warning (CR reg 42(5))', async () => {
    expect((await refer(second, [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }])).status).toBe(201);
    await waitFor(async () => (await call('GET', `/matters/${second}`)).body.subjects?.length === 1);
    await toCaseToAnswer(second);
    const subject = (await call('GET', `/matters/${second}`)).body.subjects[0];
    expect(subject.formOfProceedings).toBe('misconduct-hearing');
  });

  it('its outcomes are bounded by the warning: reflective practice on a finding of misconduct is refused naming CR reg 42, reduction in rank is open', async () => {
    await step(second, 'events', { event: 'notice-of-referral-served' }, CASE_OFFICER);
    await step(second, 'events', { event: 'proceedings-held' }, CASE_OFFICER);
    const refused = await call('POST', `/matters/${second}/subjects/pc-1/decisions`, { decision: 'outcome', outcome: 'reflective-practice', finding: 'misconduct', occurredAt: nowIso() }, CASE_OFFICER);
    expect(refused.status).toBe(409);
    expect(refused.body.regulation).toMatch(/CR reg 42\(3\)\(a\), \(5\)/);
    await step(second, 'decisions', { decision: 'outcome', outcome: 'reduction-in-rank', finding: 'misconduct' }, CASE_OFFICER);
  });

  it("the person's record shows both matters, the warning with its live-until date and the reduction in rank, and every read is audited", async () => {
    const res = await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ forceId: 'e2e-force', numberKind: 'warrant-number', number: warrant, finalWrittenWarningLive: true });
    expect(res.body.matters.map((m: { reference: string }) => m.reference).sort()).toEqual([first, second].sort());
    expect(res.body.warnings).toEqual([expect.objectContaining({ matterReference: first, warning: 'final-written-warning', live: true, liveUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);
    await waitFor(async () => (await call('GET', `/people/${res.body.id}`, undefined, ADMIN)).body.reducedInRank?.length === 1);
    for (const reference of [first, second]) {
      const trail = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; actor: string }[];
      expect(trail.filter((a) => a.action === 'person-read').map((a) => a.actor)).toEqual(expect.arrayContaining([AA.id, ADMIN.id]));
    }
  });

  it("a case officer is refused the person's record (403), whether or not the person exists", async () => {
    const person = (await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA)).body;
    for (const path of [`/people/${person.id}`, '/people/999999999']) {
      const res = await call('GET', path, undefined, CASE_OFFICER);
      expect(res.status).toBe(403);
      expect(res.body.rolesAllowed).toEqual(['appropriate-authority', 'administrator']);
    }
    expect((await call('GET', '/people/999999999', undefined, AA)).status).toBe(404);
  });

  it('on the web, the subject on the matter page links the appropriate authority to the person page, which shows both matters; a case officer gets neither', async () => {
    const aa = new WebClient();
    await aa.signIn({ ...AA, id: 'aa-web-people', name: 'aa-web-people' });
    const matterPage = await aa.get(`/matter/${second}`);
    const link = /href="(\/person\/[0-9]+)"/.exec(matterPage.html);
    expect(link).not.toBeNull();
    const personPage = await aa.get(link![1]);
    expect(personPage.status).toBe(200);
    const text = textOf(personPage.html);
    for (const words of [first, second, warrant, 'Final written warning', 'Reduction in rank']) expect(text).toContain(words);
    const co = new WebClient();
    await co.signIn({ ...CASE_OFFICER, id: 'co-web-people', name: 'co-web-people' });
    expect((await co.get(`/matter/${second}`)).html).not.toMatch(/href="\/person\//);
    expect((await co.get(link![1])).status).toBe(403);
  });

  it('an ambiguous match is refused naming the field and the rule, and nothing is recorded', async () => {
    const reference = `PPL3-${run}`;
    const asStaff = await refer(reference, [{ subjectId: 'ps-1', kind: 'police-staff', warrantNumber: warrant }]);
    expect(asStaff.status).toBe(409);
    expect(asStaff.body).toMatchObject({ field: 'subjects[0].warrantNumber', rule: 'one-number-one-person' });
    const twice = await refer(reference, [{ subjectId: 'a', kind: 'police-officer', warrantNumber: `X-${run}` }, { subjectId: 'b', kind: 'police-officer', warrantNumber: `X-${run}` }]);
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ field: 'subjects[1].warrantNumber', rule: 'one-number-one-person' });
    expect((await call('GET', `/matters/${reference}`)).status).toBe(404);
  });

  it('a tick the engine’s records do not support is a warning from before the engine: refused without its source, accepted with it', async () => {
    const reference = `PPL4-${run}`;
    const tick = { subjectId: 'pc-1', kind: 'police-officer', warrantNumber: `Y-${run}`, finalWrittenWarningLive: true };
    const refused = await refer(reference, [tick]);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'subjects[0].finalWrittenWarningLiveSource', regulation: 'CR reg 42(5)' });
    expect((await refer(reference, [{ ...tick, finalWrittenWarningLiveSource: 'PSD paper file 2019/44' }])).status).toBe(201);
  });
});
