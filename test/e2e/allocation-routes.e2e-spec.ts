import { randomUUID } from 'crypto';
import { call, nowIso, today, type Who } from '../support/api-client';
import { waitFor } from '../support/wait-for';

/**
 * Routing by allegation category, over HTTP on the real stack: the suite's worker runs with ALLOCATION_ROUTES sending
 * sexual misconduct (E1, E2, F1–F3) in the force `e2e-routed-force` to `sexual-misconduct-unit`
 * (test/setup/e2e.global-setup.js). A matter of that force alleging sexual conduct waits in that unit's queue of
 * unallocated work; one alleging something else waits in the general queue until an allegation added later routes it.
 */
const FORCE = 'e2e-routed-force';
const CO: Who = { id: 'co-routed', role: 'case-officer', force: FORCE };
const AA: Who = { id: 'aa-routed', role: 'appropriate-authority', force: FORCE };

describe('routing by allegation category to a specialist queue', () => {
  const run = randomUUID().slice(0, 8);
  const sexual = `RT1-${run}`;
  const other = `RT2-${run}`;
  const refer = (reference: string, category: string) =>
    call('POST', '/matters', {
      reference, kind: 'complaint', forceId: FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }],
      allegations: [{ id: 'a1', alleged: 'What is alleged', subjectIds: ['pc-1'], category, standards: [] }],
    }, CO);
  const queueOf = async (reference: string) => (await call('GET', `/matters/${reference}`, undefined, CO)).body.allocationQueue as string | undefined;
  const unallocatedIn = async (queue: string) =>
    ((await call('GET', `/allocations/unallocated?forceId=${FORCE}&queue=${queue}&limit=500`, undefined, CO)).body.items as { reference: string }[]).map((i) => i.reference);

  it('sends a matter alleging sexual conduct to the specialist queue, and one alleging a use of force to the general queue', async () => {
    expect((await refer(sexual, 'F2')).status).toBe(201);
    expect((await refer(other, 'B4')).status).toBe(201);
    await waitFor(async () => (await queueOf(sexual)) !== undefined && (await queueOf(other)) !== undefined);
    expect(await queueOf(sexual)).toBe('sexual-misconduct-unit');
    expect(await queueOf(other)).toBe('general');
    expect(await unallocatedIn('sexual-misconduct-unit')).toContain(sexual);
    expect(await unallocatedIn('sexual-misconduct-unit')).not.toContain(other);
    expect(await unallocatedIn('general')).toContain(other);
  });

  it('routes the other matter when an allegation of sexual conduct is added to it, and never back', async () => {
    const added = await call('POST', `/matters/${other}/events`, { event: 'allegation-added', allegation: { id: 'a2', alleged: 'Later allegation', subjectIds: ['pc-1'], category: 'E1', standards: [] }, occurredAt: nowIso() }, AA);
    expect({ status: added.status, body: added.status === 200 ? undefined : added.body }).toEqual({ status: 200, body: undefined });
    await waitFor(async () => (await queueOf(other)) === 'sexual-misconduct-unit');
    expect(await unallocatedIn('general')).not.toContain(other);
  });
});
