import { DEADLINE_RULES, londonDateOf } from '@conduct/domain';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());

describe("the officer's own periods", () => {
  it("an officer who lets the representations period pass is not late: the period closes, and nothing is escalated (CR reg 18)", async () => {
    const reference = newReference('representations');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.waitForSubject(reference, 'pc-1');
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });

    await h.env.sleep('21 days'); // 10 working days and more
    const subject = await h.subject(reference, 'pc-1');
    expect(subject.deadlines.find((d) => d.key === 'representations')).toMatchObject({ ruleId: 'representations', status: 'met' });
    const name = DEADLINE_RULES.representations.name;
    const outbox = await h.outbox(reference);
    expect(outbox.filter((o) => o.purpose === 'escalation' && o.payload.deadline === name)).toEqual([]);
    const audit = (await h.db.query(`SELECT action FROM audit_entry WHERE matter_reference = $1 ORDER BY id`, [reference])) as { action: string }[];
    const lines = audit.map((a) => a.action.split(':')[0] + ':' + a.action.split(':')[1]).filter((a) => a.endsWith(':representations'));
    expect(lines).toContain('window-closed:representations');
    expect(lines).not.toContain('deadline-missed:representations');
  });
});
