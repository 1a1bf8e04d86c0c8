import { addCalendarDays, addCalendarMonths, londonDateOf } from '@conduct/domain';
import { matterWorkflowId, recordMatterDecision } from '@conduct/workflows';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// Every decision carries its rationale (IOPC statutory guidance), and a referral to reflective practice is a route
// tracked until done (CR Part 6, reg 70). Neither depends on a rule set's date: both hold for tracks started from
// their patches on (old histories replay as they were). A fresh time-skipping server per test: time is global to a server.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

async function decisionLines(reference: string): Promise<{ action: string; subject_id: string | null; details: Record<string, unknown> }[]> {
  return h.db.query(`SELECT action, subject_id, details FROM audit_entry WHERE matter_reference = $1 AND action LIKE 'decision:%' ORDER BY id`, [reference]);
}

async function referred(prefix: string, kind: 'police-officer' | 'police-staff' = 'police-officer'): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: addCalendarDays(await today(), -20), subjects: [{ subjectId: 's-1', kind }] });
  await h.waitForSubject(reference, 's-1');
  return reference;
}

describe('every decision carries its rationale (IOPC statutory guidance)', () => {
  it("a subject's decision without one, or with a blank one, is refused before anything is recorded; one with it keeps it in the audit trail", async () => {
    const reference = await referred('why');
    for (const rationale of [undefined, '   ']) {
      const refused = await refusal(h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale, occurredAt: await at() }));
      expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'decision-rationale' });
      expect(refused.message).toMatch(/^rationale: /);
    }
    expect(await decisionLines(reference)).toEqual([]);
    const why = 'a rude remark to a member of the public, if proved, would justify a written warning';
    const s = await h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: why, occurredAt: await at() });
    expect(s.stage).toBe('investigation');
    expect(await decisionLines(reference)).toEqual([{ action: 'decision:severity-assessment', subject_id: 's-1', details: expect.objectContaining({ severity: 'misconduct', rationale: why }) }]);
  });

  it("the Director General's decision on the mode of investigation says why, and keeps it in the audit trail", async () => {
    const reference = newReference('why-dg');
    await h.refer({ reference, kind: 'recordable-conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), recordableCategories: ['serious-corruption'], subjects: [{ subjectId: 's-1', kind: 'police-officer' }] });
    const handle = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    const dg = { id: 'iopc', role: 'oversight' as const };
    const refused = await refusal(handle.executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', mode: 'independent', occurredAt: await at(), actor: dg }] }));
    expect(refused).toMatchObject({ rule: 'decision-rationale' });
    const why = 'serious corruption alleged against a senior officer: the public needs an investigation independent of the force';
    const m = await handle.executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', mode: 'independent', rationale: why, occurredAt: await at(), actor: dg }] });
    expect(m.modeOfInvestigation).toBe('independent');
    expect(await decisionLines(reference)).toEqual([{ action: 'decision:mode-of-investigation', subject_id: null, details: { mode: 'independent', rationale: why } }]);
  });
});

describe('reflective practice as a tracked route (CR Part 6, reg 70)', () => {
  it('a case with no case to answer referred to reflective practice keeps the report, its actions, the review and the check within 12 months until done, then its track finishes', async () => {
    const reference = await referred('rprp');
    await h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: await at() });
    await h.record(reference, 's-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
    await h.record(reference, 's-1', { event: 'investigator-report-submitted', occurredAt: await at() });
    let s = await h.decide(reference, 's-1', { decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'reflective-practice', rationale: 'practice requiring improvement, not misconduct', occurredAt: await at() });
    const referredOn = await today();
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'reflective-practice', reflectivePractice: { referredOn } });
    expect(s.openDeadlines.map((d) => [d.key, d.regulation])).toEqual([['reflective-review-report', 'CR Part 6 (reg 70)']]);
    // The matter is told the case closed; the route keeps the subject's own workflow running.
    expect((await h.matter(reference)).subjects[0]).toMatchObject({ closed: true, outcome: null });

    // Nothing of the route before its report.
    expect(await refusal(h.record(reference, 's-1', { event: 'reflective-practice-checked', occurredAt: await at() }))).toMatchObject({ rule: 'reflective-review-report-first', regulation: 'CR reg 70' });
    await h.env.sleep('7 days');
    const agreedOn = await today();
    const actionsDueBy = addCalendarDays(agreedOn, 60);
    const reviewOn = addCalendarDays(agreedOn, 90);
    s = await h.record(reference, 's-1', { event: 'reflective-review-report-agreed', actionsDueBy, reviewOn, occurredAt: await at() });
    expect(s.deadlines.find((d) => d.key === 'reflective-review-report')!.status).toBe('met');
    expect(Object.fromEntries(s.openDeadlines.map((d) => [d.key, d.dueDate]))).toEqual({
      'reflective-practice-actions': actionsDueBy,
      'reflective-practice-review': reviewOn,
      'reflective-practice-check': addCalendarMonths(agreedOn, 12),
    });

    await h.env.sleep('50 days');
    s = await h.record(reference, 's-1', { event: 'reflective-practice-actions-completed', occurredAt: await at() });
    await h.env.sleep('40 days');
    s = await h.record(reference, 's-1', { event: 'reflective-practice-reviewed', occurredAt: await at() });
    expect(s.reflectivePractice?.completedOn).toBeUndefined();
    await h.env.sleep('100 days');
    s = await h.record(reference, 's-1', { event: 'reflective-practice-checked', note: 'discussed at the PDR', occurredAt: await at() });
    const completedOn = await today();
    expect(s.reflectivePractice).toMatchObject({ reportAgreedOn: agreedOn, actionsDueBy, reviewOn, completedOn });
    expect(s.deadlines.filter((d) => d.key.startsWith('reflective-')).map((d) => [d.key, d.status])).toEqual([
      ['reflective-review-report', 'met'],
      ['reflective-practice-actions', 'met'],
      ['reflective-practice-review', 'met'],
      ['reflective-practice-check', 'met'],
    ]);
    expect(s.openDeadlines).toEqual([]);
    // Done: the subject's workflow finishes, and the projection shows the route.
    await h.subjectHandle(reference, 's-1').result();
    const [row] = (await h.db.query(`SELECT stage, status FROM subject WHERE matter_reference = $1`, [reference])) as { stage: string; status: Record<string, unknown> }[];
    expect(row).toMatchObject({ stage: 'closed', status: { reflectivePractice: { completedOn } } });
  });

  it('the report not agreed in time is missed and escalated like any other deadline', async () => {
    const reference = await referred('rprp-late');
    const s = await h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'reflective-practice', occurredAt: await at() });
    expect(s.reflectivePractice).toEqual({ referredOn: await today() });
    await h.env.sleep('40 days');
    const later = await h.subject(reference, 's-1');
    expect(later.deadlines.find((d) => d.key === 'reflective-review-report')!.status).toBe('missed');
    const escalations = (await h.outbox(reference)).filter((m) => m.purpose === 'escalation');
    expect(escalations).toEqual([expect.objectContaining({ recipient: 'appropriate-authority', payload: expect.objectContaining({ deadline: 'Reflective review development report agreed', regulation: 'CR Part 6 (reg 70)' }) })]);
  });

  it('a member of police staff is not referred to reflective practice (CR Part 6 is for officers), and nothing is recorded', async () => {
    const reference = await referred('rprp-staff', 'police-staff');
    const refused = await refusal(h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'reflective-practice', occurredAt: await at() }));
    expect(refused).toMatchObject({ rule: 'reflective-practice-who', regulation: 'CR Part 6' });
    expect(await decisionLines(reference)).toEqual([]);
    const s = await h.decide(reference, 's-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'no-further-action', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'no-further-action', reflectivePractice: null });
  });
});
