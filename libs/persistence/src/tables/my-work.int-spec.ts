import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { daysFromToday } from '../../../../test/support/dates';
import { DeadlineRow, replaceDeadlines } from './deadlines';
import { upsertMatter } from './matters';
import { upsertSubject } from './subjects';
import { countWork, listWork, WorkFilter } from './my-work';
import { listUnallocated, writeCaseOfficer } from './allocation';
import { listMatters } from './matters';

/**
 * My work's SQL on a real PostgreSQL. Each test writes its own force's matters in a transaction it rolls back, and
 * filters by that force, so what other suites write meanwhile never shows.
 */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

const deadline = (key: string, dueInDays: number, status = 'open', settledAt?: string): DeadlineRow => {
  const dueDate = daysFromToday(dueInDays);
  return { key, ruleId: key, name: `deadline ${key}`, regulation: 'CR reg 17', dueDate, dueAt: `${dueDate}T23:59:59Z`, status, extensions: [], settledAt };
};

async function matter(force: string, reference: string, deadlines: DeadlineRow[], opts: { stage?: string; kind?: string; warrant?: string } = {}) {
  await upsertMatter(q, { reference, workflowId: `matter-${reference}`, kind: opts.kind ?? 'complaint', regime: 'schedule-3', forceId: force, stage: opts.stage ?? 'open', appropriateAuthority: 'DCS Example', iopcReferralRequired: false, modeOfInvestigation: null, receivedOn: daysFromToday(-30), revision: 1 });
  await upsertSubject(q, { matterReference: reference, subjectId: 'a', workflowId: `subject-${reference}-a`, kind: 'police-officer', rank: 'PC', warrantNumber: opts.warrant ?? null, stage: 'investigation', severity: null, caseToAnswer: null, formOfProceedings: null, outcome: null, closedBecause: null, status: {}, revision: 1 });
  await replaceDeadlines(q, `subject-${reference}-a`, reference, 'a', deadlines);
}

