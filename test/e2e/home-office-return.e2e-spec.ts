import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, call, nowIso, today, type Who } from '../support/api-client';
import { waitFor } from '../support/wait-for';

const IOPC: Who = { id: 'iopc-returns', role: 'oversight', force: 'iopc', forces: ['*'] };

/** A date of birth that makes the person `years` old today, their birthday a week away (computed, never written). */
function bornYearsAgo(years: number): string {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  d.setUTCFullYear(d.getUTCFullYear() - years - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The Home Office's case-level return over HTTP on the whole stack, for one officer whose person record holds their
 * protected characteristics: suspended, taken to a misconduct hearing, appealed to the Police Appeals Tribunal. The
 * appropriate authority's return carries the characteristics (and the read is audited on the matter); oversight's
 * carries `withheld` and opens nothing.
 */
describe("the Home Office's misconduct return, with the subject's protected characteristics, over HTTP", () => {
  const run = randomUUID().slice(0, 8);
  const reference = `HOR-${run}`;
  const warrant = `HO-${run}`;
  const period = `from=${today()}&to=${today()}`;
  const line = async (who: Who) => {
    const res = await call('GET', `/reports/returns/home-office-misconduct?${period}`, undefined, who);
    expect(res.status).toBe(200);
    return (res.body as string).split('\r\n').filter((l) => l.includes(`,${reference},`));
  };
  const personReads = async () =>
    ((await call('GET', `/matters/${reference}/audit`)).body as { action: string; details: Record<string, unknown> }[]).filter((a) => a.action === 'person-read' && a.details.report === 'home-office-misconduct');

  beforeAll(async () => {
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: warrant }] });
    expect(referred.status).toBe(201);
    let personId: string | undefined;
    await waitFor(async () => {
      const person = await call('GET', `/people?forceId=e2e-force&numberKind=warrant-number&number=${warrant}`, undefined, AA);
      personId = person.body?.id;
      return person.status === 200;
    });
    const put = await call('PUT', `/people/${personId}/characteristics`, { sex: 'male', ethnicity: 'asian-pakistani', dateOfBirth: bornYearsAgo(40), source: 'HR system export' }, AA);
    expect(put.status).toBe(200);
    const steps: [string, Record<string, unknown>, Who][] = [
      ['decisions', { decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing' }, AA],
      ['events', { event: 'suspended' }, CASE_OFFICER],
      ['events', { event: 'notice-of-investigation-served' }, CASE_OFFICER],
      ['events', { event: 'interview-held' }, CASE_OFFICER],
      ['events', { event: 'investigator-report-submitted' }, CASE_OFFICER],
      ['decisions', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' }, AA],
      ['events', { event: 'notice-of-referral-served' }, CASE_OFFICER],
      ['events', { event: 'proceedings-held' }, CASE_OFFICER],
      ['decisions', { decision: 'outcome', outcome: 'final-written-warning', finding: 'gross-misconduct', exceptionalCircumstances: 'Long and unblemished service; the conduct was out of character' }, CASE_OFFICER],
      ['events', { event: 'outcome-notified' }, CASE_OFFICER],
      ['events', { event: 'appeal-lodged' }, CASE_OFFICER],
    ];
    for (const [kind, body, who] of steps) {
      const res = await call('POST', `/matters/${reference}/subjects/pc-1/${kind}`, { ...body, occurredAt: nowIso() }, who);
      expect({ body, status: res.status, answer: res.status === 200 ? undefined : res.body }).toEqual({ body, status: 200, answer: undefined });
    }
    // Waited for as oversight, whose return opens no one's record (so no read is audited yet).
    await waitFor(async () => (await line(IOPC)).length === 1);
  }, 60_000);

  it("the appropriate authority's return has the proceedings, the suspension, the appeal and the characteristics, and the read is audited", async () => {
    expect(await personReads()).toEqual([]);
    const [row] = await line(AA);
    const cells = row.split(',');
    expect(cells.slice(0, 10)).toEqual(['e2e-force', reference, 'conduct-matter', today(), 'pc-1', 'police-officer', 'PC', 'gross-misconduct', 'gross-misconduct', 'misconduct-hearing']);
    expect(cells.slice(10)).toEqual([today(), 'gross-misconduct', 'final-written-warning', today(), '0', 'yes', 'no', 'police-appeals-tribunal', today(), '', '', '', '0', '', '', '0', '0', 'male', 'asian', '36-45']);
    const reads = await personReads();
    expect(reads).toHaveLength(1);
    expect(reads[0].details).toMatchObject({ report: 'home-office-misconduct', from: today(), to: today() });
    expect(JSON.stringify(reads)).not.toMatch(/asian|"male"/);
  });

  it("oversight's return has them withheld, and opens no one's record", async () => {
    const before = (await personReads()).length;
    const [row] = await line(IOPC);
    expect(row.split(',').slice(-3)).toEqual(['withheld', 'withheld', 'withheld']);
    expect(await personReads()).toHaveLength(before);
  });
});
