import { endOfLondonDay } from '@conduct/domain';
import { daysFromToday } from '../../../test/support/dates';
import type { AuditRecord, Deadline, DeadlineRequest, MatterInput, MatterReferral, MatterState, OutboxRecord } from '../types';
import { INVESTIGATION_COMPLETED_ENDS_TIMELINESS, matterDuties, MODE_RATIONALE_RECORDED, TIMELINESS_STARTS_WHEN_COMPLAINT_MADE } from './duties';
import { newMatterState } from './state';

// What each of the matter's own steps does, without Temporal: the calendar and the database are fakes.
const actor = { id: 'aa-1', role: 'appropriate-authority' } as MatterReferral['referredBy'];
const receivedOn = daysFromToday(-200);
const at = (day: string) => `${day}T10:00:00Z`;

function referral(over: Partial<MatterReferral> = {}): MatterReferral {
  return { reference: 'M-1', kind: 'conduct-matter', forceId: 'force-1', appropriateAuthority: 'aa', receivedOn, subjects: [{ subjectId: 'PC-1', kind: 'police-officer' }], referredBy: actor, referredAt: at(receivedOn), ...over } as MatterReferral;
}

/** The calendar: each deadline falls due `dueIn` days after today (negative: already passed), unless said otherwise per key. */
function harness(input: MatterInput, opts: { patched?: (id: string) => boolean; dueIn?: Record<string, number>; graceMs?: number } = {}) {
  const s: MatterState = input.state ?? newMatterState(input.referral);
  const asked: DeadlineRequest[] = [];
  const written: { lines: AuditRecord[]; outbox: OutboxRecord[]; revision: number }[] = [];
  const duties = matterDuties(input, 'matter-M-1', s, {
    computeDeadlines: async (requests) => {
      asked.push(...requests);
      return requests.map((r): Deadline => {
        const dueDate = daysFromToday(opts.dueIn?.[r.key] ?? 30);
        return { key: r.key, ruleId: r.ruleId, name: r.ruleId, regulation: 'reg', trigger: r.trigger, dueDate, dueAt: endOfLondonDay(dueDate), reminded: true, status: 'open', extensions: [], target: false, ...(opts.graceMs !== undefined ? { backdatedGraceMs: opts.graceMs } : {}) };
      });
    },
    recordChange: async ({ snapshot, audit, outbox }) => {
      written.push({ lines: audit, outbox, revision: snapshot.revision });
    },
    updateId: () => 'update-1',
    patched: opts.patched ?? (() => true),
  });
  const sent = () => written.flatMap((w) => w.outbox).map((m) => `${m.idempotencyKey} to ${m.recipient}`);
  const actions = () => written.flatMap((w) => w.lines).map((l) => l.action);
  return { s, duties, asked, written, sent, actions };
}

