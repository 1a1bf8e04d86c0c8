import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { daysFromToday } from '../../../../test/support/dates';
import { upsertMatter } from './matters';
import { upsertSubject } from './subjects';
import { findPeopleByNumbers, findPerson, findPersonByNumber, findPersonSubjects, linkSubjectToPerson } from './people';
import { appendPersonRead, findAuditTrail } from './audit-trail';

/** The person table on a real PostgreSQL: each test writes its own force's rows in a transaction it rolls back. */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

async function subjectOf(force: string, reference: string, receivedInDays: number, subject: { outcome?: string; warningLiveUntil?: string; warrant: string }) {
  await upsertMatter(q, { reference, workflowId: `matter-${reference}`, kind: 'conduct-matter', regime: 'conduct-regulations', forceId: force, stage: 'open', appropriateAuthority: 'DCS Example', iopcReferralRequired: false, modeOfInvestigation: null, receivedOn: daysFromToday(receivedInDays), revision: 1 });
  await upsertSubject(q, { matterReference: reference, subjectId: 'a', workflowId: `subject-${reference}-a`, kind: 'police-officer', rank: 'PC', warrantNumber: subject.warrant, stage: 'closed', severity: 'misconduct', caseToAnswer: 'misconduct', formOfProceedings: 'misconduct-meeting', outcome: subject.outcome ?? null, closedBecause: null, status: { warningLiveUntil: subject.warningLiveUntil ?? null }, revision: 1 });
  await linkSubjectToPerson(q, reference, 'a', { numberKind: 'warrant-number', number: subject.warrant });
}

describe('people on PostgreSQL', () => {
  it('two matters against the same officer join on one person, oldest first, with the warning recorded in the first', async () => {
    const force = `f-${randomUUID()}`;
    const until = daysFromToday(700);
    await subjectOf(force, `P1-${force}`, -90, { warrant: '4411', outcome: 'final-written-warning', warningLiveUntil: until });
    await subjectOf(force, `P2-${force}`, -1, { warrant: '4411' });
    await linkSubjectToPerson(q, `P2-${force}`, 'a', { numberKind: 'warrant-number', number: '4411' }); // a retried write: still one person
    const person = await findPersonByNumber(q, force, 'warrant-number', '4411');
    expect(person).toMatchObject({ forceId: force, numberKind: 'warrant-number', number: '4411' });
    expect(await findPerson(q, person!.id)).toEqual(person);
    const subjects = await findPersonSubjects(q, person!.id);
    expect(subjects.map((s) => [s.matterReference, s.outcome, s.warningLiveUntil])).toEqual([[`P1-${force}`, 'final-written-warning', until], [`P2-${force}`, null, null]]);
  });

  it('the same number in another force, or of another kind, is another person; matching finds numbers of any kind', async () => {
    const force = `f-${randomUUID()}`;
    await subjectOf(force, `P3-${force}`, -5, { warrant: '77' });
    await subjectOf(`${force}-other`, `P4-${force}`, -5, { warrant: '77' });
    await q.query(`INSERT INTO person (force_id, number_kind, number) VALUES ($1, 'staff-number', '77')`, [force]);
    expect((await findPeopleByNumbers(q, force, ['77', '78'])).map((p) => p.numberKind).sort()).toEqual(['staff-number', 'warrant-number']);
    expect(await findPeopleByNumbers(q, force, [])).toEqual([]);
  });

  it('an id that is not a number finds nobody, without an error', async () => {
    expect(await findPerson(q, 'not-a-number')).toBeUndefined();
    expect(await findPerson(q, '999999999999')).toBeUndefined();
  });

  it("a read of a person's record is written on each matter's audit trail", async () => {
    const force = `f-${randomUUID()}`;
    await subjectOf(force, `P5-${force}`, -5, { warrant: '9' });
    await appendPersonRead(q, { readId: randomUUID(), personId: '1', matters: [{ matterReference: `P5-${force}`, subjectId: 'a' }], actor: 'aa-1', actorRole: 'appropriate-authority', regulation: 'CR reg 42(5)', details: {} });
    const trail = await findAuditTrail(q, `P5-${force}`);
    expect(trail.map((a) => [a.action, a.actor, a.subject_id])).toEqual([['person-read', 'aa-1', 'a']]);
  });
});
