import { DEADLINE_RULES, londonDateOf, warningLiveUntil } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { missingFields } from '@conduct/notifications';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const cal = englandAndWalesCalendar();
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

async function referOfficer(prefix: string, subjectId: string): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({
    reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: await today(),
    subjects: [{ subjectId, kind: 'police-officer', rank: 'PC', warrantNumber: 'W-1', name: 'A Person', dateOfBirth: '1980-01-01' }],
  });
  await h.waitForSubject(reference, subjectId);
  return reference;
}

/** What GET /matters/{ref} shows of the subject: the projection's row. */
async function projected(reference: string, subjectId: string): Promise<Record<string, unknown>> {
  const [row] = await h.db.query(`SELECT status FROM subject WHERE matter_reference = $1 AND subject_id = $2`, [reference, subjectId]);
  return row.status;
}

describe('an officer redeployed, dismissed and reinstated on appeal', () => {
  it('kept at work on restricted duties and redeployed, the officer has no suspension review; reinstated on appeal with a final written warning, the barred-list entry is removed and the warning runs from the notification', async () => {
    const reference = await referOfficer('reinstated', 'pc-1');
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });

    // The alternatives to suspension (CR reg 11(4)(a)): the officer keeps working, and no review falls due.
    let s = await h.record(reference, 'pc-1', { event: 'placed-on-restricted-duties', occurredAt: await at() });
    expect(s).toMatchObject({ duties: 'restricted', suspended: false });
    s = await h.record(reference, 'pc-1', { event: 'redeployed', occurredAt: await at() });
    expect(s.duties).toBe('redeployed');
    expect((await projected(reference, 'pc-1')).duties).toBe('redeployed');
    expect(s.deadlines.map((d) => d.ruleId)).not.toContain('suspensionReview');
    await h.env.sleep('35 days'); // past a 4-week review, had there been one
    s = await h.subject(reference, 'pc-1');
    expect(s.deadlines.map((d) => d.ruleId)).not.toContain('suspensionReview');
    expect((await h.outbox(reference)).filter((m) => m.payload.deadline === DEADLINE_RULES.suspensionReview.name)).toEqual([]);
    s = await h.record(reference, 'pc-1', { event: 'returned-to-full-duties', occurredAt: await at() });
    expect(s.duties).toBe('full');

    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
    await h.decide(reference, 'pc-1', {
      decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached: ['use-of-force'], publicationExemption: { requested: false }, occurredAt: await at(),
    });
    const notifiedOn = await today();
    await h.record(reference, 'pc-1', { event: 'outcome-notified', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'appeal-lodged', occurredAt: await at() });
    await h.env.sleep('3 days');
    const determinedOn = await today();
    s = await h.decide(reference, 'pc-1', { decision: 'appeal-determination', result: 'allowed', substitutedOutcome: 'final-written-warning', occurredAt: await at() });

    expect(s).toMatchObject({ stage: 'closed', outcome: 'final-written-warning', warningLiveUntil: warningLiveUntil('final-written-warning', notifiedOn) });
    expect(s.deadlines.find((d) => d.key === 'barred-list-report')!.status).toBe('cancelled');
    expect(s.openDeadlines.find((d) => d.key === 'barred-list-removal')).toMatchObject({ ruleId: 'barredListRemoval', dueDate: cal.addWorkingDays(determinedOn, 5) });
    expect(s.openDeadlines.find((d) => d.key === 'warning-live')).toMatchObject({ ruleId: 'finalWrittenWarningLive', trigger: notifiedOn });
    const reports = (await h.outbox(reference)).filter((m) => m.recipient === 'college-of-policing');
    expect(reports.map((m) => m.purpose)).toEqual(['barred-list-report', 'barred-list-removal']);
    expect(reports[1].payload).toMatchObject({ outcome: 'final-written-warning', dismissalOverturned: 'dismissal-without-notice', decidedOn: determinedOn });
    expect(missingFields('barred-list-removal', reports[1].payload)).toEqual([]);
    const actions = (await h.audit(reference)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['decision:appeal-determination', 'warning-period-recounted', 'barred-list-removal-reported']));
    expect((await projected(reference, 'pc-1')).warningLiveUntil).toBe(warningLiveUntil('final-written-warning', notifiedOn));

    // The further report, once sent, is recorded as any barred-list report is.
    s = await h.record(reference, 'pc-1', { event: 'barred-list-report-sent', occurredAt: await at() });
    expect(s.deadlines.find((d) => d.key === 'barred-list-removal')!.status).toBe('met');
  });

});

describe('a warning quashed on appeal', () => {
  it('a written warning quashed on appeal from a meeting is no longer in force: no live period, and its deadline is cancelled', async () => {
    const reference = await referOfficer('quashed', 'pc-2');
    await h.decide(reference, 'pc-2', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-2', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-2', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-2', { event: 'proceedings-held', occurredAt: await at() });
    await h.decide(reference, 'pc-2', { decision: 'outcome', outcome: 'written-warning', occurredAt: await at() });
    let s = await h.record(reference, 'pc-2', { event: 'outcome-notified', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.key)).toContain('warning-live');
    await h.record(reference, 'pc-2', { event: 'appeal-lodged', occurredAt: await at() });
    s = await h.decide(reference, 'pc-2', { decision: 'appeal-determination', result: 'allowed', occurredAt: await at() });

    expect(s).toMatchObject({ outcome: 'no-action', warningLiveUntil: null });
    expect(s.deadlines.find((d) => d.key === 'warning-live')!.status).toBe('cancelled');
    expect((await projected(reference, 'pc-2')).warningLiveUntil).toBeNull();
    expect((await h.audit(reference)).map((a) => a.action)).toContain('warning-quashed');
  });
});

describe('the accelerated hearing window in the read model', () => {
  it('shows the first and last day the hearing may be held (CR reg 52(1)), and the fresh window after an upheld objection (reg 52(1A))', async () => {
    const reference = await referOfficer('amh-window', 'pc-3');
    await h.decide(reference, 'pc-3', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.decide(reference, 'pc-3', { decision: 'special-conditions', reason: 'conviction; public interest', occurredAt: await at() });
    await h.record(reference, 'pc-3', { event: 'investigator-report-submitted', occurredAt: await at() });
    await h.decide(reference, 'pc-3', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect((await projected(reference, 'pc-3')).acceleratedHearingWindow).toBeNull();
    const noticeOn = await today();
    let s = await h.record(reference, 'pc-3', { event: 'notice-of-referral-served', occurredAt: await at() });
    const first = { from: cal.addWorkingDays(noticeOn, 10), to: cal.addWorkingDays(noticeOn, 15), regulation: 'CR reg 52(1)' };
    expect(s.acceleratedHearingWindow).toEqual(first);
    expect((await projected(reference, 'pc-3')).acceleratedHearingWindow).toEqual(first);

    await h.env.sleep('4 days');
    const upheldOn = await today();
    s = await h.record(reference, 'pc-3', { event: 'panel-objection-upheld', occurredAt: await at() });
    const fresh = { from: cal.addWorkingDays(upheldOn, 10), to: cal.addWorkingDays(upheldOn, 15), regulation: 'CR reg 52(1A)' };
    expect((await projected(reference, 'pc-3')).acceleratedHearingWindow).toEqual(fresh);

    await h.record(reference, 'pc-3', { event: 'proceedings-held', occurredAt: await at() });
    expect((await projected(reference, 'pc-3')).acceleratedHearingWindow).toBeNull();
  });
});
