import { WorkingDayCalendar } from '@conduct/domain/calendar';
import type { WorkItem } from '@conduct/persistence';
import { filterOf, groupWork } from './my-work.view';

const calendar = new WorkingDayCalendar(() => []);
// Thursday 4 March 2021, 10:00 London.
const now = new Date('2021-03-04T10:00:00Z');

const item = (reference: string, dueDate: string, status = 'open'): WorkItem => ({
  reference,
  kind: 'dsi-matter',
  forceId: 'wmp',
  stage: 'investigation',
  appropriateAuthority: null,
  caseOfficer: null,
  receivedOn: '2021-01-04',
  deadline: { name: 'Notice of investigation', regulation: 'CR reg 17', dueDate, dueAt: `${dueDate}T23:59:59.999Z`, status, subjectId: 'a' },
});

describe('My work', () => {
  it('groups a page, soonest first, into overdue, due within 5 working days, and later, in words', () => {
    const groups = groupWork([item('M-1', '2021-03-02'), item('M-2', '2021-03-10'), item('M-3', '2021-03-25')], now, calendar);
    expect(groups.map((g) => [g.heading, g.rows.map((r) => r.reference)])).toEqual([
      ['Overdue', ['M-1']],
      ['Due within 5 working days', ['M-2']],
      ['Due later', ['M-3']],
    ]);
    expect(groups[1].rows[0]).toMatchObject({ href: '/matter/M-2', kind: 'Death or serious injury matter', stage: 'investigation' });
    expect(groups[1].rows[0].deadline.words).toBe('Due 10 March 2021 — 4 working days left');
    expect(groups[0].rows[0].deadline.words).toBe('Overdue by 2 working days (due 2 March 2021)');
  });

  it('leaves out the groups with nothing in them', () => {
    expect(groupWork([item('M-3', '2021-03-25')], now, calendar).map((g) => g.urgency)).toEqual(['later']);
  });

  it('turns the filters into the query, and names each one that is wrong instead of failing', () => {
    const ok = filterOf({ stage: 'investigation', kind: 'complaint', dueWithin: '10', overdue: 'true', search: ' MPS-1 ' }, now, calendar);
    expect(ok.errors).toEqual({});
    expect(ok.filter).toMatchObject({ stage: 'investigation', kind: 'complaint', overdue: true, search: 'MPS-1' });
    // 10 working days from Thursday 4 March: Thursday 18 March, to its end in London (GMT).
    expect(ok.filter.dueBefore?.toISOString()).toBe('2021-03-19T00:00:00.000Z');
    const bad = filterOf({ stage: 'lunch', kind: 'rumour', dueWithin: '7' }, now, calendar);
    expect(Object.keys(bad.errors)).toEqual(['stage', 'kind', 'dueWithin']);
    expect(bad.errors.dueWithin).toBe('Due within must be one of 5, 10, 20, 60 working days');
  });

  it('filters by allocation: to me (the signed-in user), unallocated, or a person named by user id, never two at once', () => {
    expect(filterOf({ allocatedTo: 'me' }, now, calendar, 'co-1').filter.allocatedTo).toEqual({ userId: 'co-1' });
    expect(filterOf({ allocatedTo: 'unallocated' }, now, calendar, 'co-1').filter.allocatedTo).toEqual({ unallocated: true });
    expect(filterOf({ allocatedPerson: ' ds-7 ' }, now, calendar, 'co-1').filter.allocatedTo).toEqual({ userId: 'ds-7' });
    expect(filterOf({ allocatedTo: 'me', allocatedPerson: 'ds-7' }, now, calendar, 'co-1').errors).toEqual({ allocatedPerson: 'Choose who the work is allocated to, or name a person, not both' });
    expect(Object.keys(filterOf({ allocatedTo: 'everyone' }, now, calendar, 'co-1').errors)).toEqual(['allocatedTo']);
    // The appropriate authority is a filter of its own.
    expect(filterOf({ appropriateAuthority: 'DCS Example' }, now, calendar, 'co-1').filter).toEqual({ appropriateAuthority: 'DCS Example' });
  });
});
