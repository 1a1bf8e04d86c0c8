import { londonDateOf, type Allegation } from '@conduct/domain';
import { matterWorkflowId, recordMatterEvent, type MatterEventCommand } from '@conduct/workflows';
import { CASE_OFFICER, freshHarnessPerTest, newReference, refusal } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();

const pushed: Allegation = { id: 'a1', alleged: 'pushed the complainant against a wall during the arrest', subjectIds: ['pc-1', 'pc-2'], category: 'B4', standards: ['use-of-force'] };
const swore: Allegation = { id: 'a2', alleged: 'swore at the complainant', subjectIds: ['pc-2'], category: 'C1', standards: ['authority-respect-and-courtesy'] };

describe("a matter's allegations", () => {
  it('referred with two allegations against two officers, one added later, each subject’s outcome finding on its allegations in the projection', async () => {
    const reference = newReference('allegations');
    const receivedOn = londonDateOf(await h.env.currentTimeMs());
    await h.refer({
      reference, kind: 'complaint', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn,
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }, { subjectId: 'pc-2', kind: 'police-officer' }],
      allegations: [pushed, swore],
    });
    expect((await h.matter(reference)).allegations).toEqual([pushed, swore]);

    // One added later; one in a category the IOPC does not have is refused naming its rule, and nothing is added.
    const matter = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    const add = async (allegation: unknown) => matter.executeUpdate(recordMatterEvent, { args: [{ event: 'allegation-added', allegation, occurredAt: await at(), actor: CASE_OFFICER } as MatterEventCommand] });
    const unknown = await refusal(add({ ...swore, id: 'a3', category: 'Z9' }));
    expect(unknown).toMatchObject({ rule: 'allegation-category-known' });
    const lied = { id: 'a3', alleged: 'gave a false account in the arrest statement', subjectIds: ['pc-1'], category: 'H1', standards: ['honesty-and-integrity'] } satisfies Allegation;
    expect((await add(lied)).allegations).toEqual([pushed, swore, lied]);

    // Both officers to an outcome, finding on the allegations against each (CR reg 41(15)).
    for (const subjectId of ['pc-1', 'pc-2']) {
      await h.waitForSubject(reference, subjectId);
      await h.decide(reference, subjectId, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', allegations: subjectId === 'pc-1' ? ['a1', 'a3'] : ['a1', 'a2'], occurredAt: await at() });
      for (const event of ['notice-of-investigation-served', 'interview-held', 'investigator-report-submitted'] as const) await h.record(reference, subjectId, { event, occurredAt: await at() });
      await h.decide(reference, subjectId, { decision: 'case-to-answer', caseToAnswer: 'misconduct', allegations: subjectId === 'pc-1' ? ['a3'] : ['a1', 'a2'], occurredAt: await at() });
      for (const event of ['notice-of-referral-served', 'proceedings-held'] as const) await h.record(reference, subjectId, { event, occurredAt: await at() });
    }
    await h.decide(reference, 'pc-1', { decision: 'outcome', outcome: 'written-warning', finding: 'misconduct', allegationFindings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a3', finding: 'misconduct' }], occurredAt: await at() });
    await h.decide(reference, 'pc-2', { decision: 'outcome', outcome: 'no-action', finding: 'neither', allegationFindings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a2', finding: 'neither' }], occurredAt: await at() });

    const rows = await h.db.query(
      `SELECT a.allegation_id, a.category, s.subject_id, s.finding FROM allegation a JOIN allegation_subject s USING (matter_reference, allegation_id)
        WHERE a.matter_reference = $1 ORDER BY a.allegation_id, s.subject_id`, [reference]);
    expect(rows.map((r: Record<string, string>) => [r.allegation_id, r.category, r.subject_id, r.finding])).toEqual([
      ['a1', 'B4', 'pc-1', 'neither'],
      ['a1', 'B4', 'pc-2', 'neither'],
      ['a2', 'C1', 'pc-2', 'neither'],
      ['a3', 'H1', 'pc-1', 'misconduct'],
    ]);
    // The audit trail keeps the allegations referred, the one added, and those each decision named.
    const trail = await h.db.query(`SELECT action, subject_id, details FROM audit_entry WHERE matter_reference = $1 ORDER BY id`, [reference]);
    expect(trail.find((a: { action: string }) => a.action === 'matter-referred').details.allegations.map((a: Allegation) => a.id)).toEqual(['a1', 'a2']);
    expect(trail.filter((a: { action: string }) => a.action === 'event:allegation-added').map((a: { details: { allegation: Allegation } }) => a.details.allegation.id)).toEqual(['a3']);
    expect(trail.find((a: { action: string; subject_id: string }) => a.action === 'decision:case-to-answer' && a.subject_id === 'pc-1').details.allegations).toEqual(['a3']);
  });
});
