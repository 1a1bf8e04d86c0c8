import type { AuditRecord, Deadline, DeadlineRequest, OutboxRecord, SubjectInput, SubjectState } from '../types';
import { subjectTrack } from './track';
import { newSubjectState } from './state';

// What each step does to a subject's track, without Temporal: the calendar and the database are fakes.
const input: SubjectInput = {
  matterReference: 'M-2026-001',
  matterWorkflowId: 'matter-M-2026-001',
  matterKind: 'conduct-matter' as SubjectInput['matterKind'],
  regime: 'conduct' as SubjectInput['regime'],
  forceId: 'force-1',
  receivedOn: '2023-01-05',
  subject: { subjectId: 'PC-1', kind: 'police-officer', rank: 'PC', name: 'A Person', dateOfBirth: '1980-01-01' },
};
const actor = { id: 'co-1', role: 'case-officer' } as never;

function state(over: Partial<SubjectState> = {}): SubjectState {
  return { ...newSubjectState(), stage: 'investigation', ...over };
}

function harness(s: SubjectState, takesPatches = true) {
  const asked: DeadlineRequest[] = [];
  const written: { lines: AuditRecord[]; outbox: OutboxRecord[] }[] = [];
  const track = subjectTrack(input, 'subject-PC-1', s, {
    computeDeadlines: async (requests) => {
      asked.push(...requests);
      return requests.map((r): Deadline => ({ key: r.key, ruleId: r.ruleId, name: r.ruleId, regulation: 'reg', trigger: r.trigger, dueDate: '2023-03-09', dueAt: '2023-03-09T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: false }));
    },
    record: async (lines, outbox = []) => {
      s.revision += 1;
      written.push({ lines, outbox });
    },
    updateId: () => 'update-1',
    patched: () => takesPatches,
  });
  const sent = () => written.flatMap((w) => w.outbox).map((m) => `${m.purpose} to ${m.recipient}`);
  return { track, asked, written, sent };
}

describe("a subject's track, step by step", () => {
  it('a resignation during a gross misconduct investigation is reported to the advisory list, and the case goes on', async () => {
    const s = state({ severity: 'gross-misconduct' });
    const { track, asked, sent } = harness(s);
    await track.recordSubjectEvent({ actor, occurredAt: '2023-03-02T10:00:00Z', event: 'resigned', allegationSummary: 'theft' });
    expect(asked.map((r) => r.key)).toEqual(['advisory-list-report']);
    expect(sent()).toEqual(['advisory-list-report to college-of-policing']);
    expect(s).toMatchObject({ stage: 'investigation', advisoryListReported: true, leftService: { how: 'resigned', on: '2023-03-02' } });
  });

  it('a resignation during a misconduct investigation ends the case and removes the advisory-list entry (CR reg 4, s.88L)', async () => {
    const s = state({ severity: 'misconduct' });
    const { track, asked, sent } = harness(s);
    await track.recordSubjectEvent({ actor, occurredAt: '2023-03-02T10:00:00Z', event: 'retired' });
    expect(asked.map((r) => r.key)).toEqual(['advisory-list-report', 'advisory-list-removal']);
    expect(sent()).toEqual(['advisory-list-report to college-of-policing', 'advisory-list-removal to college-of-policing']);
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'former-officer-no-gross-misconduct', advisoryListRemovalReported: true });
  });

  it('a dismissal without notice is reported to the barred list within its deadline (reg 3)', async () => {
    const s = state({ stage: 'misconduct-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', proceedingsHeldOn: '2023-03-01' });
    const { track, sent, written } = harness(s);
    const view = await track.decide({ actor, occurredAt: '2023-03-02T10:00:00Z', decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'assault' });
    expect(sent()).toEqual(['barred-list-report to college-of-policing']);
    expect(s.barredListReportDue).toBe('2023-03-09');
    expect(view).toMatchObject({ stage: 'outcome', outcome: 'dismissal-without-notice' });
    expect(written[0].lines[0]).toMatchObject({ action: 'decision:outcome', idempotencyKey: 'subject-PC-1:update-1' });
  });

  it('a retried command is answered with the track as it is, not applied twice', async () => {
    const s = state({ severity: 'gross-misconduct', appliedCommands: ['key-1'] });
    const { track, written } = harness(s);
    const view = await track.recordSubjectEvent({ actor, occurredAt: '2023-03-02T10:00:00Z', event: 'resigned', commandId: 'key-1' });
    expect(written).toEqual([]);
    expect(view.leftService).toBeNull();
  });

  it('an officer placed on restricted duties or redeployed is not suspended: no suspension review falls due (CR reg 11(4)(a))', async () => {
    const s = state({ severity: 'gross-misconduct' });
    const { track, asked, written } = harness(s);
    let view = await track.recordSubjectEvent({ actor, occurredAt: '2023-03-02T10:00:00Z', event: 'placed-on-restricted-duties' });
    expect(view).toMatchObject({ duties: 'restricted', suspended: false });
    view = await track.recordSubjectEvent({ actor, occurredAt: '2023-03-03T10:00:00Z', event: 'redeployed' });
    expect(view.duties).toBe('redeployed');
    expect(asked).toEqual([]);
    expect(view.openDeadlines).toEqual([]);
    view = await track.recordSubjectEvent({ actor, occurredAt: '2023-03-04T10:00:00Z', event: 'returned-to-full-duties' });
    expect(view.duties).toBe('full');
    expect(written.map((w) => w.lines[0]).map((l) => [l.action, l.regulation])).toEqual([
      ['event:placed-on-restricted-duties', 'CR reg 11(4)(a)'],
      ['event:redeployed', 'CR reg 11(4)(a)'],
      ['event:returned-to-full-duties', 'CR reg 11(4)(a)'],
    ]);
  });

  it('an officer on restricted duties who is then suspended is suspended, with the 4-week review (CR reg 11)', async () => {
    const s = state({ severity: 'gross-misconduct', restrictedDuties: 'restricted' });
    const { track, asked } = harness(s);
    const view = await track.recordSubjectEvent({ actor, occurredAt: '2023-03-02T10:00:00Z', event: 'suspended' });
    expect(view.duties).toBe('suspended');
    expect(asked.map((r) => r.ruleId)).toEqual(['suspensionReview']);
  });

  describe('when an appeal changes the outcome', () => {
    const warningLive = (ruleId: Deadline['ruleId'], dueDate: string): Deadline => ({
      key: 'warning-live', ruleId, name: ruleId, regulation: 'CR reg 42', trigger: '2023-03-02', dueDate, dueAt: `${dueDate}T22:59:59.999Z`, reminded: true, status: 'open', extensions: [], target: false,
    });
    const owedReport = (): Deadline => ({ key: 'barred-list-report', ruleId: 'barredListReport', name: 'barred', regulation: 'BL&AL Regs reg 3', trigger: '2023-03-01', dueDate: '2023-03-06', dueAt: '2023-03-06T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: false });
    const onAppeal = (over: Partial<SubjectState>) =>
      state({ stage: 'appeal', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', proceedingsHeldOn: '2023-02-27', outcomeNotifiedOn: '2023-03-02', appealLodged: true, ...over });
    const determine = (over: Record<string, unknown>) => ({ actor, occurredAt: '2023-04-01T10:00:00Z', decision: 'appeal-determination' as const, result: 'allowed' as const, ...over });

    it('a written warning quashed on appeal is no longer in force: its period is cleared and its deadline cancelled, with an audit line', async () => {
      const s = onAppeal({ form: 'misconduct-meeting', caseToAnswer: 'misconduct', outcome: 'written-warning', warningLiveUntil: '2024-09-01', deadlines: [warningLive('writtenWarningLive', '2024-09-01')] });
      const { track, written } = harness(s);
      const view = await track.decide(determine({}));
      expect(view).toMatchObject({ stage: 'closed', outcome: 'no-action', warningLiveUntil: null });
      expect(s.deadlines.find((d) => d.key === 'warning-live')!.status).toBe('cancelled');
      expect(written[0].lines.map((l) => l.action)).toEqual(['decision:appeal-determination', 'warning-quashed']);
      expect(written[0].lines[1]).toMatchObject({ actor: 'co-1', idempotencyKey: 'subject-PC-1:update-1:warning-quashed', details: { was: '2024-09-01' } });
    });

    it('a final written warning reduced to a written warning is in force 18 months from the original notification, not 2 years', async () => {
      const s = onAppeal({ form: 'misconduct-meeting', caseToAnswer: 'misconduct', outcome: 'final-written-warning', warningLiveUntil: '2025-03-01', deadlines: [warningLive('finalWrittenWarningLive', '2025-03-01')] });
      const { track, written } = harness(s);
      const view = await track.decide(determine({ substitutedOutcome: 'written-warning' }));
      expect(view).toMatchObject({ outcome: 'written-warning', warningLiveUntil: '2024-09-01' });
      expect(view.openDeadlines.find((d) => d.key === 'warning-live')).toMatchObject({ ruleId: 'writtenWarningLive', trigger: '2023-03-02', dueDate: '2024-09-01' });
      expect(written[0].lines.map((l) => l.action)).toEqual(['decision:appeal-determination', 'warning-period-recounted']);
    });

    it('a dismissal overturned on appeal is reported to the College of Policing to remove the barred-list entry, and the first report is no longer owed (reg 5)', async () => {
      const s = onAppeal({ outcome: 'dismissal-without-notice', barredListReportDue: '2023-03-06', listReports: { 'barred-list-report': { payload: {}, corrections: 0 } }, deadlines: [owedReport()] });
      const { track, asked, sent, written } = harness(s);
      const view = await track.decide(determine({ substitutedOutcome: 'final-written-warning' }));
      expect(asked.map((r) => r.key)).toEqual(['barred-list-removal', 'appeal-decision-notice']);
      expect(sent()).toEqual(['barred-list-removal to college-of-policing']);
      const removal = written[0].outbox[0];
      expect(removal).toMatchObject({ idempotencyKey: 'M-2026-001:PC-1:barred-list-removal', payload: { fullName: 'A Person', dismissalOverturned: 'dismissal-without-notice', outcome: 'final-written-warning', decidedOn: '2023-04-01', dueDate: '2023-03-09' } });
      expect(s.deadlines.find((d) => d.key === 'barred-list-report')!.status).toBe('cancelled');
      expect(view.openDeadlines.map((d) => d.key)).toEqual(expect.arrayContaining(['barred-list-removal', 'warning-live']));
      expect(view).toMatchObject({ stage: 'closed', warningLiveUntil: '2025-03-01' });
      expect(written[0].lines.map((l) => l.action)).toEqual(['decision:appeal-determination', 'warning-period-recounted', 'barred-list-removal-reported']);
    });

    it('a dismissal substituted on appeal is reported to the barred list as any dismissal is (reg 3)', async () => {
      const s = onAppeal({ outcome: 'final-written-warning', warningLiveUntil: '2025-03-01', deadlines: [warningLive('finalWrittenWarningLive', '2025-03-01')] });
      const { track, sent, written } = harness(s);
      const view = await track.decide(determine({ substitutedOutcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached: ['use-of-force'] }));
      expect(sent()).toEqual(['barred-list-report to college-of-policing']);
      expect(written[0].outbox[0].payload).toMatchObject({ outcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached: ['use-of-force'], decidedOn: '2023-04-01' });
      expect(view).toMatchObject({ outcome: 'dismissal-without-notice', warningLiveUntil: null });
      expect(view.openDeadlines.map((d) => d.key)).toContain('barred-list-report');
    });

    it('a track that determined its appeal before the change (no patch in its history) leaves the warning and the reports as they were, so its history still replays', async () => {
      const s = onAppeal({ outcome: 'dismissal-without-notice', deadlines: [owedReport()] });
      const { track, asked, sent } = harness(s, false);
      await track.decide(determine({ substitutedOutcome: 'final-written-warning' }));
      expect(asked.map((r) => r.key)).toEqual(['appeal-decision-notice']);
      expect(sent()).toEqual([]);
      expect(s.deadlines.find((d) => d.key === 'barred-list-report')!.status).toBe('open');
    });
  });

  describe('when a period passes', () => {
    // Fell due yesterday, whatever day the test runs.
    const passed = new Date(Date.now() - 86_400_000).toISOString();
    const due = (key: string, ruleId: Deadline['ruleId']): Deadline => ({
      key, ruleId, name: ruleId, regulation: 'reg', trigger: '2023-01-05', dueDate: passed.slice(0, 10), dueAt: passed, reminded: true, status: 'open', extensions: [], target: false,
    });

    it("the officer's representations period closes: the officer may let it pass, so nothing is escalated (CR reg 18); an unserved notice is escalated", async () => {
      const s = state({ deadlines: [due('representations', 'representations'), due('notice-of-investigation', 'noticeOfInvestigation')] });
      const { track, sent, written } = harness(s);
      await track.fireTimers();
      expect(s.deadlines.map((d) => [d.key, d.status])).toEqual([['representations', 'met'], ['notice-of-investigation', 'missed']]);
      expect(sent()).toEqual(['escalation to appropriate-authority']);
      expect(written[0].lines.map((l) => l.action.split(':')[0])).toEqual(['window-closed', 'deadline-missed']);
    });

    it('a notice served in time but typed in after its escalation: the deadline is met, the correction is audited with the step, and the appropriate authority is told', async () => {
      const s = state({ deadlines: [due('notice-of-investigation', 'noticeOfInvestigation')] });
      const { track, sent, written } = harness(s);
      await track.fireTimers();
      const servedAt = new Date(Date.parse(passed) - 3_600_000).toISOString();
      await track.recordSubjectEvent({ actor, occurredAt: servedAt, event: 'notice-of-investigation-served' });
      expect(s.deadlines.find((d) => d.key === 'notice-of-investigation')).toMatchObject({ status: 'met', settledAt: servedAt });
      expect(written[1].lines.map((l) => `${l.action.split(':')[0]} by ${l.actor}`)).toEqual(['event by co-1', 'deadline-corrected by co-1']);
      expect(sent()).toEqual(['escalation to appropriate-authority', 'escalation-withdrawn to appropriate-authority']);
    });

    it('a withdrawal dated before the notice fell due, typed in after it was escalated: the case closed first, so the notice was not owed, and the escalation is withdrawn (CR reg 27)', async () => {
      const s = state({ severity: 'misconduct', deadlines: [due('notice-of-investigation', 'noticeOfInvestigation')] });
      const { track, sent } = harness(s);
      await track.fireTimers();
      await track.decide({ actor, occurredAt: new Date(Date.parse(passed) - 2 * 86_400_000).toISOString(), decision: 'withdrawal', route: 'reflective-practice', reason: 'evidence withdrawn' });
      expect(s.deadlines.find((d) => d.key === 'notice-of-investigation')).toMatchObject({ status: 'cancelled', corrections: [expect.objectContaining({ from: 'missed', to: 'cancelled' })] });
      expect(sent()).toEqual(['escalation to appropriate-authority', 'withdrawal-notice to officer', 'escalation-withdrawn to appropriate-authority']);
    });

    it('a track that ran before the judging change closes a missed deadline only when open, as it did', async () => {
      const s = state({ deadlines: [due('notice-of-investigation', 'noticeOfInvestigation')] });
      const { track, sent } = harness(s, false);
      await track.fireTimers();
      await track.recordSubjectEvent({ actor, occurredAt: new Date(Date.parse(passed) - 3_600_000).toISOString(), event: 'notice-of-investigation-served' });
      expect(s.deadlines.find((d) => d.key === 'notice-of-investigation')?.status).toBe('missed');
      expect(sent()).toEqual(['escalation to appropriate-authority']);
    });

    it("a track that ran before the change (no patch in its history) escalates the officer's periods as it did then, so its history still replays", async () => {
      const s = state({ deadlines: [due('representations', 'representations'), due('appeal-window', 'appealFromMeeting')] });
      const { track, sent } = harness(s, false);
      await track.fireTimers();
      expect(s.deadlines.map((d) => [d.key, d.status])).toEqual([['representations', 'missed'], ['appeal-window', 'met']]);
      expect(sent()).toEqual(['escalation to appropriate-authority']);
    });
  });
});