describe("a matter's own duties, step by step", () => {
  it('a complaint referred sets its first timeliness report and complainant update, and records the referral under its one key', async () => {
    const { duties, asked, written } = harness({ referral: referral({ kind: 'complaint' }) });
    await duties.refer();
    expect(asked.map((r) => `${r.key} from ${r.trigger}`)).toEqual([`timeliness-report-1 from ${receivedOn}`, `complainant-update-1 from ${receivedOn}`]);
    expect(written).toHaveLength(1);
    expect(written[0].revision).toBe(1);
    expect(written[0].lines[0]).toMatchObject({ idempotencyKey: 'matter-M-1:matter-referred', action: 'matter-referred', rule: null, details: { kind: 'complaint', subjects: 1 } });
  });

  it('a DSI matter referred owes the IOPC referral, recorded as mandatory', async () => {
    const { duties, asked, written } = harness({ referral: referral({ kind: 'dsi-matter' }) });
    await duties.refer();
    expect(asked.map((r) => r.key)).toEqual(['timeliness-report-1', 'iopc-referral']);
    expect(written[0].lines[0]).toMatchObject({ rule: 'mandatory-iopc-referral', regulation: 'PRA 2002 Sch 3 para 14C' });
  });

  it("the Director General's mode of investigation meets the IOPC referral deadline, keyed by the update when the command has no id", async () => {
    const { s, duties, written } = harness({ referral: referral({ kind: 'dsi-matter' }) });
    await duties.refer();
    const view = await duties.decide({ actor, occurredAt: at(daysFromToday(-1)), decision: 'mode-of-investigation', mode: 'independent' });
    expect(view).toMatchObject({ stage: 'investigation', modeOfInvestigation: 'independent' });
    expect(s.deadlines.find((d) => d.key === 'iopc-referral')?.status).toBe('met');
    expect(written[1].lines[0]).toMatchObject({ idempotencyKey: 'matter-M-1:update-1', action: 'decision:mode-of-investigation', regulation: 'Sch3 para 15' });
  });

  it("the mode of investigation records its rationale from the patch on; a run from before records the mode only", async () => {
    const decided = async (patched: boolean) => {
      const { duties, written } = harness({ referral: referral({ kind: 'dsi-matter' }) }, { patched: (id) => id !== MODE_RATIONALE_RECORDED || patched });
      await duties.refer();
      await duties.decide({ actor, occurredAt: at(daysFromToday(-1)), decision: 'mode-of-investigation', mode: 'directed', rationale: 'Serious injury in custody' });
      return written[1].lines[0].details;
    };
    expect(await decided(true)).toEqual({ mode: 'directed', rationale: 'Serious injury in custody' });
    expect(await decided(false)).toEqual({ mode: 'directed' });
  });

  it('a retried command is answered with the view and applied once', async () => {
    const { duties, written } = harness({ referral: referral({ kind: 'dsi-matter' }) });
    await duties.refer();
    const cmd = { actor, occurredAt: at(daysFromToday(-1)), decision: 'mode-of-investigation' as const, mode: 'directed' as const, commandId: 'key-1' };
    await duties.decide(cmd);
    await duties.decide(cmd);
    expect(written).toHaveLength(2);
  });

  it('a deadline a back-dated referral set already past waits for the grace before it escalates', async () => {
    const { s, duties, sent } = harness({ referral: referral() }, { dueIn: { 'timeliness-report-1': -3 } });
    await duties.refer();
    await duties.fireTimers();
    expect(s.deadlines.find((d) => d.key === 'timeliness-report-1')).toMatchObject({ status: 'open', heldUntil: expect.any(String) });
    expect(sent()).toEqual([]);
  });

  it('a timeliness report that passes is escalated, goes due to the local policing body, and the next is set from its due date (CR reg 19)', async () => {
    const { s, duties, asked, sent, actions } = harness({ referral: referral() }, { dueIn: { 'timeliness-report-1': -3 }, graceMs: 0 });
    await duties.refer();
    await duties.fireTimers();
    expect(s.deadlines.find((d) => d.key === 'timeliness-report-1')?.status).toBe('missed');
    expect(sent()).toEqual(['M-1:matter:escalation:timeliness-report-1 to appropriate-authority', 'M-1:matter:timeliness-report-due:timeliness-report-1 to local-policing-body']);
    expect(actions()).toContain('deadline-missed:timeliness-report-1');
    expect(asked.at(-1)).toEqual({ key: 'timeliness-report-2', ruleId: 'timelinessReportRepeat', trigger: daysFromToday(-3) });
  });

  it('the investigation completed ends the timeliness series at its day; before the patch it changed nothing', async () => {
    const completed = { actor, occurredAt: at(daysFromToday(-1)), event: 'investigation-completed' as const };
    const taken = harness({ referral: referral() });
    await taken.duties.refer();
    await taken.duties.recordEvent(completed);
    expect(taken.s.investigationCompletedOn).toBe(daysFromToday(-1));
    expect(taken.s.deadlines.find((d) => d.key === 'timeliness-report-1')?.status).toBe('cancelled');

    const older = harness({ referral: referral() }, { patched: (id) => id !== INVESTIGATION_COMPLETED_ENDS_TIMELINESS });
    await older.duties.refer();
    await older.duties.recordEvent(completed);
    expect(older.s.investigationCompletedOn).toBeUndefined();
    expect(older.s.deadlines.find((d) => d.key === 'timeliness-report-1')?.status).toBe('open');
  });

  it("the complainant's outcome ends their updates and opens the review period (CMR reg 34)", async () => {
    const { s, duties, asked } = harness({ referral: referral({ kind: 'complaint' }) });
    await duties.refer();
    await duties.recordEvent({ actor, occurredAt: at(daysFromToday(-1)), event: 'complainant-outcome-sent' });
    expect(s.complaintOutcomeGivenOn).toBe(daysFromToday(-1));
    expect(s.deadlines.find((d) => d.key === 'complainant-update-1')?.status).toBe('cancelled');
    expect(asked.at(-1)).toEqual({ key: 'review-application', ruleId: 'reviewApplication', trigger: daysFromToday(-1) });
  });

  it("a complaint closes on the day its last track closed: its own series end, and the complainant's outcome runs from that day", async () => {
    const { s, duties, asked, actions } = harness({ referral: referral({ kind: 'complaint', subjects: [{ subjectId: 'PC-1' }, { subjectId: 'PC-2' }] as MatterReferral['subjects'] }) });
    await duties.refer();
    s.subjects['PC-1'] = { ...s.subjects['PC-1'], closed: true, closedOn: daysFromToday(-10) };
    s.subjects['PC-2'] = { ...s.subjects['PC-2'], closed: true, closedOn: daysFromToday(-4) };
    expect(duties.allSubjectsClosed()).toBe(true);
    await duties.closeMatter();
    expect(s.stage).toBe('closed');
    expect(s.deadlines.filter((d) => d.key.startsWith('timeliness-report') || d.key.startsWith('complainant-update')).map((d) => d.status)).toEqual(['cancelled', 'cancelled']);
    expect(asked.at(-1)).toEqual({ key: 'complainant-outcome', ruleId: 'complainantOutcome', trigger: daysFromToday(-4) });
    expect(actions()).toContain('matter-closed');
  });

  it('an imported matter: what fell due before the import is missed quietly, nothing is sent for the past, all written in one change', async () => {
    const importedAt = new Date(Date.now() - 60_000).toISOString();
    const input: MatterInput = { referral: referral(), imported: { importedAt, fingerprint: 'f', steps: [], subjectSteps: {} } as unknown as MatterInput['imported'] };
    const { duties, written, sent } = harness(input, { dueIn: { 'timeliness-report-1': -3 }, graceMs: 0 });
    await duties.refer();
    await duties.applyImport(input.imported!);
    expect(written).toHaveLength(2);
    expect(written[1].lines.map((l) => l.action)).toContain('deadline-missed-before-import:timeliness-report-1');
    expect(sent()).toEqual([]);
  });
});

