import type { Panel } from '@conduct/domain';
import { recordMatterEvent } from '../src/messages';
import { matterWorkflowId } from '../src/ids';
import type { MatterEventCommand, SubjectView } from '../src/types';
import { freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

// Panels and chairs (SI 2024/521, in force 7 May 2024), and the investigator's independence (CR reg 15(3)). Two
// hearings identical but for the day the matter came to the appropriate authority's attention, 6 and 7 May 2024:
// fixed dates of the law, both in the past. A fresh time-skipping server per test: time is global to a server.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();

const delegatedPanel: Panel = {
  chair: { id: 'acc-1', name: 'ACC Example', role: 'senior-officer', rank: 'ACC' },
  independentMembers: [{ id: 'im-1' }, { id: 'im-2' }],
  legallyQualifiedAdviser: { id: 'lqa-1' },
};
const legallyQualifiedChairPanel: Panel = {
  chair: { id: 'lqc-1', role: 'legally-qualified-chair' },
  policeMember: { id: 'supt-1', rank: 'Superintendent' },
  independentMembers: [{ id: 'im-1' }],
};

/** A gross misconduct case received on `receivedOn`, referred to a misconduct hearing, its notice of referral given. */
async function referredToHearing(prefix: string, receivedOn: string, subject: Record<string, unknown> = {}): Promise<string> {
  const reference = newReference(prefix);
  await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', ...subject }] });
  await h.waitForSubject(reference, 'pc-1');
  await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
  await h.record(reference, 'pc-1', { event: 'investigator-report-submitted', occurredAt: await at() });
  const s = await h.decide(reference, 'pc-1', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() });
  expect(s.stage).toBe('misconduct-hearing');
  await h.record(reference, 'pc-1', { event: 'notice-of-referral-served', occurredAt: await at() });
  return reference;
}

/** A matter event without who and when (added here), each variant kept whole. */
type MatterEventBody = MatterEventCommand extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'occurredAt'> : never) : never;

const matterEvent = async (reference: string, cmd: MatterEventBody) =>
  h.env.client.workflow
    .getHandle(matterWorkflowId(reference))
    .executeUpdate(recordMatterEvent, { args: [{ actor: { id: 'aa-1', role: 'appropriate-authority' }, occurredAt: await at(), ...cmd } as MatterEventCommand] });

describe('panels and chairs (SI 2024/521)', () => {
  it("a hearing of a matter received on 7 May 2024 sits with the chief officer's delegate, two independent members and an adviser; the officer is told who; an upheld objection holds the hearing until a replacement is appointed", async () => {
    const reference = await referredToHearing('panel-2024', '2024-05-07');
    // The 2020 rules' panel is refused under the 2024 rules, naming the rule and the rule set, and nothing is recorded.
    const refused = await refusal(h.record(reference, 'pc-1', { event: 'panel-appointed', panel: legallyQualifiedChairPanel, occurredAt: await at() }));
    expect(refused).toMatchObject({ type: 'RuleViolation', rule: 'panel-chair-role', ruleSet: 'rules-2024' });
    expect((await h.audit(reference)).filter((a) => a.action === 'event:panel-appointed')).toEqual([]);

    let s: SubjectView = await h.record(reference, 'pc-1', { event: 'panel-appointed', panel: delegatedPanel, occurredAt: await at() });
    expect(s.panel).toMatchObject({ ruleSet: 'rules-2024', panel: delegatedPanel, vacant: [], objections: [] });
    const [notice] = (await h.outbox(reference)).filter((m) => m.purpose === 'panel-notice');
    expect(notice).toMatchObject({ recipient: 'officer', payload: { chair: { id: 'acc-1', name: 'ACC Example', role: 'senior-officer' }, chairDelegated: true, regulation: 'CR reg 30(1A)' } });

    await h.record(reference, 'pc-1', { event: 'panel-objection-made', member: 'im-2', grounds: 'sat on the officer\'s promotion board', occurredAt: await at() });
    s = await h.record(reference, 'pc-1', { event: 'panel-objection-determined', member: 'im-2', upheld: true, occurredAt: await at() });
    expect(s.panel?.vacant).toEqual([{ seat: 'independent-member', member: 'im-2' }]);
    expect(await refusal(h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() }))).toMatchObject({ rule: 'panel-complete-at-hearing', ruleSet: 'rules-2024' });

    s = await h.record(reference, 'pc-1', { event: 'panel-member-replaced', member: 'im-2', replacement: { id: 'im-3' }, occurredAt: await at() });
    expect(s.panel?.panel.independentMembers).toEqual([{ id: 'im-1' }, { id: 'im-3' }]);
    expect((await h.outbox(reference)).filter((m) => m.purpose === 'panel-notice')).toHaveLength(2);
    s = await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
    expect(s.stage).toBe('misconduct-hearing');
    const [row] = (await h.db.query(`SELECT status FROM subject WHERE matter_reference = $1`, [reference])) as { status: { panel: { ruleSet: string } } }[];
    expect(row.status.panel.ruleSet).toBe('rules-2024');
  });

  it('the same hearing of a matter received on 6 May 2024 sits with a legally qualified chair, a police member and an independent member; the delegate is refused', async () => {
    const reference = await referredToHearing('panel-2020', '2024-05-06');
    expect(await refusal(h.record(reference, 'pc-1', { event: 'panel-appointed', panel: delegatedPanel, occurredAt: await at() }))).toMatchObject({ rule: 'panel-chair-role', ruleSet: 'rules-2020' });
    const s = await h.record(reference, 'pc-1', { event: 'panel-appointed', panel: legallyQualifiedChairPanel, occurredAt: await at() });
    expect(s.panel).toMatchObject({ ruleSet: 'rules-2020' });
    await h.record(reference, 'pc-1', { event: 'proceedings-held', occurredAt: await at() });
  });
});

