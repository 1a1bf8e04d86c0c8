import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, today, type Who } from '../support/api-client';
import { textOf, WebClient } from '../support/web-client';
import { waitFor } from '../support/wait-for';

const ADMIN: Who = { id: 'admin-e2e', role: 'administrator' };

/**
 * Over HTTP on the whole stack: allegations against one officer across matters raise early-intervention flags on
 * their person, under the default rules, with the rule and the matters named; a flag advises and decides nothing.
 */
describe('early intervention, over HTTP on the real stack', () => {
  const run = randomUUID().slice(0, 8);
  const warrant = `EI-${run}`;
  const refs = [1, 2, 3].map((i) => `EI${i}-${run}`);
  const refer = (reference: string, category: string) =>
    call('POST', '/matters', {
      reference, kind: 'complaint', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }],
      allegations: [{ id: 'a1', alleged: `What is alleged in ${reference}`, subjectIds: ['pc-1'], category, standards: [] }],
    });
  const personId = async () => (await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA)).body.id as string;
  const flagsOf = async () => ((await call('GET', `/people/${await personId()}`, undefined, AA)).body.earlyIntervention ?? []) as { ruleId: string; matterReferences: string[] }[];

  it('one allegation of sexual misconduct raises nothing', async () => {
    expect((await refer(refs[0], 'E1')).status).toBe(201);
    await waitFor(async () => (await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA)).status === 200);
    await waitFor(async () => ((await call('GET', `/matters/${refs[0]}`)).body.allegations ?? []).length === 1);
    expect(await flagsOf()).toEqual([]);
  });

  it('a second matter alleging sexual conduct raises the repeated-concern flag on both matters', async () => {
    expect((await refer(refs[1], 'F2')).status).toBe(201);
    await waitFor(async () => (await flagsOf()).length > 0);
    expect(await flagsOf()).toEqual([
      expect.objectContaining({ ruleId: 'repeated-sexual-misconduct-domestic-abuse-or-discrimination', matterReferences: [refs[0], refs[1]], raisedOn: today() }),
    ]);
  });

  it('a third allegation within 12 months, of any kind, raises the three-in-12-months flag too', async () => {
    expect((await refer(refs[2], 'B4')).status).toBe(201);
    await waitFor(async () => (await flagsOf()).length === 2);
    const flags = await flagsOf();
    expect(flags.map((f) => f.ruleId)).toEqual(['three-allegations-in-12-months', 'repeated-sexual-misconduct-domestic-abuse-or-discrimination']);
    expect([...flags[0].matterReferences].sort()).toEqual([...refs].sort());
  });

  it('the report lists the person with each flag for the appropriate authority, audited; a case officer is refused', async () => {
    const report = await call('GET', '/people/early-intervention', undefined, AA);
    expect(report.status).toBe(200);
    const mine = (report.body as { number: string; ruleId: string }[]).filter((r) => r.number === warrant);
    expect(mine.map((r) => r.ruleId).sort()).toEqual(['repeated-sexual-misconduct-domestic-abuse-or-discrimination', 'three-allegations-in-12-months']);
    const trail = (await call('GET', `/matters/${refs[1]}/audit`)).body as { action: string; actor: string; details: { report?: string } }[];
    expect(trail.some((a) => a.action === 'person-read' && a.details.report === 'early-intervention' && a.actor === AA.id)).toBe(true);
    const refused = await call('GET', '/people/early-intervention', undefined, CASE_OFFICER);
    expect(refused.status).toBe(403);
  });

  it("the flags show on the person's page, as advice", async () => {
    const web = new WebClient();
    await web.signIn({ id: ADMIN.id, role: 'administrator', force: 'e2e-force' });
    const page = await web.get(`/person/${await personId()}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Early intervention');
    expect(text).toContain(`Advice A second allegation of sexual misconduct, domestic abuse or discrimination: matters ${refs[0]}, ${refs[1]}`);
    expect(text).toContain('they decide nothing');
  });
});