describe('My work on PostgreSQL', () => {
  it('lists each open matter once, at the deadline it owes soonest, overdue first, and pages by cursor without a gap or a repeat', async () => {
    const force = `f-${randomUUID().slice(0, 8)}`;
    await matter(force, `${force}-A`, [deadline('a1', 10), deadline('a2', -2, 'missed')]);
    await matter(force, `${force}-B`, [deadline('b1', 3), deadline('b2', 1, 'met', daysFromToday(0))]);
    await matter(force, `${force}-C`, [deadline('c1', 40)]);
    await matter(force, `${force}-D`, [deadline('d1', 1)], { stage: 'closed' });
    await matter(force, `${force}-E`, [deadline('e1', -5, 'missed', daysFromToday(-1))]);
    const filter: WorkFilter = { forces: [force] };

    const first = await listWork(q, filter, { limit: 2 });
    expect(first.items.map((i) => [i.reference, i.deadline.name])).toEqual([
      [`${force}-A`, 'deadline a2'],
      [`${force}-B`, 'deadline b1'],
    ]);
    expect(first.more).toBe(true);
    const last = first.items[1];
    const second = await listWork(q, filter, { limit: 2, after: { dueAt: last.deadline.dueAt, reference: last.reference } });
    expect(second.items.map((i) => i.reference)).toEqual([`${force}-C`]);
    expect(second.more).toBe(false);

    const soon = new Date(Date.parse(`${daysFromToday(7)}T00:00:00Z`));
    expect(await countWork(q, filter, soon)).toEqual({ overdue: 1, soon: 1, later: 1 });
  });

  it('narrows by overdue, by due date, and finds a matter by its reference or a subject\'s warrant number', async () => {
    const force = `f-${randomUUID().slice(0, 8)}`;
    await matter(force, `${force}-A`, [deadline('a1', -1)]);
    await matter(force, `${force}-B`, [deadline('b1', 3)], { warrant: '4471' });
    await matter(force, `${force}-C`, [deadline('c1', 40)], { kind: 'dsi-matter' });
    const refs = async (f: Omit<WorkFilter, 'forces'>) => (await listWork(q, { forces: [force], ...f }, { limit: 10 })).items.map((i) => i.reference);
    expect(await refs({ overdue: true })).toEqual([`${force}-A`]);
    expect(await refs({ dueBefore: new Date(Date.parse(`${daysFromToday(10)}T00:00:00Z`)) })).toEqual([`${force}-A`, `${force}-B`]);
    expect(await refs({ search: '4471' })).toEqual([`${force}-B`]);
    expect(await refs({ search: `${force}-C` })).toEqual([`${force}-C`]);
    expect(await refs({ kind: 'dsi-matter' })).toEqual([`${force}-C`]);
    // Another force's matters are never in it.
    expect((await listWork(q, { forces: [`${force}-other`] }, { limit: 10 })).items).toEqual([]);
  });

  it('filters by allocation: a person works a matter as its case officer, a subject\'s, or its investigator; unallocated has no case officer', async () => {
    const force = `f-${randomUUID().slice(0, 8)}`;
    for (const m of ['A', 'B', 'C', 'D']) await matter(force, `${force}-${m}`, [deadline(`${m}1`, 5)]);
    const allocate = (reference: string, subjectId: string | null, to: string) =>
      writeCaseOfficer(q, { idempotencyKey: `t:${randomUUID()}`, reference, subjectId, from: null, to, actor: 'aa', actorRole: 'appropriate-authority', details: {} });
    await allocate(`${force}-A`, null, 'co-1');
    await allocate(`${force}-B`, 'a', 'co-1');
    await q.query(`UPDATE matter SET investigator = $2 WHERE reference = $1`, [`${force}-C`, JSON.stringify({ investigator: { id: 'co-1' }, independent: true })]);
    await allocate(`${force}-C`, null, 'co-2');
    const work = async (allocatedTo: WorkFilter['allocatedTo']) => (await listWork(q, { forces: [force], allocatedTo }, { limit: 10 })).items.map((i) => i.reference).sort();
    expect(await work({ userId: 'co-1' })).toEqual([`${force}-A`, `${force}-B`, `${force}-C`]);
    expect(await work({ userId: 'co-2' })).toEqual([`${force}-C`]);
    // B's subject has a case officer, the matter none: it still waits for one.
    expect(await work({ unallocated: true })).toEqual([`${force}-B`, `${force}-D`]);
    expect((await listWork(q, { forces: [force] }, { limit: 10 })).items.find((i) => i.reference === `${force}-A`)?.caseOfficer).toBe('co-1');
    const search = async (allocatedTo: WorkFilter['allocatedTo']) => (await listMatters(q, { forces: [force], allocatedTo }, { limit: 10, offset: 0 })).items.map((i) => String(i.reference)).sort();
    expect(await search({ userId: 'co-1' })).toEqual([`${force}-A`, `${force}-B`, `${force}-C`]);
    expect(await search({ unallocated: true })).toEqual([`${force}-B`, `${force}-D`]);
    const unallocated = await listUnallocated(q, { forces: [force] }, { limit: 1 });
    expect(unallocated.items.map((i) => [i.reference, i.queue])).toEqual([[`${force}-B`, 'general']]);
    expect(unallocated.more).toBe(true);
    const rest = await listUnallocated(q, { forces: [force] }, { limit: 5, after: { receivedOn: unallocated.items[0].receivedOn, reference: unallocated.items[0].reference } });
    expect(rest.items.map((i) => i.reference)).toEqual([`${force}-D`]);
    const trail = await q.query(`SELECT action, subject_id, details->>'to' AS to FROM audit_entry WHERE matter_reference = ANY($1) ORDER BY id`, [[`${force}-A`, `${force}-B`]]);
    expect(trail).toEqual([{ action: 'allocation:case-officer', subject_id: null, to: 'co-1' }, { action: 'allocation:case-officer', subject_id: 'a', to: 'co-1' }]);
  });
});
