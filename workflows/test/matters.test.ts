import { londonDateOf, addCalendarMonths, addCalendarDays } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { matterWorkflowId, recordMatterDecision, recordMatterEvent, subjectWorkflowId } from '@conduct/workflows';
import { SubjectTracksActivitiesService } from '../../apps/worker/src/activities/subject-tracks.activities';
import { CASE_OFFICER, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const cal = englandAndWalesCalendar();
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const today = async () => londonDateOf(await h.env.currentTimeMs());
const matterEvent = async (reference: string, event: string, note?: string) =>
  h.env.client.workflow.getHandle(matterWorkflowId(reference)).executeUpdate(recordMatterEvent, { args: [{ event: event as never, note, occurredAt: await at(), actor: CASE_OFFICER }] });

describe('the matter as a whole', () => {
  it('a complaint: the complainant is updated every 4 weeks, and a missed update is escalated', async () => {
    const reference = newReference('complaint');
    const receivedOn = await today();
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    let m = await h.matter(reference);
    expect(m.openDeadlines.find((d) => d.ruleId === 'complainantUpdate')!.dueDate).toBe(addCalendarDays(receivedOn, 28));
    await h.env.sleep('20 days');
    const updatedOn = await today();
    m = await matterEvent(reference, 'complainant-updated', 'told: investigation under way, interview next month');
    expect(m.openDeadlines.find((d) => d.ruleId === 'complainantUpdate')!.dueDate).toBe(addCalendarDays(updatedOn, 28));
    await h.env.sleep('30 days');
    const escalations = (await h.outbox(reference)).filter((o) => o.purpose === 'escalation');
    expect(escalations.map((e) => e.payload.deadline)).toEqual([expect.stringMatching(/complainant/i)]);
    m = await h.matter(reference);
    expect(m.openDeadlines.filter((d) => d.ruleId === 'complainantUpdate')).toHaveLength(1);
    const refused = await matterEvent(reference, 'complainant-updated').catch((e) => e.cause);
    expect(refused.message).toMatch(/what the complainant was told/);
  });

  it('a complaint open for three years with 4-weekly updates keeps its history short by continuing as new, carrying its deadlines', async () => {
    const reference = newReference('long');
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }, { historyLimit: 150 });
    const handle = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    const firstRun = (await handle.describe()).runId;
    let longest = 0;
    for (let i = 0; i < 39; i++) {
      await h.env.sleep('27 days');
      await matterEvent(reference, 'complainant-updated', `update ${i + 1}`);
      longest = Math.max(longest, (await handle.describe()).historyLength);
    }
    const described = await handle.describe();
    expect(described.runId).not.toBe(firstRun);
    expect(longest).toBeLessThan(250);
    const m = await h.matter(reference);
    expect(m.stage).toBe('investigation');
    expect(m.openDeadlines.filter((d) => d.ruleId === 'complainantUpdate')).toHaveLength(1);
    expect(m.openDeadlines.filter((d) => d.ruleId === 'timelinessReportRepeat')).toHaveLength(1);
    const timeliness = (await h.outbox(reference)).filter((o) => o.purpose === 'timeliness-report-due');
    // 39 × 27 days is 34½ months: reports at 12, 18, 24 and 30 months, each to the local policing body and the DG (CMR reg 13)
    expect(timeliness.filter((t) => t.recipient === 'local-policing-body')).toHaveLength(4);
    expect(timeliness.filter((t) => t.recipient === 'iopc')).toHaveLength(4);
    expect((await h.audit(reference)).filter((a) => a.action === 'event:complainant-updated')).toHaveLength(39);
  });

  it('the timeliness report is due 12 months after the matter reached the appropriate authority, then every 6 months (CR reg 19 / CMR reg 13)', async () => {
    const reference = newReference('timely');
    const receivedOn = await today();
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    let m = await h.matter(reference);
    expect(m.openDeadlines.find((d) => d.ruleId === 'timelinessReport')!.dueDate).toBe(addCalendarMonths(receivedOn, 12));
    await h.env.sleep('370 days');
    m = await matterEvent(reference, 'timeliness-report-sent', 'dates, progress, reasons for delay, next steps');
    expect(m.openDeadlines.find((d) => d.ruleId === 'timelinessReportRepeat')!.dueDate).toBe(addCalendarMonths(addCalendarMonths(receivedOn, 12), 6));
  });

  it('a recordable conduct matter in a serious category must be referred to the IOPC, whose Director General decides the mode of investigation', async () => {
    const reference = newReference('iopc');
    await h.refer({ reference, kind: 'recordable-conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), recordableCategories: ['serious-corruption'], subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    let m = await h.matter(reference);
    expect(m).toMatchObject({ stage: 'awaiting-mode-of-investigation', iopcReferralRequired: true, modeOfInvestigation: null });
    expect(m.openDeadlines.map((d) => d.ruleId)).toContain('iopcReferral');
    m = await matterEvent(reference, 'referred-to-iopc');
    const handle = h.env.client.workflow.getHandle(matterWorkflowId(reference));
    m = await handle.executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode: 'independent', occurredAt: await at(), actor: { id: 'iopc', role: 'oversight' } }] });
    expect(m).toMatchObject({ stage: 'investigation', modeOfInvestigation: 'independent' });
    const again = await handle.executeUpdate(recordMatterDecision, { args: [{ decision: 'mode-of-investigation', rationale: 'the Director General\'s reasons for the mode', mode: 'local', occurredAt: await at(), actor: { id: 'iopc', role: 'oversight' } }] }).catch((e) => e.cause);
    expect(again.details[0]).toMatchObject({ rule: 'mode-of-investigation-once', regulation: 'Sch3 para 15' });
  });

  it('a matter with several subjects closes when the last track closes; a complaint then owes the complainant the outcome within 5 working days', async () => {
    const reference = newReference('many');
    await h.refer({ reference, kind: 'complaint', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'a', kind: 'police-officer' }, { subjectId: 'b', kind: 'police-staff' }] });
    await h.waitForSubject(reference, 'a');
    await h.waitForSubject(reference, 'b');
    await h.decide(reference, 'a', { decision: 'severity-assessment', severity: 'neither', routeIfNeither: 'reflective-practice', occurredAt: await at() });
    await h.env.sleep('1 day');
    expect((await h.matter(reference)).stage).toBe('investigation');
    await h.decide(reference, 'b', { decision: 'severity-assessment', severity: 'neither', occurredAt: await at() });
    await h.env.sleep('1 day');
    const m = await h.matter(reference);
    expect(m.stage).toBe('closed');
    const outcome = m.openDeadlines.find((d) => d.ruleId === 'complainantOutcome')!;
    expect(outcome.dueDate).toBe(cal.addWorkingDays(outcome.trigger, 5));
    const sent = await matterEvent(reference, 'complainant-outcome-sent', 'outcome letter with review rights');
    expect(sent.openDeadlines.find((d) => d.ruleId === 'reviewApplication')!.dueDate).toBe(addCalendarDays(await today(), 28));
  });

  it("each subject's track is a workflow of its own, started once: a retried start finds the first and leaves it be", async () => {
    const reference = newReference('tracks');
    await h.refer({ reference, kind: 'conduct-matter', forceId: 'f', appropriateAuthority: 'CC', receivedOn: await today(), subjects: [{ subjectId: 'a', kind: 'police-officer' }] });
    await h.waitForSubject(reference, 'a');
    const track = h.env.client.workflow.getHandle(subjectWorkflowId(reference, 'a'));
    const first = await track.describe();
    expect(first.status.name).toBe('RUNNING');
    expect(first.parentExecution).toBeUndefined();
    const input = { matterReference: reference, matterWorkflowId: matterWorkflowId(reference), matterKind: 'conduct-matter' as const, regime: 'conduct-regulations' as const, forceId: 'f', receivedOn: await today(), subject: { subjectId: 'a', kind: 'police-officer' as const } };
    const tracks = new SubjectTracksActivitiesService(h.env.client);
    await tracks.startSubjectTracks([{ workflowId: track.workflowId, taskQueue: h.taskQueue, input }]);
    expect((await track.describe()).runId).toBe(first.runId);
    // A track whose matter was terminated has nobody to tell, and is not held up by it.
    await expect(tracks.tellMatter({ matterWorkflowId: matterWorkflowId(newReference('gone')), subjectId: 'a', outcome: null, closedBecause: null, finished: true })).resolves.toBeUndefined();
  });
});
