import { DEADLINE_RULES, addCalendarDays, londonDateOf } from '@conduct/domain';
import { matterWorkflowId, recordMatterEvent, type MatterEventCommand } from '@conduct/workflows';
import { CASE_OFFICER, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

// Every step has two times: when it happened (occurredAt) and when it was typed in. Deadlines are judged on the first.
const h = freshHarnessPerTest();

const now = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());
const on = (date: string) => `${date}T10:00:00Z`;
const matterEvent = (reference: string, event: MatterEventCommand['event'], occurredAt: string, note?: string) =>
  h.env.client.workflow.getHandle(matterWorkflowId(reference)).executeUpdate(recordMatterEvent, { args: [{ event, occurredAt, actor: CASE_OFFICER, note } as MatterEventCommand] });
const deadlines = (reference: string) =>
  h.db.query(`SELECT key, status, subject_id FROM deadline WHERE matter_reference = $1 ORDER BY key`, [reference]) as Promise<{ key: string; status: string; subject_id: string | null }[]>;
const sentAbout = async (reference: string, purposes: string[]) => (await h.outbox(reference)).filter((o) => purposes.includes(o.purpose));
const NOTICE = DEADLINE_RULES.noticeOfInvestigation.name;

async function referConductMatter(prefix: string, receivedOn: string): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
  await h.waitForSubject(reference, 'pc-1');
  return reference;
}

