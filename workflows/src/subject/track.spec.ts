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
  receivedOn: '2026-01-05',
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
      return requests.map((r): Deadline => ({ key: r.key, ruleId: r.ruleId, name: r.ruleId, regulation: 'reg', trigger: r.trigger, dueDate: '2026-03-09', dueAt: '2026-03-09T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: false }));
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
    await track.recordSubjectEvent({ actor, occurredAt: '2026-03-02T10:00:00Z', event: 'resigned', allegationSummary: 'theft' });
    expect(asked.map((r) => r.key)).toEqual(['advisory-list-report']);
    expect(sent()).toEqual(['advisory-list-report to college-of-policing']);
    expect(s).toMatchObject({ stage: 'investigation', advisoryListReported: true, leftService: { how: 'resigned', on: '2026-03-02' } });
  });

  it('a resignation during a misconduct investigation ends the case and removes the advisory-list entry (CR reg 4, s.88L)', async () => {
    const s = state({ severity: 'misconduct' });
    const { track, asked, sent } = harness(s);
    await track.recordSubjectEvent({ actor, occurredAt: '2026-03-02T10:00:00Z', event: 'retired' });
    expect(asked.map((r) => r.key)).toEqual(['advisory-list-report', 'advisory-list-removal']);
    expect(sent()).toEqual(['advisory-list-report to college-of-policing', 'advisory-list-removal to college-of-policing']);
    expect(s).toMatchObject({ stage: 'closed', closedBecause: 'former-officer-no-gross-misconduct', advisoryListRemovalReported: true });
  });

  it('a dismissal without notice is reported to the barred list within its deadline (reg 3)', async () => {
    const s = state({ stage: 'misconduct-hearing', severity: 'gross-misconduct', caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', proceedingsHeldOn: '2026-03-01' });
    const { track, sent, written } = harness(s);
    const view = await track.decide({ actor, occurredAt: '2026-03-02T10:00:00Z', decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'assault' });
    expect(sent()).toEqual(['barred-list-report to college-of-policing']);
    expect(s.barredListReportDue).toBe('2026-03-09');
    expect(view).toMatchObject({ stage: 'outcome', outcome: 'dismissal-without-notice' });
    expect(written[0].lines[0]).toMatchObject({ action: 'decision:outcome', idempotencyKey: 'subject-PC-1:update-1' });
  });

  it('a retried command is answered with the track as it is, not applied twice', async () => {
    const s = state({ severity: 'gross-misconduct', appliedCommands: ['key-1'] });
    const { track, written } = harness(s);
    const view = await track.recordSubjectEvent({ actor, occurredAt: '2026-03-02T10:00:00Z', event: 'resigned', commandId: 'key-1' });
    expect(written).toEqual([]);
    expect(view.leftService).toBeNull();
  });

  describe('when a period passes', () => {
    // Fell due yesterday, whatever day the test runs.
    const passed = new Date(Date.now() - 86_400_000).toISOString();
    const due = (key: string, ruleId: Deadline['ruleId']): Deadline => ({
      key, ruleId, name: ruleId, regulation: 'reg', trigger: '2026-01-05', dueDate: passed.slice(0, 10), dueAt: passed, reminded: true, status: 'open', extensions: [], target: false,
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