describe('an accelerated hearing whose chair is replaced after an upheld objection', () => {
  it('is held in a fresh window of 10 to 15 working days from the replacement (CR reg 52(1A)), not from the objection', async () => {
    const reference = newReference('panel-amh');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: '2024-06-03', subjects: [{ subjectId: 'pc-5', kind: 'police-officer', rank: 'PC' }] });
    await h.waitForSubject(reference, 'pc-5');
    await h.decide(reference, 'pc-5', { decision: 'severity-assessment', severity: 'gross-misconduct', occurredAt: await at() });
    await h.decide(reference, 'pc-5', { decision: 'special-conditions', reason: 'conviction; public interest', occurredAt: await at() });
    await h.record(reference, 'pc-5', { event: 'investigator-report-submitted', occurredAt: await at() });
    expect((await h.decide(reference, 'pc-5', { decision: 'case-to-answer', caseToAnswer: 'gross-misconduct', occurredAt: await at() })).stage).toBe('accelerated-hearing');
    await h.record(reference, 'pc-5', { event: 'notice-of-referral-served', occurredAt: await at() });
    await h.record(reference, 'pc-5', { event: 'panel-appointed', panel: { chair: { id: 'cc-1', role: 'chief-officer' } }, occurredAt: await at() });
    await h.record(reference, 'pc-5', { event: 'panel-objection-made', member: 'cc-1', grounds: 'a witness to the incident', occurredAt: await at() });
    await h.record(reference, 'pc-5', { event: 'panel-objection-determined', member: 'cc-1', upheld: true, occurredAt: await at() });
    const first = (await h.subject(reference, 'pc-5')).acceleratedHearingWindow!;
    await h.env.sleep('7 days');
    const chairless = await refusal(h.record(reference, 'pc-5', { event: 'panel-member-replaced', member: 'cc-1', replacement: { id: 'acc-2' }, occurredAt: await at() }));
    expect(chairless).toMatchObject({ rule: 'panel-chair-role', ruleSet: 'rules-2024' });
    const s = await h.record(reference, 'pc-5', { event: 'panel-member-replaced', member: 'cc-1', replacement: { id: 'acc-2', role: 'senior-officer', rank: 'ACC' }, occurredAt: await at() });
    expect(s.panel?.panel.chair).toMatchObject({ id: 'acc-2', role: 'senior-officer' });
    expect(s.acceleratedHearingWindow!.from > first.from).toBe(true);
    expect(s.acceleratedHearingWindow!.regulation).toMatch(/52\(1A\)/);
  });
});

describe("the investigator's independence (CR reg 15(3))", () => {
  it('an investigator working under the management of the officer concerned is refused; an independent one is recorded with the subject\'s unit and line managers taken from the referral and recorded later', async () => {
    const reference = newReference('investigator');
    await h.refer({
      reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: '2025-06-16',
      subjects: [{ subjectId: 'ps-1', kind: 'police-officer', rank: 'Sergeant', unit: 'Response 3', lineManagers: ['insp-4'] }],
    });
    await h.waitForSubject(reference, 'ps-1');
    const managed = await refusal(matterEvent(reference, { event: 'investigator-appointed', investigator: { id: 'pc-9', unit: 'Response 3', lineManagers: ['ps-1', 'insp-4'] } }));
    expect(managed).toMatchObject({ rule: 'investigator-not-managed-by-subject', regulation: 'CR reg 15(3)' });
    const sameUnit = await refusal(
      matterEvent(reference, { event: 'investigator-appointed', investigator: { id: 'ps-5', unit: 'Response 3' }, investigatorSettings: { refuseInvestigatorFromSubjectsUnit: true } }),
    );
    expect(sameUnit).toMatchObject({ rule: 'investigator-not-from-subjects-unit' });

    await matterEvent(reference, { event: 'subject-line-management-recorded', subjectId: 'ps-1', unit: 'Custody' });
    const view = await matterEvent(reference, { event: 'investigator-appointed', investigator: { id: 'ps-5', unit: 'Response 3' }, investigatorSettings: { refuseInvestigatorFromSubjectsUnit: true } });
    expect(view.investigator).toMatchObject({ investigator: { id: 'ps-5' }, independent: true, notIndependentOf: [], regulation: 'CR reg 15(3)' });
    const lines = (await h.audit(reference)).filter((a) => a.action === 'event:investigator-appointed');
    expect(lines).toEqual([expect.objectContaining({ regulation: 'CR reg 15(3)' })]);
    const [row] = (await h.db.query(`SELECT investigator FROM matter WHERE reference = $1`, [reference])) as { investigator: Record<string, unknown> }[];
    expect(row.investigator).toMatchObject({ investigator: { id: 'ps-5' }, independent: true });
  });
});
