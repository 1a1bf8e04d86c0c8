import { addCalendarDays, addCalendarMonths, compareIsoDates, londonDateOf } from '@conduct/domain';
import { matterWorkflowId, recordMatterDecision, recordMatterEvent, type MatterEventCommand } from '@conduct/workflows';
import { CASE_OFFICER, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const IOPC = { id: 'iopc-dg', role: 'oversight' as const };
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());
const matterEvent = async (reference: string, event: MatterEventCommand['event'], extra: Partial<MatterEventCommand> = {}) =>
  h.env.client.workflow.getHandle(matterWorkflowId(reference)).executeUpdate(recordMatterEvent, { args: [{ event, occurredAt: await at(), actor: CASE_OFFICER, ...extra }] });
const modeOfInvestigation = async (reference: string, mode: 'local' | 'directed' | 'independent' | 'referred-back') =>
  h.env.client.workflow.getHandle(matterWorkflowId(reference)).executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode, occurredAt: await at(), actor: IOPC }] });
const auditDetails = async (reference: string, action: string) =>
  (await h.db.query(`SELECT details, regulation FROM audit_entry WHERE matter_reference = $1 AND action = $2 ORDER BY id`, [reference, action])) as { details: Record<string, unknown>; regulation: string | null }[];
const timelinessMessages = async (reference: string) => (await h.outbox(reference)).filter((o) => o.purpose === 'timeliness-report-due');

