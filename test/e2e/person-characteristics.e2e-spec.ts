import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, today, type Who } from '../support/api-client';
import { textOf, WebClient } from '../support/web-client';
import { waitFor } from '../support/wait-for';

const ADMIN: Who = { id: 'admin-e2e-pc', role: 'administrator' };

/**
 * A person's protected characteristics (Equality Act 2010 s.4) over HTTP on the whole stack: recorded by the
 * appropriate authority, shown on the person's record, audited on each of the person's matters without the values,
 * and refused with the field or the roles named.
 */
describe("a person's protected characteristics, over HTTP on the real stack", () => {
  const run = randomUUID().slice(0, 8);
  const warrant = `PC-${run}`;
  const matters = [`PCH1-${run}`, `PCH2-${run}`];
  let personId: string;

  beforeAll(async () => {
    for (const reference of matters) {
      const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }] });
      expect(referred.status).toBe(201);
    }
    await waitFor(async () => {
      const person = await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA);
      personId = person.body?.id;
      return person.status === 200 && person.body.matters.length === 2;
    });
  });

  it('are not recorded at first, then recorded and shown on the record with the ethnic group and where they come from', async () => {
    expect((await call('GET', `/people/${personId}`, undefined, AA)).body.characteristics).toBeNull();
    const put = await call('PUT', `/people/${personId}/characteristics`, { sex: 'female', ethnicity: 'black-caribbean', dateOfBirth: '1979-08-14', source: 'HR system export 2026-11' }, AA);
    expect(put.status).toBe(200);
    const record = await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, ADMIN);
    expect(record.body.characteristics).toEqual({
      sex: 'female', ethnicity: 'black-caribbean', ethnicGroup: 'black', dateOfBirth: '1979-08-14', source: 'HR system export 2026-11',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), recordedBy: AA.id,
    });
  });

  it("each of the person's matters has an audit line naming the fields given and the source, never the values", async () => {
    for (const reference of matters) {
      const trail = (await call('GET', `/matters/${reference}/audit`)).body as { action: string; actor: string; subject_id?: string; details: Record<string, unknown> }[];
      const lines = trail.filter((a) => a.action === 'person-characteristics-recorded');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ actor: AA.id, details: { fields: ['sex', 'ethnicity', 'dateOfBirth'], source: 'HR system export 2026-11', personId } });
      expect(JSON.stringify(trail)).not.toMatch(/black-caribbean|1979-08-14|"female"/);
    }
  });

  it('a new record replaces the whole of the old: what is left out is no longer recorded', async () => {
    const put = await call('PUT', `/people/${personId}/characteristics`, { ethnicity: 'not-stated', source: 'said by the officer' }, ADMIN);
    expect(put.status).toBe(200);
    expect((await call('GET', `/people/${personId}`, undefined, AA)).body.characteristics).toMatchObject({ sex: null, ethnicity: 'not-stated', ethnicGroup: null, dateOfBirth: null, source: 'said by the officer', recordedBy: ADMIN.id });
  });

  it('a case officer is refused with the roles that may (403), whether or not the person exists', async () => {
    for (const id of [personId, '999999999']) {
      const res = await call('PUT', `/people/${id}/characteristics`, { sex: 'male', source: 'HR' }, CASE_OFFICER);
      expect([res.status, res.body.rolesAllowed]).toEqual([403, ['appropriate-authority', 'administrator']]);
    }
  });

  it('a bad value is refused 400 naming the field and the rule, and nothing is recorded', async () => {
    const before = (await call('GET', `/people/${personId}`, undefined, AA)).body.characteristics;
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ ethnicity: 'british', source: 'HR' }, 'ethnicity', 'ethnicity-known'],
      [{ sex: 'F', source: 'HR' }, 'sex', 'sex-known'],
      [{ dateOfBirth: '1990-02-30', source: 'HR' }, 'dateOfBirth', 'date-of-birth-real'],
      [{ dateOfBirth: today(), source: 'HR' }, 'dateOfBirth', 'date-of-birth-serving-age'],
      [{ sex: 'male' }, 'source', undefined],
      [{ source: 'HR' }, 'sex', 'characteristics-given'],
    ];
    for (const [body, field, rule] of cases) {
      const res = await call('PUT', `/people/${personId}/characteristics`, body, AA);
      expect([res.status, JSON.stringify(res.body)]).toEqual([400, expect.stringContaining(field)]);
      if (rule) expect(res.body).toMatchObject({ field, rule });
    }
    const unknown = await call('PUT', `/people/${personId}/characteristics`, { sex: 'male', source: 'HR', religion: 'none' }, AA);
    expect([unknown.status, JSON.stringify(unknown.body)]).toEqual([400, expect.stringContaining('religion')]);
    expect((await call('GET', `/people/${personId}`, undefined, AA)).body.characteristics).toEqual(before);
  });

  it('an unknown person, or one of a force the appropriate authority does not serve, is not found (404)', async () => {
    expect((await call('PUT', '/people/999999999/characteristics', { sex: 'male', source: 'HR' }, AA)).status).toBe(404);
    expect((await call('PUT', `/people/${personId}/characteristics`, { sex: 'male', source: 'HR' }, { ...AA, id: `aa-other-${run}`, force: `other-${run}` })).status).toBe(404);
  });

  it('on the web, the person page links to the form; an error names its field; recording returns to the page with a banner and the values in words', async () => {
    const aa = new WebClient();
    await aa.signIn({ ...AA, id: 'aa-web-characteristics', name: 'aa-web-characteristics' });
    const page = await aa.get(`/person/${personId}`);
    expect(page.html).toContain(`href="/person/${personId}/characteristics"`);
    const form = await aa.get(`/person/${personId}/characteristics`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Record protected characteristics');

    const wrong = await aa.post(`/person/${personId}/characteristics`, { sex: 'male', ethnicity: 'white-irish', 'dateOfBirth-day': '30', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1980', source: '' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(/govuk-error-summary[\s\S]*href="#dateOfBirth-day"[\s\S]*href="#source"/);
    expect(textOf(wrong.html)).toContain('Date of birth must be a real date');

    const done = await aa.post(`/person/${personId}/characteristics`, { sex: 'male', ethnicity: 'white-irish', 'dateOfBirth-day': '29', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1980', source: 'HR system export 2026-12' });
    expect([done.status, done.location]).toEqual([303, `/person/${personId}?recorded=characteristics`]);
    const shown = textOf((await aa.get(done.location!)).html);
    for (const words of ['Protected characteristics recorded', 'Male', 'White: Irish', '29 February 1980', 'HR system export 2026-12']) expect(shown).toContain(words);

    const co = new WebClient();
    await co.signIn({ ...CASE_OFFICER, id: 'co-web-characteristics', name: 'co-web-characteristics' });
    expect((await co.get(`/person/${personId}/characteristics`)).status).toBe(403);
  });
});
