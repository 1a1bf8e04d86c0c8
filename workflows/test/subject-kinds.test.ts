import { addCalendarDays, londonDateOf } from '@conduct/domain';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// Special constables and designated police volunteers as kinds of subject (SUBJECT_KIND_RULES): a special constable
// goes through the Conduct Regulations' proceedings as an officer does, and a dismissal goes to the barred list; a
// designated volunteer follows the force's own procedure, is not suspended under CR reg 11, and a resignation during
// proceedings goes to the advisory list (BL&AL Regs reg 12(2)(f)). A fresh time-skipping server per test.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();

async function referred(prefix: string, kind: 'special-constable' | 'designated-police-volunteer'): Promise<string> {
  const reference = newReference(prefix);
  const receivedOn = addCalendarDays(londonDateOf(await h.env.currentTimeMs()), -20);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 's-1', kind, name: 'Sam Example', dateOfBirth: '1990-01-01' }] });
  await h.waitForSubject(reference, 's-1');
  await h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
  await h.record(reference, 's-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
  return reference;
}

describe('special constables and designated police volunteers', () => {
  it('a special constable with a case to answer for gross misconduct goes to a misconduct hearing, and a dismissal is reported to the barred list', async () => {
    const reference = await referred('sc', 'special-constable');
    await h.record(reference, 's-1', { event: 'suspended', occurredAt: await at() });
    await h.record(reference, 's-1', { event: 'investigator-report-submitted', occurredAt: await at() });
    let s = await h.decide(reference, 's-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ kind: 'special-constable', stage: 'misconduct-hearing', suspended: true });
    await h.record(reference, 's-1', { event: 'proceedings-held', occurredAt: await at() });
    s = await h.decide(reference, 's-1', { decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached: ['use-of-force'], publicationExemption: { requested: false }, occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.key)).toContain('barred-list-report');
    expect((await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report')).toHaveLength(1);
  });

  it('a designated police volunteer is not suspended under CR reg 11, goes to the force\'s own procedure, and a resignation is reported to the advisory list', async () => {
    const reference = await referred('dpv', 'designated-police-volunteer');
    expect(await refusal(h.record(reference, 's-1', { event: 'suspended', occurredAt: await at() }))).toMatchObject({ rule: 'suspension-officers-only', regulation: 'CR reg 11' });
    const s = await h.record(reference, 's-1', { event: 'resigned', allegationSummary: 'misused police systems', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => [d.key, d.regulation])).toContainEqual(['advisory-list-report', 'BL&AL Regs reg 12']);
    expect((await h.outbox(reference)).filter((m) => m.purpose === 'advisory-list-report')).toHaveLength(1);
    await h.record(reference, 's-1', { event: 'investigator-report-submitted', occurredAt: await at() });
    const after = await h.decide(reference, 's-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect(after).toMatchObject({ stage: 'closed', closedBecause: 'local-disciplinary-referral' });
  });
});
