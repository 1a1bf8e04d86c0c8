/**
 * The crime-scene photographs case (Metropolitan Police Service, 2020–2022; IOPC 2020/138174 and
 * 2020/139739), run with its real dates. See ../shared/scenarios/crime-scene-photographs.md.
 *
 * Dates the public record does not give are assumed, consistent with the timeline:
 * - 23 June 2020 the force refers the matter; 24 June the IOPC decides on an independent investigation;
 * - 26 June severity assessments for A and B (gross misconduct); 30 June their notices of investigation;
 * - 20 July severity assessments and 22 July notices for the other 11 officers;
 * - 12 October 2020 A and B charged and the primary report submitted; 15 October case to answer;
 * - 10 March 2021 the linked report; 17 March the case-to-answer decisions for C to M;
 * - 1 June 2021 B resigns;
 * - 9 November 2021 A and B plead guilty: the hold is lifted and the special conditions certified;
 *   10 November the reg 51 notice; 24 November the accelerated hearing (as in life);
 * - 1 October 2021 F's notice of referral, 8 December 2021 F's hearing;
 * - 1 April 2022 the notices of referral for C, D and E; 22 June 2022 their meetings (as in life),
 *   notified the same day;
 * - 10 March 2022 the force accepts the IOPC's recommendations of 20 January 2022.
 */
import { matterWorkflowId, recommendationState, recordMatterDecision, recordMatterEvent, recordRecommendationResponse } from '@conduct/workflows';
import { APPROPRIATE_AUTHORITY, CASE_OFFICER, WorkflowHarness } from '../../test/support/workflow-harness';

jest.setTimeout(300_000);

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

const on = (date: string) => `${date}T10:00:00Z`;
const reference = `CSP-${Date.now().toString(36)}`;
const linked = ['C', 'D', 'E'];
const others = ['G', 'H', 'I', 'J', 'K', 'L', 'M'];

async function refused(p: Promise<unknown>): Promise<{ rule: string; regulation: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { cause: { details: [{ rule: string; regulation: string }] } }).cause.details[0];
  }
  throw new Error('expected a refusal');
}