describe('matter duties', () => {
  it('a complaint no category requires to be referred may be referred voluntarily (Sch 3 para 4(2)), and the Director General then decides the mode of investigation', async () => {
    const reference = newReference('voluntary');
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    let m = await h.matter(reference);
    expect(m).toMatchObject({ stage: 'investigation', iopcReferralRequired: false, modeOfInvestigation: 'local', referredToIopcVoluntarily: false });
    m = await matterEvent(reference, 'referred-to-iopc', { note: 'gravity of the allegation' });
    expect(m).toMatchObject({ stage: 'awaiting-mode-of-investigation', iopcReferralRequired: false, modeOfInvestigation: null, referredToIopcVoluntarily: true });
    expect(await auditDetails(reference, 'event:referred-to-iopc')).toEqual([{ regulation: 'PRA 2002 Sch 3 para 4(2)', details: expect.objectContaining({ voluntary: true }) }]);
    const again = await matterEvent(reference, 'referred-to-iopc').catch((e) => e.cause);
    expect(again.details[0]).toMatchObject({ rule: 'iopc-referral-once' });
    m = await modeOfInvestigation(reference, 'directed');
    expect(m).toMatchObject({ stage: 'investigation', modeOfInvestigation: 'directed' });
  });

  it('a conduct matter outside the recordable categories is not referred until it is recorded (Sch 3 para 13(2), CMR reg 7)', async () => {
    const reference = newReference('not-recordable');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    const refused = await matterEvent(reference, 'referred-to-iopc').catch((e) => e.cause);
    expect(refused.details[0]).toMatchObject({ rule: 'iopc-referral-recordable', regulation: expect.stringContaining('para 13(2)') });
    const mode = await modeOfInvestigation(reference, 'independent').catch((e) => e.cause);
    expect(mode.details[0]).toMatchObject({ rule: 'mode-of-investigation-after-referral' });
  });

  it('a local Schedule 3 investigation: the appropriate authority reports to the local policing body and to the Director General (CMR reg 13)', async () => {
    const reference = newReference('local-report');
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('370 days');
    const sent = await timelinessMessages(reference);
    expect(sent.map((o) => o.recipient).sort()).toEqual(['iopc', 'local-policing-body']);
    expect(sent.every((o) => o.payload.reporter === 'appropriate-authority' && o.payload.regulation === 'CMR reg 13')).toBe(true);
    expect((await h.outbox(reference)).find((o) => o.purpose === 'escalation' && /timeliness|unfinished/i.test(String(o.payload.deadline)))?.recipient).toBe('appropriate-authority');
  });

  it('a directed investigation: the Director General reports, to the local policing body and the chief officer, and is the one reminded (CMR reg 13)', async () => {
    const reference = newReference('dg-report');
    await h.refer({ reference, kind: 'recordable-conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), recordableCategories: ['serious-corruption'], subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await matterEvent(reference, 'referred-to-iopc');
    await modeOfInvestigation(reference, 'directed');
    await h.env.sleep('370 days');
    const sent = await timelinessMessages(reference);
    expect(sent.map((o) => o.recipient).sort()).toEqual(['appropriate-authority', 'local-policing-body']);
    expect(sent.every((o) => o.payload.reporter === 'director-general')).toBe(true);
    const owed = (await h.outbox(reference)).filter((o) => (o.purpose === 'reminder' || o.purpose === 'escalation') && /timeliness|unfinished/i.test(String(o.payload.deadline)));
    expect(owed.length).toBeGreaterThan(0);
    expect(owed.every((o) => o.recipient === 'iopc')).toBe(true);
  });

  it('under the Conduct Regulations the report goes to the local policing body alone, with a copy owed to the officer concerned (CR reg 19)', async () => {
    const reference = newReference('cr-report');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('370 days');
    const sent = await timelinessMessages(reference);
    expect(sent).toEqual([expect.objectContaining({ recipient: 'local-policing-body', payload: expect.objectContaining({ regulation: 'CR reg 19', copyToOfficerConcerned: true }) })]);
  });

  it('a matter received long ago whose investigation-end is recorded today, dated in the past, raises no timeliness report due after that date', async () => {
    const reference = newReference('ended-long-ago');
    const receivedOn = addCalendarDays(await today(), -3 * 365);
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    // Referred today, three years late: the 12-monthly report and the 6-monthly ones after it, up to today, fall due
    // once the grace a back-dated deadline is held for (BACKDATED_DEADLINE_GRACE, 24 hours) has passed with no report recorded.
    await h.env.sleep('25 hours');
    expect((await timelinessMessages(reference)).filter((o) => o.recipient === 'local-policing-body').length).toBeGreaterThanOrEqual(4);
    const completedOn = addCalendarMonths(receivedOn, 14);
    let m = await matterEvent(reference, 'investigation-completed', { occurredAt: `${completedOn}T12:00:00Z` });
    expect(m.investigationCompletedOn).toBe(completedOn);
    expect(m.openDeadlines.filter((d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat')).toEqual([]);
    // Those raised for a day after the end are closed as not due; the 12-month one (due before it) stays owed.
    const [event] = await auditDetails(reference, 'event:investigation-completed');
    expect((event.details.notDue as string[]).length).toBeGreaterThanOrEqual(3);
    expect(event.details.notDue).not.toContain('timeliness-report-1');
    m = await matterEvent(reference, 'timeliness-report-sent', { note: 'the 12-month report, late' });
    const refused = await matterEvent(reference, 'timeliness-report-sent', { note: 'another' }).catch((e) => e.cause);
    expect(refused.details[0]).toMatchObject({ rule: 'timeliness-report-due' });
    const before = (await timelinessMessages(reference)).length;
    await h.env.sleep('400 days');
    expect((await timelinessMessages(reference)).length).toBe(before);
    m = await h.matter(reference);
    expect(m.openDeadlines.filter((d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat')).toEqual([]);
  });

  it('an investigation completed 14 months in, recorded at 31 months: the reports due after the 14th month are closed as not due and no more fall due', async () => {
    const reference = newReference('ended-late');
    const receivedOn = await today();
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep(`${31 * 31} days`);
    const completedOn = addCalendarMonths(receivedOn, 14);
    const m = await matterEvent(reference, 'investigation-completed', { occurredAt: `${completedOn}T12:00:00Z` });
    expect(m.openDeadlines.some((d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat')).toBe(false);
    const [event] = await auditDetails(reference, 'event:investigation-completed');
    const notDue = event.details.notDue as string[];
    expect(notDue.length).toBeGreaterThanOrEqual(3); // due at 18, 24 and 30 months (and 36 if already set)
    const due = (await timelinessMessages(reference)).map((o) => String(o.payload.dueDate));
    const before = due.length;
    await h.env.sleep('400 days');
    const after = (await timelinessMessages(reference)).map((o) => String(o.payload.dueDate));
    expect(after.length).toBe(before);
    expect(after.filter((d) => compareIsoDates(d, completedOn) <= 0)).toEqual([addCalendarMonths(receivedOn, 12)]);
  });

  it("the complainant's updates stop at the day the outcome was given, recorded late: none falls due after it (CMR reg 34)", async () => {
    const reference = newReference('outcome-late');
    const receivedOn = await today();
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    await h.env.sleep('150 days');
    const updatesOwed = async () => (await h.outbox(reference)).filter((o) => o.purpose === 'escalation' && /complainant/i.test(String(o.payload.deadline))).map((o) => String(o.payload.dueDate));
    expect((await updatesOwed()).length).toBeGreaterThanOrEqual(5);
    const givenOn = addCalendarDays(receivedOn, 45);
    const m = await matterEvent(reference, 'complainant-outcome-sent', { occurredAt: `${givenOn}T12:00:00Z`, note: 'outcome letter with review rights' });
    expect(m.openDeadlines.filter((d) => d.ruleId === 'complainantUpdate')).toEqual([]);
    const [event] = await auditDetails(reference, 'event:complainant-outcome-sent');
    expect((event.details.notDue as string[]).length).toBeGreaterThanOrEqual(4);
    const before = await updatesOwed();
    await h.env.sleep('150 days');
    expect(await updatesOwed()).toEqual(before);
    expect((await h.matter(reference)).openDeadlines.filter((d) => d.ruleId === 'complainantUpdate')).toEqual([]);
  });
});
