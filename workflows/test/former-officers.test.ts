import type { SubjectView } from '../src/types';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// Former officers' cases identical but for the day the allegation came to the appropriate authority's attention:
// April 2025 (the 2024 rules: a misconduct hearing) and June 2025 (the 2025 rules: CR Part 3A, an accelerated
// misconduct hearing unless the officer chooses, or the appropriate authority decides on, a misconduct hearing).
// Fixed dates of the law, both in the past. A fresh time-skipping server per test: time is global to a server.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();


/** A gross misconduct case received on `receivedOn` whose officer retired during the investigation, awaiting the case-to-answer decision. */
async function formerOfficerAwaitingCaseToAnswer(prefix: string, receivedOn: string): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
  await h.waitForSubject(reference, 'pc-1');
  await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
  const s = await h.record(reference, 'pc-1', { event: 'retired', allegationSummary: 'took cash seized as evidence', occurredAt: await at() });
  expect(s.leftService?.how).toBe('retired');
  await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await at() });
  return reference;
}

async function caseToAnswerLine(reference: string): Promise<{ details: Record<string, unknown>; regulation: string | null }[]> {
  return (await h.db.query(`SELECT details, regulation FROM audit_entry WHERE matter_reference = $1 AND action = 'decision:case-to-answer'`, [reference])) as {
    details: Record<string, unknown>;
    regulation: string | null;
  }[];
}

describe('former officers under the 2025 rules (CR Part 3A, SI 2025/558)', () => {
  it('a former officer whose case came in June 2025 goes to an accelerated misconduct hearing by default, and its outcome is recorded there', async () => {
    const reference = await formerOfficerAwaitingCaseToAnswer('fo-2025', '2025-06-16');
    let s: SubjectView = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'accelerated-hearing', form: 'accelerated-hearing', misconductHearingBecause: null });
    const [line] = await caseToAnswerLine(reference);
    expect(line.regulation).toMatch(/reg 21A/);
    const [row] = (await h.db.query(`SELECT form_of_proceedings FROM subject WHERE matter_reference = $1`, [reference])) as { form_of_proceedings: string }[];
    expect(row.form_of_proceedings).toBe('accelerated-hearing');

    s = await h.record(reference, 'pc-1', { event: 'notice-of-referral-served', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.ruleId)).toContain('acceleratedHearing');
    await h.env.sleep('16 days');
    await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
    s = await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'would-have-been-dismissed', finding: 'gross-misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'outcome', outcome: 'would-have-been-dismissed' });
  });

  it('the same case from April 2025 goes to a misconduct hearing, and a choice of one is refused there, naming the rule and the rule set', async () => {
    const reference = await formerOfficerAwaitingCaseToAnswer('fo-2024', '2025-04-15');
    const refused = await refusal(
      h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', misconductHearingBecause: 'officer-chose-misconduct-hearing', occurredAt: await at() }),
    );
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'former-officer-accelerated-hearing', ruleSet: 'rules-2024' });
    expect(refused.message).toMatch(/do not presume an accelerated hearing/);
    // Refused before anything was recorded.
    expect(await caseToAnswerLine(reference)).toEqual([]);
    const s = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'misconduct-hearing', form: 'misconduct-hearing', misconductHearingBecause: null });
  });

  it("the officer's choice of a misconduct hearing is recorded with the decision and honoured", async () => {
    const reference = await formerOfficerAwaitingCaseToAnswer('fo-choice', '2025-06-16');
    let s = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', misconductHearingBecause: 'officer-chose-misconduct-hearing', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'misconduct-hearing', form: 'misconduct-hearing', misconductHearingBecause: 'officer-chose-misconduct-hearing' });
    const [line] = await caseToAnswerLine(reference);
    expect(line.details).toMatchObject({ caseToAnswer: 'gross-misconduct', misconductHearingBecause: 'officer-chose-misconduct-hearing' });
    const [row] = (await h.db.query(`SELECT form_of_proceedings, status FROM subject WHERE matter_reference = $1`, [reference])) as { form_of_proceedings: string; status: Record<string, unknown> }[];
    expect(row).toMatchObject({ form_of_proceedings: 'misconduct-hearing', status: { misconductHearingBecause: 'officer-chose-misconduct-hearing' } });

    s = await h.record(reference, 'pc-1', { event: 'notice-of-referral-served', occurredAt: await at() });
    expect(s.openDeadlines.map((d) => d.ruleId)).not.toContain('acceleratedHearing');
    await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
    s = await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'would-have-been-dismissed', finding: 'gross-misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'outcome', form: 'misconduct-hearing' });
  });
});
