import { londonDateOf } from '@conduct/domain';
import { matterWorkflowId, recordMatterDecision } from '@conduct/workflows';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const IOPC = { id: 'iopc-dg', role: 'oversight' as const };
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());
const details = async (reference: string, action: string) =>
  ((await h.db.query(`SELECT details FROM audit_entry WHERE matter_reference = $1 AND action = $2 ORDER BY id`, [reference, action])) as { details: Record<string, unknown> }[]).map((r) => r.details);

describe('the rationale of a decision', () => {
  it("is recorded in the audit line of the Director General's mode of investigation and of the appropriate authority's severity assessment", async () => {
    const reference = newReference('rationale');
    await h.refer({ reference, kind: 'dsi-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.waitForSubject(reference, 'pc-1');
    await h.env.client.workflow
      .getHandle(matterWorkflowId(reference))
      .executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', mode: 'directed', rationale: 'Serious injury after arrest: the force investigates under direction', occurredAt: await at(), actor: IOPC }] });
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'gross-misconduct', rationale: 'Restraint caused a fractured wrist', occurredAt: await at() });

    expect(await details(reference, 'decision:mode-of-investigation')).toEqual([{ mode: 'directed', rationale: 'Serious injury after arrest: the force investigates under direction' }]);
    expect(await details(reference, 'decision:severity-assessment')).toEqual([expect.objectContaining({ severity: 'gross-misconduct', rationale: 'Restraint caused a fractured wrist' })]);
  });
});