describe('timeliness reports per the regulations (CR reg 19; CMR reg 13)', () => {
  const madeOn = daysFromToday(-230);

  it('a complaint made before it reached the appropriate authority starts its first period on the day it was made (CMR reg 13)', async () => {
    const { duties, asked, written } = harness({ referral: referral({ kind: 'complaint', complaintMadeOn: madeOn }) });
    await duties.refer();
    expect(asked[0]).toEqual({ key: 'timeliness-report-1', ruleId: 'timelinessReport', trigger: madeOn });
    expect(written[0].lines[0].details).toMatchObject({ complaintMadeOn: madeOn, timelinessStartsOn: madeOn });
    expect(duties.view().timelinessStart).toEqual({ startsOn: madeOn, from: 'complaint-made', regulation: 'CMR reg 13' });
  });

  it('a run from before the patch starts it on the receipt, as it did', async () => {
    const { duties, asked } = harness({ referral: referral({ kind: 'complaint', complaintMadeOn: madeOn }) }, { patched: (id) => id !== TIMELINESS_STARTS_WHEN_COMPLAINT_MADE });
    await duties.refer();
    expect(asked[0].trigger).toBe(receivedOn);
  });

  it('under the Conduct Regulations a report withheld for prejudice settles the occurrence, with its reason, and the series goes on (CR reg 19(3))', async () => {
    const { s, duties, asked, written, sent } = harness({ referral: referral() }, { dueIn: { 'timeliness-report-1': 5 } });
    await duties.refer();
    await duties.recordEvent({ actor, occurredAt: at(daysFromToday(-1)), event: 'timeliness-report-withheld', note: 'a covert line of inquiry' });
    expect(s.deadlines.find((d) => d.key === 'timeliness-report-1')?.status).toBe('met');
    expect(asked.at(-1)).toMatchObject({ key: 'timeliness-report-2', ruleId: 'timelinessReportRepeat' });
    expect(written.at(-1)!.lines[0]).toMatchObject({ action: 'event:timeliness-report-withheld', regulation: 'CR reg 19(3)', details: { key: 'timeliness-report-1', reason: 'a covert line of inquiry', withheldFrom: ['local-policing-body'], settles: true } });
    expect(duties.view().timelinessReports).toEqual([{ key: 'timeliness-report-1', dueDate: daysFromToday(5), withheld: { on: daysFromToday(-1), from: ['local-policing-body'], reason: 'a covert line of inquiry', regulation: 'CR reg 19(3)' } }]);
    expect(sent()).toEqual([]);
  });

  it("in a force-run Schedule 3 investigation the local policing body's report is withheld, and when the Director General's is not sent it alone is told it is due (CMR reg 13)", async () => {
    const { s, duties, sent } = harness({ referral: referral({ kind: 'complaint' }) }, { dueIn: { 'timeliness-report-1': -3 }, graceMs: 0 });
    await duties.refer();
    await duties.recordEvent({ actor, occurredAt: at(daysFromToday(-4)), event: 'timeliness-report-withheld', note: 'a covert line of inquiry' });
    expect(s.deadlines.find((d) => d.key === 'timeliness-report-1')?.status).toBe('open');
    await duties.fireTimers();
    expect(sent().filter((m) => m.includes('timeliness-report-due'))).toEqual(['M-1:matter:timeliness-report-due:timeliness-report-1:iopc to iopc']);
  });

  it("a report sent records each officer's copy, one withheld under the harm test with its reason (CR reg 19(4))", async () => {
    const { duties, written } = harness({ referral: referral({ subjects: [{ subjectId: 'PC-1', kind: 'police-officer' }, { subjectId: 'PC-2', kind: 'police-officer' }] }) });
    await duties.refer();
    const officerCopies = [{ subjectId: 'PC-1', sent: true }, { subjectId: 'PC-2', sent: false, withheldReason: 'it would reveal a witness' }];
    await duties.recordEvent({ actor, occurredAt: at(daysFromToday(-1)), event: 'timeliness-report-sent', officerCopies });
    expect(written.at(-1)!.lines[0].details).toMatchObject({ key: 'timeliness-report-1', officerCopies });
    expect(duties.view().timelinessReports).toEqual([{ key: 'timeliness-report-1', dueDate: daysFromToday(30), sent: { on: daysFromToday(-1), officerCopies } }]);
  });
});
