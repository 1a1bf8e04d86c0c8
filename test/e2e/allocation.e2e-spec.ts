import { randomUUID } from 'crypto';
import { AA, call, CASE_OFFICER, E2E_FORCE, today, type Who } from '../support/api-client';
import { waitFor } from '../support/wait-for';

/**
 * Allocation of work over HTTP on the whole stack (issue 15): case officers allocated, reallocated and allocated in
 * bulk, each change a line of the audit trail; someone of another force refused; the unallocated list; the matters
 * search by allocation; the investigator allocated through the matter's own appointment and its CR reg 15(3) check.
 */
describe('allocation of work, over HTTP on the real stack', () => {
  const run = randomUUID().slice(0, 8);
  const ref = (n: number) => `ALC${n}-${run}`;
  const officerA: Who = { id: `co-a-${run}`, role: 'case-officer' };
  const officerB: Who = { id: `co-b-${run}`, role: 'case-officer' };
  const detective: Who = { id: `ds-${run}`, role: 'investigator' };
  const otherForce: Who = { id: `co-x-${run}`, role: 'case-officer', force: 'other-force' };
  const neverSignedIn = `nobody-${run}`;
  type AuditLine = { action: string; actor: string; subjectId: string | null; details: Record<string, unknown> };
  const trail = async (reference: string) => ((await call('GET', `/matters/${reference}/audit`)).body as AuditLine[]).filter((a) => /allocation:/.test(a.action));
  const matter = async (reference: string) => (await call('GET', `/matters/${reference}`)).body;

  beforeAll(async () => {
    for (const n of [1, 2, 3, 4]) {
      const referred = await call('POST', '/matters', {
        reference: ref(n), kind: 'conduct-matter', forceId: E2E_FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(),
        subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC' }, { subjectId: 'ps-2', kind: 'police-officer', rank: 'PS' }],
      });
      expect(referred.status).toBe(201);
    }
    const senior = await call('POST', '/matters', {
      reference: ref(5), kind: 'conduct-matter', forceId: E2E_FORCE, appropriateAuthority: 'Police and Crime Commissioner of E2E', receivedOn: today(),
      subjects: [{ subjectId: 'acc-1', kind: 'police-officer', rank: 'ACC' }],
    });
    expect(senior.status).toBe(201);
    for (const n of [1, 2, 3, 4, 5]) await waitFor(async () => (await matter(ref(n))).subjects?.length === (n === 5 ? 1 : 2));
    // Each signs in (a request with their token): now the engine knows them, and in which force.
    for (const who of [officerA, officerB, detective, otherForce]) expect((await call('GET', '/matters?limit=1', undefined, who)).status).toBe(200);
  });

  it("a matter is allocated to a case officer of its force, shows them, and the audit trail says who allocated it to whom", async () => {
    const res = await call('PUT', `/matters/${ref(1)}/case-officer`, { caseOfficer: officerA.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reference: ref(1), subjectId: null, from: null, to: officerA.id, changed: true });
    expect((await matter(ref(1))).caseOfficer).toBe(officerA.id);
    expect(await trail(ref(1))).toEqual([expect.objectContaining({ action: 'allocation:case-officer', actor: 'co-e2e', subjectId: null, details: expect.objectContaining({ from: null, to: officerA.id }) })]);
  });

  it('reallocated, the trail keeps both: from whom, to whom; allocating to the same person again writes nothing', async () => {
    expect((await call('PUT', `/matters/${ref(1)}/case-officer`, { caseOfficer: officerB.id }, AA)).body).toMatchObject({ from: officerA.id, to: officerB.id, changed: true });
    expect((await call('PUT', `/matters/${ref(1)}/case-officer`, { caseOfficer: officerB.id }, AA)).body).toMatchObject({ changed: false });
    const lines = await trail(ref(1));
    expect(lines.map((l) => [l.action, l.actor, l.details.from, l.details.to])).toEqual([
      ['allocation:case-officer', 'co-e2e', null, officerA.id],
      ['reallocation:case-officer', AA.id, officerA.id, officerB.id],
    ]);
  });

  it('a bulk allocation allocates matters and subjects in one request, each change audited', async () => {
    const res = await call('POST', '/allocations', {
      allocations: [
        { reference: ref(2), caseOfficer: officerA.id },
        { reference: ref(3), caseOfficer: officerA.id },
        { reference: ref(3), subjectId: 'ps-2', caseOfficer: officerB.id },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.allocations.map((a: { reference: string; subjectId: string | null; to: string }) => [a.reference, a.subjectId, a.to])).toEqual([
      [ref(2), null, officerA.id],
      [ref(3), null, officerA.id],
      [ref(3), 'ps-2', officerB.id],
    ]);
    const three = await matter(ref(3));
    expect(three.caseOfficer).toBe(officerA.id);
    expect(three.subjects.map((s: { subjectId: string; caseOfficer: string | null }) => [s.subjectId, s.caseOfficer])).toEqual([['pc-1', null], ['ps-2', officerB.id]]);
    expect((await trail(ref(3))).map((l) => [l.subjectId, l.details.to, l.details.bulk])).toEqual([[null, officerA.id, 3], ['ps-2', officerB.id, 3]]);
  });

  it('a bulk allocation with one item to someone of another force is refused whole, that item named with the rule, and nothing is recorded', async () => {
    const before = await trail(ref(2));
    const res = await call('POST', '/allocations', {
      allocations: [
        { reference: ref(2), caseOfficer: officerB.id },
        { reference: ref(4), caseOfficer: otherForce.id },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ field: 'allocations[1].caseOfficer', rule: 'allocation-within-force' });
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'allocations[1].caseOfficer', rule: 'allocation-within-force', reason: expect.stringContaining('other-force') })]);
    expect((await matter(ref(2))).caseOfficer).toBe(officerA.id);
    expect((await matter(ref(4))).caseOfficer).toBeNull();
    expect(await trail(ref(2))).toEqual(before);
  });

  it('each bad item of a bulk allocation is listed: an unknown matter, someone never signed in, a matter named twice, a malformed id', async () => {
    const res = await call('POST', '/allocations', {
      allocations: [
        { reference: `NOPE-${run}`, caseOfficer: officerA.id },
        { reference: ref(4), caseOfficer: neverSignedIn },
        { reference: ref(4), subjectId: 'nobody', caseOfficer: officerA.id },
        { reference: ref(2), caseOfficer: officerB.id },
        { reference: ref(2), caseOfficer: officerA.id },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
      ['allocations[0].reference', 'matter-exists'],
      ['allocations[1].caseOfficer', 'allocation-to-known-staff'],
      ['allocations[2].subjectId', 'subject-exists'],
      ['allocations[4]', 'allocation-once-per-request'],
    ]);
    const malformed = await call('POST', '/allocations', { allocations: [{ reference: ref(4), caseOfficer: ' padded ' }] });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('caseOfficer');
    expect((await call('PUT', `/matters/${ref(4)}/case-officer`, { caseOfficer: otherForce.id })).body).toMatchObject({ field: 'caseOfficer', rule: 'allocation-within-force' });
  });

  it('allocation is for the force’s own roles: an investigator is refused with the roles that may', async () => {
    const res = await call('PUT', `/matters/${ref(4)}/case-officer`, { caseOfficer: officerA.id }, detective);
    expect(res.status).toBe(403);
  });

  it('the unallocated list holds the matters with no case officer, oldest first, a page at a time', async () => {
    const seen: string[] = [];
    const queues = new Map<string, string>();
    let next: string | null = null;
    do {
      const page: { status: number; body: { items: { reference: string; queue: string }[]; next: string | null } } = await call('GET', `/allocations/unallocated?forceId=${E2E_FORCE}&limit=200${next ? `&after=${next}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.reference));
      for (const i of page.body.items) queues.set(i.reference, i.queue);
      next = page.body.next;
    } while (next);
    expect(seen).toEqual(expect.arrayContaining([ref(4), ref(5)]));
    // Every matter waits in its force's general queue until routing by allegation category names another.
    expect(queues.get(ref(4))).toBe('general');
    expect((await matter(ref(4))).allocationQueue).toBe('general');
    expect(seen).not.toEqual(expect.arrayContaining([ref(1)]));
    expect(seen.filter((r) => [ref(2), ref(3)].includes(r))).toEqual([]);
    expect((await call('GET', '/allocations/unallocated?after=not-a-cursor')).body).toMatchObject({ field: 'after' });
  });

  it('the matters search filters by allocation: a named person, me, unallocated', async () => {
    const refs = async (query: string, who?: Who) => {
      const res = await call('GET', `/matters?forceId=${E2E_FORCE}&limit=500&${query}`, undefined, who);
      expect(res.status).toBe(200);
      return (res.body.items as { reference: string }[]).map((i) => i.reference).filter((r) => r.endsWith(run)).sort();
    };
    expect(await refs(`allocatedTo=${officerA.id}`)).toEqual([ref(2), ref(3)]);
    expect(await refs('allocatedTo=me', officerA)).toEqual([ref(2), ref(3)]);
    // A subject's case officer works the matter too.
    expect(await refs('allocatedTo=me', officerB)).toEqual([ref(1), ref(3)]);
    expect(await refs('allocatedTo=unallocated')).toEqual([ref(4), ref(5)]);
    expect((await call('GET', `/matters?allocatedTo=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('the investigator is allocated through the appointment and its check (CR reg 15(3)): one managed by the subject is refused, one of the force appointed', async () => {
    const managed = await call('PUT', `/matters/${ref(4)}/investigator`, { userId: detective.id, lineManagers: ['pc-1'] });
    expect(managed.status).toBe(409);
    expect(managed.body).toMatchObject({ rule: 'investigator-not-managed-by-subject' });
    expect((await call('PUT', `/matters/${ref(4)}/investigator`, { userId: otherForce.id })).body).toMatchObject({ field: 'userId', rule: 'allocation-within-force' });
    expect((await call('PUT', `/matters/${ref(4)}/investigator`, { userId: neverSignedIn })).status).toBe(404);
    const appointed = await call('PUT', `/matters/${ref(4)}/investigator`, { userId: detective.id, unit: 'Professional Standards' });
    expect(appointed.status).toBe(200);
    await waitFor(async () => (await matter(ref(4))).investigator?.investigator?.id === detective.id);
    const lines = ((await call('GET', `/matters/${ref(4)}/audit`)).body as AuditLine[]).filter((a) => a.action === 'event:investigator-appointed');
    expect(lines).toEqual([expect.objectContaining({ actor: 'co-e2e', details: expect.objectContaining({ investigator: detective.id, independent: true }) })]);
    const mine = await call('GET', `/matters?forceId=${E2E_FORCE}&allocatedTo=me&limit=500`, undefined, detective);
    expect(mine.body.items.map((i: { reference: string }) => i.reference)).toContain(ref(4));
  });

  it("a senior officer's investigator comes from another force (CR reg 15(3)); one of the matter's own force is refused by the workflow's check", async () => {
    const same = await call('PUT', `/matters/${ref(5)}/investigator`, { userId: detective.id });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ rule: 'investigator-senior-officer-other-force' });
    const other = await call('PUT', `/matters/${ref(5)}/investigator`, { userId: otherForce.id });
    expect(other.status).toBe(200);
    await waitFor(async () => (await matter(ref(5))).investigator?.investigator?.forceId === 'other-force');
  });
});
