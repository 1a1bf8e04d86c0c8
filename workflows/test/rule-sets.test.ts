import { matterState } from '../src/messages';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// Two matters identical but for the day the allegation came to the appropriate authority's attention: April 2025
// (the 2024 rules) and June 2025 (the 2025 rules, SI 2025/558 reg 64(1)). Fixed dates of the law, both in the past.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();


/** A conduct matter received on `receivedOn`, its officer taken to a misconduct meeting (or hearing, for gross misconduct) that has been held. */
async function meetingHeld(prefix: string, receivedOn: string, severity: 'misconduct' | 'gross-misconduct' = 'misconduct'): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
  await h.waitForSubject(reference, 'pc-1');
  await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity, occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await at() });
  await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: severity, occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
  return reference;
}

describe('the rule set a matter is under, by the day its allegation came to the appropriate authority', () => {
  it('a matter received in June 2025 is under the 2025 rules: no action after a finding of misconduct is refused, naming the rule and the rule set', async () => {
    const reference = await meetingHeld('rules-2025', '2025-06-16');
    const matter = await h.env.client.workflow.getHandle(`matter-${reference}`).query(matterState);
    expect(matter.ruleSet).toMatchObject({ ruleSet: 'rules-2025', rule: 'SI 2025/558 reg 64(1)', decidedBy: { date: '2025-06-16' } });
    const [row] = (await h.db.query(`SELECT rule_set FROM matter WHERE reference = $1`, [reference])) as { rule_set: { ruleSet: string } }[];
    expect(row.rule_set).toMatchObject({ ruleSet: 'rules-2025' });

    const refused = await refusal(h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'no-action', finding: 'misconduct', occurredAt: await at() }));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'misconduct-finding-carries-disciplinary-action', ruleSet: 'rules-2025' });
    expect(refused.message).toMatch(/SI 2025\/558/);
    // Refused before anything was recorded: the track takes the disciplinary action instead.
    const s = await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'written-warning', finding: 'misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ stage: 'outcome', outcome: 'written-warning' });
  });

  it('the same matter received in April 2025 is under the 2024 rules: no action after a finding of misconduct is accepted', async () => {
    const reference = await meetingHeld('rules-2024', '2025-04-15');
    const matter = await h.env.client.workflow.getHandle(`matter-${reference}`).query(matterState);
    expect(matter.ruleSet).toMatchObject({ ruleSet: 'rules-2024', decidedBy: { date: '2025-04-15' } });
    const s = await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'no-action', finding: 'misconduct', occurredAt: await at() });
    expect(s).toMatchObject({ outcome: 'no-action' });
  });

  it('on gross misconduct found under the 2025 rules, a final written warning needs the exceptional circumstances, and their reasons are kept with the outcome; under the 2024 rules it does not', async () => {
    const june = await meetingHeld('gm-2025', '2025-06-16', 'gross-misconduct');
    const fww = { decision: 'outcome' as const, outcome: 'final-written-warning' as const, finding: 'gross-misconduct' as const };
    const refused = await refusal(h.decide(june, 'pc-1', { ...fww, occurredAt: await at() }));
    expect(refused).toMatchObject({ rule: 'gross-misconduct-dismissal-unless-exceptional', ruleSet: 'rules-2025' });
    const reasons = 'acted under a mistaken belief that a colleague was in danger; long unblemished service';
    expect(await h.decide(june, 'pc-1', { ...fww, exceptionalCircumstances: reasons, occurredAt: await at() })).toMatchObject({ outcome: 'final-written-warning' });
    const lines = (await h.db.query(`SELECT action, details FROM audit_entry WHERE matter_reference = $1 AND action = 'decision:outcome'`, [june])) as { details: Record<string, unknown> }[];
    expect(lines.map((l) => l.details)).toEqual([expect.objectContaining({ finding: 'gross-misconduct', exceptionalCircumstances: reasons })]);

    const april = await meetingHeld('gm-2024', '2025-04-15', 'gross-misconduct');
    expect(await h.decide(april, 'pc-1', { ...fww, occurredAt: await at() })).toMatchObject({ outcome: 'final-written-warning' });
  });
});