describe('deadlines judged by when their steps happened', () => {
  it('a matter entered after the fact, every step typed in with its real earlier date and done in time: every deadline owed is met, and nobody is reminded or told of a miss', async () => {
    const receivedOn = addCalendarDays(await today(), -600);
    const day = (n: number) => on(addCalendarDays(receivedOn, n));
    const reference = await referConductMatter('after-the-fact', receivedOn);
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: day(2) });
    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: day(5) });
    await h.record(reference, 'pc-1', { event: 'representations-received', occurredAt: day(10) });
    await matterEvent(reference, 'timeliness-report-sent', day(350), 'the 12-month report, sent before it fell due');
    await matterEvent(reference, 'investigation-completed', day(500));
    await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: day(500) });
    await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'reflective-practice', occurredAt: day(505) });
    // Reflective practice (CR Part 6) is a route with deadlines of its own, each met in time.
    await h.record(reference, 'pc-1', { event: 'reflective-review-report-agreed', actionsDueBy: addCalendarDays(receivedOn, 560), reviewOn: addCalendarDays(receivedOn, 570), occurredAt: day(515) });
    await h.record(reference, 'pc-1', { event: 'reflective-practice-actions-completed', occurredAt: day(555) });
    await h.record(reference, 'pc-1', { event: 'reflective-practice-reviewed', occurredAt: day(570) });
    await h.record(reference, 'pc-1', { event: 'reflective-practice-checked', occurredAt: day(590) });

    await h.env.sleep('3 days'); // past the grace a back-dated deadline is held for
    const byKey = Object.fromEntries((await deadlines(reference)).map((d) => [d.key, d.status]));
    expect(byKey).toMatchObject({ 'notice-of-investigation': 'met', representations: 'met', 'timeliness-report-1': 'met', 'case-to-answer-decision': 'met' });
    expect(Object.values(byKey)).not.toContain('missed');
    expect(Object.values(byKey)).not.toContain('open');
    expect(await sentAbout(reference, ['reminder', 'escalation', 'timeliness-report-due'])).toEqual([]);
  });

  it('a step typed in after its deadline was escalated, that happened in time: the deadline is met, the audit trail says who corrected it, and the appropriate authority is told the escalation is withdrawn', async () => {
    const reference = await referConductMatter('corrected', await today());
    const assessedAt = await now();
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: assessedAt });
    await h.env.sleep('10 days'); // 5 working days and more: the timer declares the notice missed
    const [escalation] = await sentAbout(reference, ['escalation']);
    expect(escalation).toMatchObject({ recipient: 'appropriate-authority', subject_id: 'pc-1', payload: expect.objectContaining({ deadline: NOTICE }) });

    const servedAt = new Date(Date.parse(assessedAt) + 24 * 3_600_000).toISOString(); // served the next day, typed in today
    const view = await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: servedAt });
    const notice = view.deadlines.find((d) => d.key === 'notice-of-investigation')!;
    expect(notice).toMatchObject({ status: 'met', settledAt: servedAt, corrections: [expect.objectContaining({ from: 'missed', to: 'met', occurredAt: servedAt, by: CASE_OFFICER.id })] });
    const audit = await h.audit(reference);
    expect(audit).toContainEqual(expect.objectContaining({ action: `deadline-corrected:notice-of-investigation:${notice.dueDate}`, actor: CASE_OFFICER.id, subject_id: 'pc-1', regulation: notice.regulation }));
    const withdrawn = await sentAbout(reference, ['escalation-withdrawn']);
    expect(withdrawn).toEqual([expect.objectContaining({ recipient: escalation.recipient, subject_id: 'pc-1', payload: expect.objectContaining({ deadline: NOTICE, dueDate: notice.dueDate, status: 'met' }) })]);
  });

  it('a step that really was late stays missed, with when it was done, and no escalation is withdrawn', async () => {
    const reference = await referConductMatter('really-late', await today());
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await now() });
    await h.env.sleep('10 days');
    const servedAt = await now();
    const view = await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: servedAt });
    expect(view.deadlines.find((d) => d.key === 'notice-of-investigation')).toMatchObject({ status: 'missed', settledAt: servedAt });
    expect(view.deadlines.find((d) => d.key === 'notice-of-investigation')?.corrections).toBeUndefined();
    expect((await h.audit(reference)).map((a) => a.action.split(':')[0])).toContain('deadline-done-late');
    expect(await sentAbout(reference, ['escalation-withdrawn'])).toEqual([]);
    // Done, late: the next step does not answer it again.
    expect(view.openDeadlines.map((d) => d.key)).toEqual(['representations']);
  });

  it('a suspension lifted on a day before its review fell due, typed in after the review was escalated: the review was not owed, and the escalation is withdrawn (CR reg 11)', async () => {
    const reference = await referConductMatter('suspension', await today());
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing', occurredAt: await now() });
    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await now() });
    const suspendedOn = await today();
    await h.record(reference, 'pc-1', { event: 'suspended', occurredAt: await now() });
    await h.env.sleep('40 days'); // the 4-week review passes unrecorded
    const review = (await h.subject(reference, 'pc-1')).deadlines.find((d) => d.key === 'suspension-review')!;
    expect(review.status).toBe('missed');
    expect((await sentAbout(reference, ['escalation'])).map((o) => o.payload.deadline)).toContain(review.name);

    await h.record(reference, 'pc-1', { event: 'suspension-lifted', occurredAt: on(addCalendarDays(suspendedOn, 20)) });
    const after = (await h.subject(reference, 'pc-1')).deadlines.find((d) => d.key === 'suspension-review')!;
    expect(after).toMatchObject({ status: 'cancelled', corrections: [expect.objectContaining({ from: 'missed', to: 'cancelled' })] });
    expect((await h.audit(reference)).map((a) => a.action)).toContain(`deadline-corrected:suspension-review:${review.dueDate}`);
    expect(await sentAbout(reference, ['escalation-withdrawn'])).toEqual([expect.objectContaining({ recipient: 'appropriate-authority', payload: expect.objectContaining({ deadline: review.name, status: 'cancelled' }) })]);
  });

  it("the matter's own series: a timeliness report sent before it fell due, typed in after the timer escalated it, is met, and the appropriate authority and the local policing body are told (CR reg 19)", async () => {
    const receivedOn = await today();
    const reference = await referConductMatter('timeliness-corrected', receivedOn);
    await h.env.sleep('370 days');
    const told = (await sentAbout(reference, ['escalation', 'timeliness-report-due'])).map((o) => `${o.purpose} to ${o.recipient}`).sort();
    expect(told).toEqual(['escalation to appropriate-authority', 'timeliness-report-due to local-policing-body']);
    await matterEvent(reference, 'timeliness-report-sent', on(addCalendarDays(receivedOn, 360)), 'sent on time, typed in late');
    expect((await deadlines(reference)).find((d) => d.key === 'timeliness-report-1')?.status).toBe('met');
    expect((await sentAbout(reference, ['escalation-withdrawn'])).map((o) => o.recipient).sort()).toEqual(['appropriate-authority', 'local-policing-body']);
    expect((await h.audit(reference)).map((a) => a.action)).toContainEqual(expect.stringMatching(/^deadline-corrected:timeliness-report-1:/));
  });

  it("a complainant's update given in time but typed in after its escalation: it is met, the next update the miss set is withdrawn, and the next falls due 4 weeks after the update itself (CMR reg 34)", async () => {
    const receivedOn = await today();
    const reference = newReference('update-corrected');
    await h.refer({ reference, kind: 'complaint', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('30 days'); // the 4-week update passes unrecorded: escalated, and the next set from its due date
    expect((await deadlines(reference)).filter((d) => d.key.startsWith('complainant-update')).map((d) => `${d.key} ${d.status}`)).toEqual(['complainant-update-1 missed', 'complainant-update-2 open']);
    const givenOn = addCalendarDays(receivedOn, 20);
    const m = await matterEvent(reference, 'complainant-updated', on(givenOn), 'progress letter');
    expect((await deadlines(reference)).filter((d) => d.key.startsWith('complainant-update')).map((d) => `${d.key} ${d.status}`)).toEqual([
      'complainant-update-1 met',
      'complainant-update-2 cancelled',
      'complainant-update-3 open',
    ]);
    expect(m.openDeadlines.find((d) => d.key === 'complainant-update-3')?.trigger).toBe(givenOn);
    expect((await sentAbout(reference, ['escalation-withdrawn'])).map((o) => o.recipient)).toEqual(['appropriate-authority']);
  });

  it('a back-dated severity assessment whose notice deadline is already past sends nothing for the grace, then escalates the notice if nothing came', async () => {
    const receivedOn = addCalendarDays(await today(), -60);
    const reference = await referConductMatter('grace', receivedOn);
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: on(addCalendarDays(receivedOn, 1)) });
    const aboutNotice = async () => (await sentAbout(reference, ['reminder', 'escalation'])).filter((o) => o.payload.deadline === NOTICE);
    await h.env.sleep('12 hours');
    expect(await aboutNotice()).toEqual([]);
    expect((await h.subject(reference, 'pc-1')).deadlines.find((d) => d.key === 'notice-of-investigation')?.status).toBe('open');
    await h.env.sleep('13 hours'); // the grace (24 hours from when it was set) is over, and no notice was recorded
    expect((await aboutNotice()).map((o) => `${o.purpose} to ${o.recipient}`)).toEqual(['escalation to appropriate-authority']);
    expect((await h.subject(reference, 'pc-1')).deadlines.find((d) => d.key === 'notice-of-investigation')?.status).toBe('missed');
  });
});