describe('the crime-scene photographs case, with its real dates', () => {
  it('refers the recordable conduct matter with 13 officers to the IOPC, which investigates independently', async () => {
    await h.refer({
      reference,
      kind: 'recordable-conduct-matter',
      forceId: 'metropolitan',
      appropriateAuthority: 'Commissioner of Police of the Metropolis',
      receivedOn: '2020-06-23',
      recordableCategories: ['relevant-offence'],
      subjects: ['A', 'B', ...linked, 'F', ...others].map((id) => ({ subjectId: id, kind: 'police-officer' as const, rank: 'PC', name: `Officer ${id}` })),
    });
    const matter = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    await matter.executeUpdate(recordMatterEvent, { args: [{ event: 'referred-to-iopc', occurredAt: on('2020-06-23'), actor: CASE_OFFICER }] });
    const m = await matter.executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode: 'independent', occurredAt: on('2020-06-24'), actor: { id: 'iopc-dg', role: 'oversight' } }] });
    expect(m).toMatchObject({ modeOfInvestigation: 'independent', iopcReferralRequired: true });
    for (const id of ['A', 'B', ...linked, 'F', ...others]) await h.waitForSubject(reference, id);
  });

  it('serves notices of investigation on the scene guards, then on the others', async () => {
    for (const id of ['A', 'B']) {
      await h.decide(reference, id, { decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing', occurredAt: on('2020-06-26') });
      await h.record(reference, id, { event: 'notice-of-investigation-served', occurredAt: on('2020-06-30') });
    }
    for (const id of [...linked, ...others]) {
      await h.decide(reference, id, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: on('2020-07-20') });
      await h.record(reference, id, { event: 'notice-of-investigation-served', occurredAt: on('2020-07-22') });
    }
    await h.decide(reference, 'F', { decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing', occurredAt: on('2020-07-20') });
    await h.record(reference, 'F', { event: 'notice-of-investigation-served', occurredAt: on('2020-07-22') });
    const a = await h.subject(reference, 'A');
    expect(a.deadlines.find((d) => d.ruleId === 'representations')!.dueDate).toBe('2020-07-14');
  });

  it('holds A and B’s misconduct proceedings while the criminal case is pending', async () => {
    for (const id of ['A', 'B']) {
      await h.record(reference, id, { event: 'criminal-charge', occurredAt: on('2020-10-12') });
      await h.record(reference, id, { event: 'investigator-report-submitted', occurredAt: on('2020-10-12') });
      const s = await h.decide(reference, id, { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: on('2020-10-15') });
      expect(s).toMatchObject({ stage: 'misconduct-hearing', heldForCriminalProceedings: true });
      expect(await refused(h.record(reference, id, { event: 'notice-of-referral-served', occurredAt: on('2021-01-11') }))).toEqual({ rule: 'criminal-proceedings-hold', regulation: 'CR reg 10' });
    }
  });

  it('decides the linked investigation: misconduct for C, D and E, gross misconduct for F, nothing further for the rest', async () => {
    for (const id of [...linked, 'F', ...others]) await h.record(reference, id, { event: 'investigator-report-submitted', occurredAt: on('2021-03-10') });
    for (const id of linked) expect((await h.decide(reference, id, { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: on('2021-03-17') })).stage).toBe('misconduct-meeting');
    expect((await h.decide(reference, 'F', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: on('2021-03-17') })).stage).toBe('misconduct-hearing');
    for (const id of others) {
      expect(await h.decide(reference, id, { decision: 'case-to-answer', caseToAnswer: 'none', routeIfNone: 'no-further-action', occurredAt: on('2021-03-17') })).toMatchObject({ stage: 'closed', closedBecause: 'no-further-action' });
    }
  });

  it('B resigns before the hearing: reported to the advisory list within 5 working days, and the gross misconduct case goes on', async () => {
    const b = await h.record(reference, 'B', { event: 'resigned', occurredAt: on('2021-06-01') });
    expect(b.stage).toBe('misconduct-hearing');
    expect(b.deadlines.find((d) => d.ruleId === 'advisoryListReport')!.dueDate).toBe('2021-06-08');
  });

  it('lifts the hold when A and B plead guilty, certifies the special conditions, and holds the accelerated hearing on 24 November 2021, within 10–15 working days of its notice', async () => {
    for (const id of ['A', 'B']) {
      await h.record(reference, id, { event: 'criminal-proceedings-concluded', occurredAt: on('2021-11-09') });
      expect((await h.decide(reference, id, { decision: 'special-conditions', reason: 'guilty plea; public interest', occurredAt: on('2021-11-09') })).stage).toBe('accelerated-hearing');
      const s = await h.record(reference, id, { event: 'notice-of-referral-served', occurredAt: on('2021-11-10') });
      expect(s.deadlines.find((d) => d.ruleId === 'acceleratedHearing')).toMatchObject({ earliest: '2021-11-24', dueDate: '2021-12-01' });
      await h.record(reference, id, { event: 'proceedings-scheduled', scheduledFor: '2021-11-24', occurredAt: on('2021-11-10') });
      await h.record(reference, id, { event: 'proceedings-held', occurredAt: on('2021-11-24') });
    }
    const a = await h.decide(reference, 'A', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: on('2021-11-24'), actor: APPROPRIATE_AUTHORITY });
    expect(a.deadlines.find((d) => d.ruleId === 'barredListReport')!.dueDate).toBe('2021-12-01');
    expect(await refused(h.decide(reference, 'B', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: on('2021-11-24') }))).toMatchObject({ regulation: expect.stringMatching(/reg (42|4)/) });
    const b = await h.decide(reference, 'B', { decision: 'outcome', outcome: 'would-have-been-dismissed', occurredAt: on('2021-11-24') });
    expect(b.deadlines.find((d) => d.ruleId === 'barredListReport')!.dueDate).toBe('2021-12-01');
  });

  it('dismisses F at a gross misconduct hearing in December 2021', async () => {
    await h.record(reference, 'F', { event: 'notice-of-referral-served', occurredAt: on('2021-10-01') });
    await h.record(reference, 'F', { event: 'officer-response-received', occurredAt: on('2021-10-20') });
    await h.record(reference, 'F', { event: 'documents-supplied-to-chair', occurredAt: on('2021-10-27') });
    await h.record(reference, 'F', { event: 'pre-hearing-held', occurredAt: on('2021-11-10') });
    await h.record(reference, 'F', { event: 'proceedings-held', occurredAt: on('2021-12-08') });
    const f = await h.decide(reference, 'F', { decision: 'outcome', outcome: 'dismissal-without-notice', occurredAt: on('2021-12-08') });
    expect(f.deadlines.find((d) => d.ruleId === 'barredListReport')!.dueDate).toBe('2021-12-15');
  });

  it('the IOPC’s learning recommendation of 20 January 2022 has its response due on 17 March 2022', async () => {
    const handle = await h.startRecommendation({ reference: `${reference}-1`, matterReference: reference, forceId: 'metropolitan', recipient: 'metropolitan', madeOn: '2022-01-20', text: 'Training for cordon duty', madeBy: { id: 'iopc', role: 'oversight' } });
    await waitUntil(async () => (await handle.query(recommendationState)).deadlines.length > 0);
    expect((await handle.query(recommendationState)).deadlines[0]).toMatchObject({ ruleId: 'recommendationResponse', dueDate: '2022-03-17' });
    const r = await handle.executeUpdate(recordRecommendationResponse, { args: [{ accepted: true, summary: 'accepted in full', occurredAt: on('2022-03-10'), actor: { id: 'aa', role: 'appropriate-authority' } }] });
    expect(r.stage).toBe('awaiting-publication');
    expect(r.deadlines.find((d) => d.ruleId === 'recommendationResponse')!.status).toBe('met');
    expect(r.deadlines.find((d) => d.ruleId === 'recommendationPublication')!.dueDate).toBe('2022-03-31');
  });

  it('C, D and E receive written warnings at meetings on 22 June 2022, in force for 18 months', async () => {
    for (const id of linked) {
      await h.record(reference, id, { event: 'notice-of-referral-served', occurredAt: on('2022-04-01') });
      await h.record(reference, id, { event: 'officer-response-received', occurredAt: on('2022-04-20') });
      await h.record(reference, id, { event: 'documents-supplied-to-chair', occurredAt: on('2022-05-04') });
      await h.record(reference, id, { event: 'proceedings-held', occurredAt: on('2022-06-22') });
      await h.decide(reference, id, { decision: 'outcome', outcome: 'written-warning', occurredAt: on('2022-06-22') });
      const s = await h.record(reference, id, { event: 'outcome-notified', occurredAt: on('2022-06-22') });
      expect(s.warningLiveUntil).toBe('2023-12-21');
    }
  });

  it('reaches the outcomes of life: A and F dismissed, B would have been dismissed, C–E written warnings (now expired), the rest no further action; three barred-list reports', async () => {
    for (const id of ['A', 'B', 'F']) await h.record(reference, id, { event: 'outcome-notified', occurredAt: on(id === 'F' ? '2021-12-08' : '2021-11-24') });
    await waitUntil(async () => (await h.matter(reference)).stage === 'closed');
    const m = await h.matter(reference);
    const outcomes = Object.fromEntries(m.subjects.map((s) => [s.subjectId, s.outcome]));
    expect(outcomes).toEqual({ A: 'dismissal-without-notice', B: 'would-have-been-dismissed', C: 'written-warning', D: 'written-warning', E: 'written-warning', F: 'dismissal-without-notice', G: null, H: null, I: null, J: null, K: null, L: null, M: null });
    for (const id of linked) await waitUntil(async () => (await h.subject(reference, id)).warningExpired);

    const outbox = await h.outbox(reference);
    const barred = outbox.filter((o) => o.purpose === 'barred-list-report');
    expect(barred.map((o) => [o.subject_id, o.payload.dueDate, o.payload.earlierAdvisoryListReport]).sort()).toEqual([
      ['A', '2021-12-01', false],
      ['B', '2021-12-01', true],
      ['F', '2021-12-15', false],
    ]);
    expect(outbox.filter((o) => o.purpose === 'advisory-list-report').map((o) => o.subject_id)).toEqual(['B']);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
