import { londonDateOf } from '@conduct/domain';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

async function now(): Promise<string> {
  return new Date(await h.env.currentTimeMs()).toISOString();
}

describe('a conduct matter through a misconduct meeting', () => {
  it('runs from referral to a written warning, closes, and the warning expires 18 months after notification', async () => {
    const reference = newReference('meeting');
    const receivedOn = londonDateOf(await h.env.currentTimeMs());
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: 'W1' }] });
    await h.waitForSubject(reference, 'pc-1');
    expect((await h.matter(reference)).stage).toBe('investigation');

    let s = await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: await now() });
    expect(s.stage).toBe('investigation');
    expect(s.openDeadlines.map((d) => d.ruleId)).toContain('noticeOfInvestigation');

    s = await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await now() });
    const representations = s.openDeadlines.find((d) => d.ruleId === 'representations')!;
    expect(representations.regulation).toMatch(/CR reg 18/);

    await h.env.sleep('3 days');
    await h.record(reference, 'pc-1', { event: 'representations-received', occurredAt: await now() });
    await h.record(reference, 'pc-1', { event: 'interview-arranged', occurredAt: await now(), scheduledFor: londonDateOf((await h.env.currentTimeMs()) + 7 * 86_400_000) });
    await h.record(reference, 'pc-1', { event: 'disclosure-given', occurredAt: await now() });
    await h.env.sleep('7 days');
    await h.record(reference, 'pc-1', { event: 'interview-held', occurredAt: await now() });
    await h.env.sleep('30 days');
    s = await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await now() });
    expect(s.stage).toBe('awaiting-case-to-answer');

    s = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await now() });
    expect(s.stage).toBe('misconduct-meeting');
    expect(s.form).toBe('misconduct-meeting');

    s = await h.record(reference, 'pc-1', { event: 'notice-of-referral-served', occurredAt: await now() });
    expect(s.openDeadlines.map((d) => d.ruleId).sort()).toEqual(['objectionToChairOrPanel', 'officerResponse']);
    await h.env.sleep('10 days');
    await h.record(reference, 'pc-1', { event: 'officer-response-received', occurredAt: await now() });
    await h.record(reference, 'pc-1', { event: 'documents-supplied-to-chair', occurredAt: await now() });
    await h.env.sleep('14 days');
    await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await now() });
    s = await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'written-warning', occurredAt: await now(), actor: { id: 'chair', role: 'case-officer' } });
    expect(s.stage).toBe('outcome');
    await h.record(reference, 'pc-1', { event: 'outcome-report-delivered', occurredAt: await now() });
    const notifiedAt = await now();
    s = await h.record(reference, 'pc-1', { event: 'outcome-notified', occurredAt: notifiedAt });
    expect(s.stage).toBe('appeal');
    const notified = londonDateOf(notifiedAt);
    const [y, m, d] = notified.split('-').map(Number);
    const expectedExpiry = new Date(Date.UTC(y, m - 1 + 18, 1));
    expect(s.warningLiveUntil!.slice(0, 7)).toBe(expectedExpiry.toISOString().slice(0, 7));
    expect(Number(s.warningLiveUntil!.slice(8))).toBeLessThanOrEqual(d);

    // No appeal within 7 working days: the window closes and so does the subject's track, then the matter.
    await h.env.sleep('15 days');
    s = await h.subject(reference, 'pc-1');
    expect(s.stage).toBe('closed');
    expect(s.closedBecause).toBe('outcome');
    expect(s.warningExpired).toBe(false);
    const matter = await h.matter(reference);
    expect(matter.stage).toBe('closed');
    expect(matter.subjects).toEqual([expect.objectContaining({ subjectId: 'pc-1', closed: true, outcome: 'written-warning' })]);

    // The track stays open only to let the warning expire; awaiting its result skips time to that day.
    s = await h.subjectHandle(reference, 'pc-1').result();
    expect(s.warningExpired).toBe(true);
    expect(s.deadlines.find((d) => d.key === 'warning-live')).toMatchObject({ dueDate: s.warningLiveUntil, status: 'met' });

    const audit = await h.audit(reference);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['matter-referred', 'decision:severity-assessment', 'decision:case-to-answer', 'decision:outcome', 'event:outcome-notified', 'matter-closed']));
    expect(audit.find((a) => a.action === 'decision:case-to-answer')!.regulation).toMatch(/CR reg 23/);
  });

  it('refuses a case-to-answer decision during the investigation, naming the regulation, and records nothing', async () => {
    const reference = newReference('refused');
    const receivedOn = londonDateOf(await h.env.currentTimeMs());
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.waitForSubject(reference, 'pc-1');
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await now() });
    const before = await h.audit(reference);
    const refused = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: await now() }).catch((e) => e);
    expect(refused.cause?.type).toBe('RuleViolation');
    expect(refused.cause?.message).toMatch(/CR reg 23/);
    expect((await h.subject(reference, 'pc-1')).stage).toBe('investigation');
    expect(await h.audit(reference)).toEqual(before);
  });
});
