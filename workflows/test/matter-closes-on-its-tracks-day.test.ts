import { addCalendarDays, compareIsoDates, londonDateOf } from '@conduct/domain';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

// A subject's track closed by a back-dated step tells its matter the day it closed; the matter closes on that day.
const h = freshHarnessPerTest();

const today = async () => londonDateOf(await h.env.currentTimeMs());
const on = (date: string) => `${date}T10:00:00Z`;
type Row = { key: string; status: string; due_date: string; corrections: { to: string }[] | null };
const matterDeadlines = (reference: string) =>
  h.db.query(`SELECT key, status, to_char(due_date, 'YYYY-MM-DD') AS due_date, corrections FROM deadline WHERE matter_reference = $1 AND subject_id IS NULL ORDER BY key`, [reference]) as Promise<Row[]>;

describe('a matter closes on the day its last track closed, however late that is typed in', () => {
  it("a complaint whose only subject's case ended long ago, typed in after the complainant's updates were escalated: the updates due after that day were not owed (each escalation withdrawn), and the complainant's outcome runs from it", async () => {
    const receivedOn = addCalendarDays(await today(), -200);
    const closedOn = addCalendarDays(receivedOn, 5);
    const reference = newReference('closed-long-ago');
    await h.refer({ reference, kind: 'complaint', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.waitForSubject(reference, 'pc-1');

    // Nothing typed in for two days: past the grace, the complainant's updates owed since are escalated.
    await h.env.sleep('2 days');
    const escalated = (await h.outbox(reference)).filter((o) => o.purpose === 'escalation');
    expect(escalated.length).toBeGreaterThan(3);

    // Then the severity assessment, made five days after the complaint came in: no proceedings, the case closed that day.
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'no-further-action', occurredAt: on(closedOn) });
    await h.env.sleep('1 minute');

    const rows = await matterDeadlines(reference);
    const updates = rows.filter((d) => d.key.startsWith('complainant-update-'));
    expect(updates.length).toBeGreaterThan(3);
    // Every update fell due after the case ended: none was owed, and each the timer had declared missed is corrected.
    expect(updates.filter((d) => d.status !== 'cancelled')).toEqual([]);
    expect(updates.filter((d) => (d.corrections ?? []).some((c) => c.to === 'cancelled')).length).toBe(escalated.filter((o) => String(o.payload.deadline).match(/update/i)).length);
    const withdrawn = (await h.outbox(reference)).filter((o) => o.purpose === 'escalation-withdrawn');
    expect(withdrawn.map((o) => o.recipient).sort()).toEqual(escalated.map((o) => o.recipient).sort());

    // The complainant is owed the outcome from the day the case ended, not from the day it was typed in.
    const outcome = rows.find((d) => d.key === 'complainant-outcome')!;
    expect(outcome).toBeDefined();
    expect(compareIsoDates(outcome.due_date, addCalendarDays(closedOn, 60))).toBeLessThan(0);
    const closed = (await h.db.query(`SELECT details FROM audit_entry WHERE matter_reference = $1 AND action = 'matter-closed'`, [reference])) as { details: { closedOn?: string } }[];
    expect(closed).toEqual([{ details: expect.objectContaining({ closedOn }) }]);
  });
});
