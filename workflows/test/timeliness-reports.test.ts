import { addCalendarDays, addCalendarMonths, londonDateOf } from '@conduct/domain';
import { matterWorkflowId, recordMatterEvent, type MatterEventCommand } from '@conduct/workflows';
import { CASE_OFFICER, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

// Timeliness reports per the regulations (CR reg 19; CMR reg 13): when the first period starts, a report withheld
// because it might prejudice an investigation, and the officer's copy subject to the harm test.
const h = freshHarnessPerTest();

const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());
const matterEvent = async (reference: string, event: MatterEventCommand['event'], extra: Record<string, unknown> = {}) =>
  h.env.client.workflow.getHandle(matterWorkflowId(reference)).executeUpdate(recordMatterEvent, { args: [{ event, occurredAt: await at(), actor: CASE_OFFICER, ...extra } as MatterEventCommand] });
const timelinessOwed = (m: { openDeadlines: { key: string; ruleId: string; dueDate: string }[] }) => m.openDeadlines.filter((d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat');
/** The purposes of the messages sent about one occurrence of the series. */
const sentAbout = async (reference: string, key: string) =>
  ((await h.db.query(`SELECT purpose FROM outbox_message WHERE matter_reference = $1 AND idempotency_key LIKE $2 ORDER BY id`, [reference, `%${key}%`])) as { purpose: string }[]).map((r) => r.purpose);

describe('timeliness reports per the regulations', () => {
  it('a complaint made two months before it reached the appropriate authority owes its first report 12 months from the day it was made (CMR reg 13)', async () => {
    const reference = newReference('complaint-made');
    const receivedOn = await today();
    const complaintMadeOn = addCalendarDays(receivedOn, -61);
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn, complaintMadeOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    const m = await h.matter(reference);
    expect(timelinessOwed(m)).toEqual([expect.objectContaining({ key: 'timeliness-report-1', trigger: complaintMadeOn, dueDate: addCalendarMonths(complaintMadeOn, 12) })]);
    expect(m.timelinessStart).toEqual({ startsOn: complaintMadeOn, from: 'complaint-made', regulation: 'CMR reg 13' });
    const [row] = await h.db.query(`SELECT to_char(complaint_made_on, 'YYYY-MM-DD') AS made, to_char(timeliness_starts_on, 'YYYY-MM-DD') AS starts FROM matter WHERE reference = $1`, [reference]);
    expect(row).toEqual({ made: complaintMadeOn, starts: complaintMadeOn });
  });

  it('under the Conduct Regulations a report withheld for prejudice, with its reason, is neither missed nor escalated, and the next falls due 6 months on (CR reg 19(3))', async () => {
    const reference = newReference('withheld');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('360 days');
    const refused = await matterEvent(reference, 'timeliness-report-withheld').catch((e) => e.cause);
    expect(refused.details[0]).toMatchObject({ rule: 'withholding-reason-recorded', regulation: 'CR reg 19(3)' });
    const m = await matterEvent(reference, 'timeliness-report-withheld', { note: 'the report would reveal a covert line of inquiry' });
    expect(m.timelinessReports).toEqual([expect.objectContaining({ key: 'timeliness-report-1', withheld: expect.objectContaining({ reason: 'the report would reveal a covert line of inquiry', from: ['local-policing-body'], regulation: 'CR reg 19(3)' }) })]);
    const next = timelinessOwed(m);
    expect(next.map((d) => d.key)).toEqual(['timeliness-report-2']);
    await h.env.sleep('30 days'); // past the first report's due date
    // No escalation, and nothing due to the local policing body; the deadline stands met.
    expect((await sentAbout(reference, 'timeliness-report-1')).filter((p) => p !== 'reminder')).toEqual([]);
    const [deadline] = await h.db.query(`SELECT status FROM deadline WHERE matter_reference = $1 AND key = 'timeliness-report-1'`, [reference]);
    expect(deadline.status).toBe('met');
    // The series goes on: the next, neither sent nor withheld, is escalated and goes due to the local policing body.
    await h.env.sleep('190 days');
    expect(await sentAbout(reference, 'timeliness-report-2')).toEqual(expect.arrayContaining(['escalation', 'timeliness-report-due']));
  });

  it("a force-run Schedule 3 investigation withholds the local policing body's report only: the Director General's is still owed, and only the Director General is told it is overdue (CMR reg 13)", async () => {
    const reference = newReference('withheld-sch3');
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('360 days');
    const m = await matterEvent(reference, 'timeliness-report-withheld', { note: 'the report would reveal a covert line of inquiry' });
    expect(timelinessOwed(m).map((d) => d.key)).toEqual(['timeliness-report-1']);
    await h.env.sleep('30 days');
    const due = (await h.outbox(reference)).filter((o) => o.purpose === 'timeliness-report-due');
    expect(due.map((o) => o.recipient)).toEqual(['iopc']);
    const sent = await matterEvent(reference, 'timeliness-report-sent', { note: 'to the Director General' });
    expect(sent.timelinessReports).toEqual([expect.objectContaining({ key: 'timeliness-report-1', withheld: expect.objectContaining({ from: ['local-policing-body'] }), sent: expect.objectContaining({ on: await today() }) })]);
  });

  it("a report sent records each officer's copy, one withheld under the harm test with its reason (CR reg 19(4))", async () => {
    const reference = newReference('officer-copy');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }, { subjectId: 'pc-2', kind: 'police-officer' }] });
    await h.env.sleep('360 days');
    const unexplained = await matterEvent(reference, 'timeliness-report-sent', { officerCopies: [{ subjectId: 'pc-1', sent: false }] }).catch((e) => e.cause);
    expect(unexplained.details[0]).toMatchObject({ rule: 'officer-copy-harm-test-reason', regulation: 'CR reg 19(4)' });
    const officerCopies = [{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-2', sent: false, withheldReason: 'the copy would identify a witness' }];
    const m = await matterEvent(reference, 'timeliness-report-sent', { officerCopies });
    expect(m.timelinessReports).toEqual([expect.objectContaining({ key: 'timeliness-report-1', sent: { on: await today(), officerCopies } })]);
    const [line] = await h.db.query(`SELECT details FROM audit_entry WHERE matter_reference = $1 AND action = 'event:timeliness-report-sent'`, [reference]);
    expect(line.details).toMatchObject({ key: 'timeliness-report-1', officerCopies });
    const [row] = await h.db.query(`SELECT timeliness_reports FROM matter WHERE reference = $1`, [reference]);
    expect(row.timeliness_reports).toEqual([expect.objectContaining({ key: 'timeliness-report-1', sent: expect.objectContaining({ officerCopies }) })]);
  });
});
