import { londonDateOf } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { missingFields } from '@conduct/notifications';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// A referral under the Police (Vetting) Regulations 2025 (SI 2025/502) is a tracked route, open from the severity
// assessment only under the rule set that has CR reg 14(2)(aa) (SI 2025/558 reg 9, 28 May 2025): matters received in
// June 2025 and April 2025, fixed dates of the law, both past. A fresh time-skipping server per test.
const h = freshHarnessPerTest();

const cal = englandAndWalesCalendar();
const workingDays = (from: string, n: number) => cal.addWorkingDays(from, n);
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

const OFFICER = { subjectId: 'pc-1', kind: 'police-officer' as const, rank: 'PC', warrantNumber: 'W-5501', name: 'Pat Constable', dateOfBirth: '1985-04-02' };

async function referred(prefix: string, receivedOn: string, subject: Record<string, unknown> = OFFICER): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [subject as typeof OFFICER] });
  await h.waitForSubject(reference, 'pc-1');
  return reference;
}

async function running(reference: string): Promise<boolean> {
  return (await h.subjectHandle(reference, 'pc-1').describe()).status.name === 'RUNNING';
}

describe('a referral under the Vetting Regulations as a tracked route (SI 2025/502; CR reg 14(2)(aa))', () => {
  it('under the 2025 rules: notice and representations, clearance withdrawn is dismissal without notice reported to the barred list; the appeal panel and the Tribunal dismiss the appeals; then the track finishes', async () => {
    const reference = await referred('vetting', '2025-06-16');
    let s = await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', rationale: 'not misconduct, but the conduct calls the officer\'s suitability to hold clearance into question', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'vetting-referral', vetting: { referredOn: await today() } });
    // No period is confirmed for the withdrawal assessment, so no deadline: the route itself keeps the track running.
    expect(s.openDeadlines).toEqual([]);
    expect((await h.matter(reference)).subjects[0]).toMatchObject({ closed: true });
    await h.env.sleep('3 days');
    expect(await running(reference)).toBe(true);

    expect(await refusal(h.record(reference, 'pc-1', { event: 'vetting-clearance-withdrawn', occurredAt: await at() }))).toMatchObject({ rule: 'vetting-notice-first', regulation: 'SI 2025/502 Part 3' });
    const noticedOn = await today();
    s = await h.record(reference, 'pc-1', { event: 'vetting-withdrawal-notice-served', occurredAt: await at() });
    const reps = s.openDeadlines.find((d) => d.key === 'vetting-representations')!;
    expect(reps).toMatchObject({ ruleId: 'vettingRepresentations', dueDate: workingDays(noticedOn, 10) });
    await h.env.sleep('5 days');
    s = await h.record(reference, 'pc-1', { event: 'vetting-representations-received', occurredAt: await at() });
    expect(s.deadlines.find((d) => d.key === 'vetting-representations')!.status).toBe('met');

    await h.env.sleep('7 days');
    const withdrawnOn = await today();
    s = await h.record(reference, 'pc-1', {
      event: 'vetting-clearance-withdrawn',
      conduct: 'Undeclared association with a person convicted of supplying drugs',
      standardsBreached: ['honesty-and-integrity'],
      publicationExemption: { requested: false },
      occurredAt: await at(),
    });
    expect(s.vetting).toMatchObject({ result: 'clearance-withdrawn', dismissedOn: withdrawnOn });
    // A dismissal under the Vetting Regulations, not an outcome of misconduct proceedings (CR reg 42).
    expect(s.outcome).toBeNull();
    const barred = s.openDeadlines.find((d) => d.key === 'barred-list-report')!;
    expect(barred).toMatchObject({ ruleId: 'barredListReport', dueDate: workingDays(withdrawnOn, 5) });
    expect(s.openDeadlines.find((d) => d.key === 'vetting-appeal')).toMatchObject({ ruleId: 'vettingAppeal', dueDate: workingDays(withdrawnOn, 10) });
    const reports = (await h.outbox(reference)).filter((m) => m.purpose === 'barred-list-report');
    expect(reports).toEqual([expect.objectContaining({ recipient: 'college-of-policing', subject_id: 'pc-1' })]);
    expect(reports[0].payload).toMatchObject({
      fullName: 'Pat Constable', warrantNumber: 'W-5501', outcome: 'dismissal-without-notice', decidedOn: withdrawnOn, dueDate: barred.dueDate,
      dismissedUnder: 'Police (Vetting) Regulations 2025 (SI 2025/502)',
    });
    expect(missingFields('barred-list-report', reports[0].payload)).toEqual([]);
    expect((await h.audit(reference)).map((a) => a.action)).toEqual(expect.arrayContaining(['event:vetting-clearance-withdrawn', 'dismissed-without-notice']));

    s = await h.record(reference, 'pc-1', { event: 'barred-list-report-sent', occurredAt: await at() });
    s = await h.record(reference, 'pc-1', { event: 'vetting-appeal-lodged', occurredAt: await at() });
    expect(s.deadlines.find((d) => d.key === 'vetting-appeal')!.status).toBe('met');
    await h.env.sleep('30 days');
    expect(await running(reference)).toBe(true);
    s = await h.record(reference, 'pc-1', { event: 'vetting-appeal-dismissed', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.key)).toEqual(['vetting-pat-appeal']);
    s = await h.record(reference, 'pc-1', { event: 'vetting-pat-appeal-lodged', occurredAt: await at() });
    await h.env.sleep('60 days');
    s = await h.record(reference, 'pc-1', { event: 'vetting-pat-appeal-dismissed', occurredAt: await at() });
    expect(s.vetting).toMatchObject({ patAppealResult: 'dismissed', endedOn: await today() });
    await h.subjectHandle(reference, 'pc-1').result();
    const [row] = (await h.db.query(`SELECT stage, status FROM subject WHERE matter_reference = $1`, [reference])) as { stage: string; status: Record<string, unknown> }[];
    expect(row).toMatchObject({ stage: 'closed', status: { vetting: { result: 'clearance-withdrawn', endedOn: await today() } } });
  });

  it('clearance kept ends the route with nothing owed; clearance restored on appeal reports the barred-list entry removed (BL&AL Regs reg 5)', async () => {
    const kept = await referred('vetting-kept', '2025-06-16');
    await h.decide(kept, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', occurredAt: await at() });
    await h.record(kept, 'pc-1', { event: 'vetting-withdrawal-notice-served', occurredAt: await at() });
    let s = await h.record(kept, 'pc-1', { event: 'vetting-clearance-kept', occurredAt: await at() });
    expect(s.vetting).toMatchObject({ result: 'clearance-kept', endedOn: await today() });
    expect(s.openDeadlines).toEqual([]);
    await h.subjectHandle(kept, 'pc-1').result();
    expect((await h.outbox(kept)).filter((m) => m.purpose.startsWith('barred-list'))).toEqual([]);

    const restored = await referred('vetting-restored', '2025-06-16');
    await h.decide(restored, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', occurredAt: await at() });
    await h.record(restored, 'pc-1', { event: 'vetting-withdrawal-notice-served', occurredAt: await at() });
    await h.record(restored, 'pc-1', { event: 'vetting-clearance-withdrawn', occurredAt: await at() });
    await h.record(restored, 'pc-1', { event: 'vetting-appeal-lodged', occurredAt: await at() });
    const allowedOn = await today();
    s = await h.record(restored, 'pc-1', { event: 'vetting-appeal-allowed', occurredAt: await at() });
    expect(s.vetting).toMatchObject({ appealResult: 'allowed', clearanceRestoredOn: allowedOn, endedOn: allowedOn });
    expect(s.deadlines.find((d) => d.key === 'barred-list-report')!.status).toBe('cancelled');
    expect(s.openDeadlines.map((d) => d.key)).toEqual(['barred-list-removal']);
    expect((await h.outbox(restored)).map((m) => m.purpose).filter((p) => p.startsWith('barred-list'))).toEqual(['barred-list-report', 'barred-list-removal']);
  });

  it('refused under the 2024 rules (a matter received in April 2025), naming the rule and the rule set, before anything is recorded; and for a member of police staff', async () => {
    const reference = await referred('vetting-2024', '2025-04-14');
    const refused = await refusal(h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', occurredAt: await at() }));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'vetting-referral-rule-set', regulation: 'CR reg 14(2)(aa) (SI 2025/558 reg 9)', ruleSet: 'rules-2024' });
    expect(refused.message).toMatch(/rules-2025 \(from 2025-05-28\)/);
    expect((await h.audit(reference)).filter((a) => a.action.startsWith('decision:'))).toEqual([]);
    const s = await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'no-further-action', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'no-further-action', vetting: null });

    const staff = await referred('vetting-staff', '2025-06-16', { subjectId: 'pc-1', kind: 'police-staff' });
    expect(await refusal(h.decide(staff, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'vetting-referral', occurredAt: await at() }))).toMatchObject({ rule: 'vetting-referral-who' });
  });
});
