import { allocatedToFilter, allocationQueueOf, bulkRefusalStatus, checkAllocatee, checkAllocationRoutes, duplicateAllocationItems, GENERAL_QUEUE } from './allocation';
import { IOPC_CATEGORY_CODES } from './allegations';

const matter = { reference: 'PSD-1', forceId: 'north' };

describe('who may be allocated work on a matter', () => {
  it('a case officer who has signed in to the matter’s force is allocated there', () => {
    expect(checkAllocatee({ field: 'caseOfficer', role: 'case-officer', matter, userId: 'co-1', staff: { userId: 'co-1', forceIds: ['north'] } })).toEqual({ allowed: true, forceId: 'north' });
  });

  it('someone of another force is refused with the rule and the field named', () => {
    const check = checkAllocatee({ field: 'allocations[2].caseOfficer', role: 'case-officer', matter, userId: 'co-9', staff: { userId: 'co-9', forceIds: ['south'] } });
    expect(check).toMatchObject({ allowed: false, refusal: { status: 409, rule: 'allocation-within-force', field: 'allocations[2].caseOfficer' } });
    if (!check.allowed) expect(check.refusal.reason).toMatch(/^allocations\[2\]\.caseOfficer: 'co-9' serves in south, not north/);
  });

  it('someone who never signed in is not known, and a malformed id is a mistake in the request', () => {
    expect(checkAllocatee({ field: 'caseOfficer', role: 'case-officer', matter, userId: 'nobody', staff: undefined })).toMatchObject({ allowed: false, refusal: { status: 404, rule: 'allocation-to-known-staff' } });
    expect(checkAllocatee({ field: 'caseOfficer', role: 'case-officer', matter, userId: ' padded ', staff: undefined })).toMatchObject({ allowed: false, refusal: { status: 400, field: 'caseOfficer' } });
  });

  it('an investigator of another force is refused, except for a senior officer, whose investigator must serve elsewhere (CR reg 15(3))', () => {
    const staff = { userId: 'det-7', forceIds: ['south'] };
    expect(checkAllocatee({ field: 'userId', role: 'investigator', matter, userId: 'det-7', staff, subjectRanks: ['PC'] })).toMatchObject({ allowed: false, refusal: { rule: 'allocation-within-force' } });
    expect(checkAllocatee({ field: 'userId', role: 'investigator', matter, userId: 'det-7', staff, subjectRanks: ['PC', 'Assistant Chief Constable'] })).toEqual({ allowed: true, forceId: 'south' });
    // The same person known in both forces investigates a senior officer as a member of the other force.
    expect(checkAllocatee({ field: 'userId', role: 'investigator', matter, userId: 'det-7', staff: { userId: 'det-7', forceIds: ['north', 'south'] }, subjectRanks: ['Chief Constable'] })).toEqual({ allowed: true, forceId: 'south' });
    // A case officer is never of another force, whoever the subject is.
    expect(checkAllocatee({ field: 'caseOfficer', role: 'case-officer', matter, userId: 'det-7', staff, subjectRanks: ['Chief Constable'] })).toMatchObject({ allowed: false });
  });
});

describe('the allocated-to filter', () => {
  it('reads me, unallocated or a person, and refuses what is not a user id', () => {
    expect(allocatedToFilter('me', 'co-1')).toEqual({ userId: 'co-1' });
    expect(allocatedToFilter('unallocated', 'co-1')).toEqual({ unallocated: true });
    expect(allocatedToFilter('det-7', 'co-1')).toEqual({ userId: 'det-7' });
    expect(allocatedToFilter('  ', 'co-1')).toBeUndefined();
    expect(allocatedToFilter('x'.repeat(201), 'co-1')).toBeNull();
  });
});

describe('a bulk allocation', () => {
  it('names each matter or subject once', () => {
    const refusals = duplicateAllocationItems([
      { reference: 'A', caseOfficer: 'x' },
      { reference: 'A', subjectId: 's1', caseOfficer: 'x' },
      { reference: 'A', caseOfficer: 'y' },
    ]);
    expect(refusals).toEqual([expect.objectContaining({ status: 400, field: 'allocations[2]', rule: 'allocation-once-per-request' })]);
  });

  it('is answered for its worst kind of fault: a malformed item, then a missing matter, then a rule', () => {
    const r = (status: 400 | 404 | 409) => ({ status, field: 'f', rule: 'r', reason: 'x' });
    expect(bulkRefusalStatus([r(409), r(404)])).toBe(404);
    expect(bulkRefusalStatus([r(409), r(400), r(404)])).toBe(400);
    expect(bulkRefusalStatus([r(409)])).toBe(409);
  });

  it('waits in the force’s general queue unless an allegation falls in a category the force routes to a specialist unit', () => {
    const routes = { north: [{ queue: 'sexual-misconduct-unit', categories: ['E1', 'F1', 'F2'] }, { queue: 'counter-corruption-unit', categories: ['E3'] }] };
    expect(allocationQueueOf({ forceId: 'north' })).toBe(GENERAL_QUEUE);
    expect(allocationQueueOf({ forceId: 'north', allegations: [{ category: 'B4' }] }, routes)).toBe(GENERAL_QUEUE);
    expect(allocationQueueOf({ forceId: 'north', allegations: [{ category: 'B4' }, { category: 'F2' }] }, routes)).toBe('sexual-misconduct-unit');
    expect(allocationQueueOf({ forceId: 'north', allegations: [{ category: 'E3' }, { category: 'E1' }] }, routes)).toBe('sexual-misconduct-unit');
    expect(allocationQueueOf({ forceId: 'south', allegations: [{ category: 'F2' }] }, routes)).toBe(GENERAL_QUEUE);
  });

  it('checks a force’s routes, naming each problem by its place', () => {
    expect(checkAllocationRoutes({ north: [{ queue: 'sexual-misconduct-unit', categories: ['E1', 'F2'] }] }, IOPC_CATEGORY_CODES)).toEqual([]);
    expect(checkAllocationRoutes({ north: [{ queue: 'general', categories: ['Z9'] }, { queue: 'unit', categories: [] }], south: {} }, IOPC_CATEGORY_CODES)).toEqual([
      { field: 'ALLOCATION_ROUTES.north[0].queue', reason: 'must name a specialist queue: lower-case letters, digits and dashes, not general' },
      { field: 'ALLOCATION_ROUTES.north[0].categories', reason: 'not IOPC complaint categories: Z9' },
      { field: 'ALLOCATION_ROUTES.north[1].categories', reason: 'must list one or more IOPC complaint categories' },
      { field: 'ALLOCATION_ROUTES.south', reason: 'must be a list of routes' },
    ]);
  });
});
