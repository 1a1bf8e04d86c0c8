import { randomUUID } from 'crypto';
import { AA, call, nowIso, today } from '../support/api-client';

/** Oversight's reports over the projection, JSON and CSV, each user seeing only their own forces. */
describe('reports for oversight', () => {
  const force = `rep-${randomUUID().slice(0, 6)}`;
  const who = { id: 'co-rep', role: 'case-officer', force };
  const aa = { ...AA, force };
  const lpb = { id: 'lpb', role: 'oversight', force: `lpb-${force}`, forces: [force] };
  const reference = `REP-${randomUUID().slice(0, 8)}`;
  const oldReference = `REP-OLD-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    const refer = (ref: string, receivedOn: string) =>
      call('POST', '/matters', { reference: ref, kind: 'conduct-matter', forceId: force, appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }, who);
    expect((await refer(reference, today())).status).toBe(201);
    expect((await refer(oldReference, '2024-01-15')).status).toBe(201);
    for (const ref of [reference, oldReference]) {
      for (let i = 0; i < 100 && (await call('GET', `/matters/${ref}`, undefined, who)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect((await call('POST', `/matters/${ref}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: ref === oldReference ? '2024-01-20T10:00:00Z' : nowIso() }, aa)).status).toBe(200);
    }
    // The old matter's 12-month timeliness report fell due long ago.
    for (let i = 0; i < 100; i++) {
      const overdue = (await call('GET', '/reports/overdue-deadlines', undefined, lpb)).body as { matterReference: string }[];
      if (overdue.some((o) => o.matterReference === oldReference)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it('lists overdue deadlines with their regulation, and only for the forces the reader may see', async () => {
    const rows = (await call('GET', '/reports/overdue-deadlines', undefined, lpb)).body as { matterReference: string; regulation: string; daysOverdue: number }[];
    const old = rows.filter((r) => r.matterReference === oldReference);
    expect(old.map((r) => r.regulation)).toEqual(expect.arrayContaining(['CR reg 19 / CMR reg 13']));
    expect(rows.every((r) => r.matterReference.startsWith('REP-'))).toBe(true);
    const stranger = { id: 'other', role: 'oversight', force: 'elsewhere' };
    expect(((await call('GET', '/reports/overdue-deadlines', undefined, stranger)).body as unknown[]).length).toBe(0);
    expect((await call('GET', '/reports/overdue-deadlines', undefined, who)).status).toBe(403);
  });

  it('the timeliness report lists investigations open more than 12 months', async () => {
    const rows = (await call('GET', '/reports/timeliness', undefined, lpb)).body as { matterReference: string; monthsOpen: number }[];
    expect(rows.map((r) => r.matterReference)).toEqual([oldReference]);
    expect(rows[0].monthsOpen).toBeGreaterThanOrEqual(12);
  });

  it('counts matters and outcomes per quarter of the financial year, and exports CSV', async () => {
    const rows = (await call('GET', '/reports/quarterly', undefined, lpb)).body as { financialYear: string; quarter: number; measure: string; value: string; count: number }[];
    expect(rows).toEqual(expect.arrayContaining([{ financialYear: '2023/24', quarter: 4, measure: 'referred-by-kind', value: 'conduct-matter', count: 1 }]));
    const csv = await fetch(`${process.env.E2E_API_URL}/reports/quarterly?format=csv`, { headers: { authorization: `Bearer ${await (await import('../support/api-client')).tokenFor(lpb)}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('financialYear,quarter,measure,value,count');
    expect(text).toContain('2023/24,4,referred-by-kind,conduct-matter,1');
  });

  it('reports the days spent in each stage', async () => {
    const rows = (await call('GET', '/reports/time-in-stage', undefined, lpb)).body as { stage: string; stays: number; meanDays: number }[];
    const investigation = rows.find((r) => r.stage === 'investigation')!;
    expect(investigation.stays).toBe(2);
    expect(investigation.meanDays).toBeGreaterThan(300);
    expect(rows.find((r) => r.stage === 'severity-assessment')!.stays).toBe(2);
  });
});
