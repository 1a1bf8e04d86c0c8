import { allocationFormOf, unallocatedRows } from './unallocated.view';

describe('the unallocated work page', () => {
  it('gives each matter a row with a checkbox id of its own and the words of its kind and stage', () => {
    const rows = unallocatedRows([{ reference: 'PSD/2021/1', kind: 'conduct-matter', forceId: 'north', stage: 'investigation', queue: 'general', receivedOn: '2021-03-04', investigatorId: null }]);
    expect(rows).toEqual([expect.objectContaining({ id: 'matter-0', href: '/matter/PSD%2F2021%2F1', queue: 'General', receivedOn: '4 March 2021', investigator: null })]);
  });

  it('reads the ticked matters and the case officer, "Allocate to me" meaning the signed-in person, and names what is missing', () => {
    expect(allocationFormOf({ references: ['A', 'B', 'A'], caseOfficer: ' co-2 ' }, 'co-1')).toEqual({ references: ['A', 'B'], caseOfficer: 'co-2', errors: {} });
    expect(allocationFormOf({ references: 'A', toMe: 'true' }, 'co-1')).toEqual({ references: ['A'], caseOfficer: 'co-1', errors: {} });
    expect(Object.keys(allocationFormOf({}, 'co-1').errors)).toEqual(['references', 'caseOfficer']);
    expect(allocationFormOf({ references: Array.from({ length: 51 }, (_, i) => `M-${i}`), caseOfficer: 'x' }, 'co-1').errors.references).toBe('Select up to 50 matters at a time');
  });
});
