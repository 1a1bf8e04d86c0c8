/**
 * What belongs to the matter as a whole, step by step: the referral and its own deadlines, the Director
 * General's mode of investigation, the matter's events (the IOPC referral, the investigation completed, the
 * complainant's updates and outcome, the timeliness reports), extensions, the timers of its deadlines, the
 * close, and the import of a matter brought in mid-way or closed. The workflow (matter.workflow.ts) runs these
 * as its update handlers and on its timer, after the checks in checks.ts; the calendar, the database and
 * Temporal's `patched` are reached through `ports`, so nothing here starts a timer or an activity of its own.
 */
import {
  IsoDate,
  PeriodicSeriesRuleId,
  ReferralGround,
  compareIsoDates,
  investigatorRegulation,
  londonDateOf,
  mustReferToIopc,
  periodicOccurrenceOwed,
  prejudiceExemption,
  regimeFor,
  timelinessDuty,
  timelinessStartsOn,
  voluntaryIopcReferral,
} from '@conduct/domain';
import * as book from '../deadline-book';
import * as judge from '../deadlines/judgement';
import { guardedValidator, snapshotOf } from '../handler-guard';
import * as ledger from '../ledger';
import { TIMER_SLACK_MS } from '../limits';
import { refusalOf } from '../subject/import';
import * as checks from './checks';
import { matterSnapshot, matterView } from './view';
import type {
  AuditRecord,
  CommandBase,
  Deadline,
  DeadlineRequest,
  ExtensionCommand,
  ImportedMatter,
  MatterDecisionCommand,
  MatterEventCommand,
  MatterInput,
  MatterSnapshot,
  MatterState,
  MatterView,
  OutboxRecord,
  RecordChange,
  TimelinessReportRecord,
} from '../types';

const TIMELINESS_SERIES: readonly PeriodicSeriesRuleId[] = ['timelinessReport', 'timelinessReportRepeat'];

/**
 * From this patch on, a referral to the IOPC that no category requires is accepted and recorded as
 * voluntary (PRA 2002 Sch 3 paras 4(2)/13(2)/14C(2)), and the matter then awaits the Director General's
 * decision on the mode of investigation (Sch3 para 15). The old code refused it in its validator, so no
 * recorded history holds one; the marker keeps the handler's new steps apart from any running workflow's.
 */
export const VOLUNTARY_IOPC_REFERRAL = 'voluntary-iopc-referral';
/**
 * From this patch on, the event 'investigation-completed' ends the timeliness series (CR reg 19 / CMR reg 13)
 * at the day the investigation was completed (its occurredAt, however late it is recorded): no report
 * falls due after it, and those raised for a later day are closed as not due.
 */
export const INVESTIGATION_COMPLETED_ENDS_TIMELINESS = 'investigation-completed-ends-timeliness-series';
/**
 * From this patch on, the Director General's decision on the mode of investigation records its rationale, when the
 * command gives one, in its audit line (as a subject's decisions record every field they carry).
 */
export const MODE_RATIONALE_RECORDED = 'mode-of-investigation-rationale-recorded';
/**
 * From this patch on, the outcome given to the complainant ends the series of progress updates (CMR reg 34)
 * at its occurredAt: no update falls due after that day, and those raised for a later day are closed as
 * not due. Behind `patched()` because the event was accepted before, and a running complaint whose update
 * then fell due set the next one.
 */
export const COMPLAINANT_OUTCOME_ENDS_UPDATES = 'complainant-outcome-ends-update-series';

/**
 * From this patch on, a matter closes on the day its last track closed as the tracks tell it (a back-dated
 * withdrawal's own day, not the day it was typed in): its series owe nothing after that day, a miss declared
 * meanwhile is corrected to those told, and the complainant's outcome (CMR reg 34) runs from that day.
 */
export const MATTER_CLOSES_ON_ITS_TRACKS_DAY = 'matter-closes-on-its-tracks-day';

/**
 * From this patch on, a matter records at referral the rule set it is under and why (rule-sets.ts: the date it came
 * to the appropriate authority's attention), shows it, and gives it to each subject's track for the outcome checks.
 * A matter referred before it has none, and its tracks stay under the 2020 rules.
 */
export const RULE_SET_RECORDED_AT_REFERRAL = 'rule-set-recorded-at-referral';

/**
 * From this patch on, a matter holds the allegations its referral gives (allegations.ts), shows them and writes
 * them to the projection; a matter referred before it holds none until one is added.
 */
export const ALLEGATIONS_RECORDED_AT_REFERRAL = 'allegations-recorded-at-referral';
/**
 * From this patch on, the event 'allegation-added' adds an allegation to the matter. The old code refused the
 * event in its validator (unknown event), so no recorded history holds one; the marker keeps its steps apart.
 */
export const ALLEGATION_ADDED = 'allegations-added-after-referral';
/**
 * From this patch on, a complaint whose referral gives the date it was made starts its first timeliness period on that
 * date (CMR reg 13), not on its receipt. Asked only of a referral that carries the date (none did before), so a
 * matter referred without it runs, and replays, as before.
 */
export const TIMELINESS_STARTS_WHEN_COMPLAINT_MADE = 'timeliness-starts-when-complaint-made';
/**
 * From this patch on, a timeliness report may be recorded as withheld because it might prejudice an investigation,
 * with its reason (CR reg 19(3); CMR reg 13): under the Conduct Regulations that settles the occurrence, and the series
 * goes on; in a force-run Schedule 3 investigation the local policing body is not told of it, and the Director
 * General's report is still owed. The old code refused the event as unknown, so no recorded history holds one.
 */
export const TIMELINESS_REPORT_WITHHELD_FOR_PREJUDICE = 'timeliness-prejudice-exemption';
/**
 * From this patch on, each timeliness report answered is kept on the matter (its key and due date, withheld or sent),
 * with the officers' copies the report records, each sent or withheld under the harm test (CR reg 19(4)).
 */
export const TIMELINESS_REPORTS_RECORDED = 'timeliness-reports-recorded';

/** What the matter's duties ask of the workflow around them. */
export interface MatterPorts {
  /** Counts deadlines on the working-day calendar (a local activity: the result is kept in history). */
  computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]>;
  /** Writes a change: the projection's snapshot, its audit lines and its outgoing messages. */
  recordChange(change: RecordChange<MatterSnapshot>): Promise<void>;
  /** The id of the update being applied, which keys its audit line when the command carries no id of its own. */
  updateId(): string | undefined;
  /** Whether this run takes the change named (Temporal's patched(): true from the patch on, false on replay of older runs). */
  patched(id: string): boolean;
}

export type MatterDuties = ReturnType<typeof matterDuties>;

export function matterDuties(input: MatterInput, workflowId: string, s: MatterState, ports: MatterPorts) {
  const { referral } = input;
  const regime = regimeFor(referral.kind);
  /** The matter's own lines and messages (ledger.ts): about the matter, no subject. */
  const ledgerOf: ledger.Ledger = { workflowId, matterReference: referral.reference, subjectId: null };
  const referralRule = mustReferToIopc(referral.kind, (referral.recordableCategories ?? []) as ReferralGround[]);
  /** The audit lines and messages that judging deadlines adds to the command in hand (deadlines/judgement.ts). */
  let judgementLines: AuditRecord[] = [];
  let judgementMessages: OutboxRecord[] = [];
  /** While an import is applied: the changes it makes, written at its end in one; and the instant its timers pass to. */
  let importBuffer: { lines: AuditRecord[]; outbox: OutboxRecord[] } | undefined;
  let asOf: number | undefined;
  // The checks (checks.ts) against this matter's state, at the workflow's now; a malformed command is refused, not thrown (handler-guard).
  const checkDecision = guardedValidator((cmd: MatterDecisionCommand) => checks.checkDecisionCommand(s, cmd, Date.now()));
  const checkEvent = guardedValidator((cmd: MatterEventCommand) => checks.checkEventCommand(s, referral, cmd, Date.now()));
  const checkExtension = guardedValidator((cmd: ExtensionCommand) => checks.checkExtensionCommand(s, cmd, Date.now()));
  return { checkDecision, checkEvent, checkExtension, refer, decide, recordEvent, extend, fireTimers, closeMatter, applyImport, allSubjectsClosed, allSubjectsFinished, view };

  // ---- Referral: record it, set the matter's own deadlines, start one track per subject ------------
  async function refer(): Promise<void> {
    // The first period starts with the day the complaint was made, where the referral gives it (CMR reg 13);
    // else, and for a conduct or DSI matter, with the day it came to the appropriate authority's attention (CR reg 19).
    const timelinessFrom = referral.complaintMadeOn !== undefined && ports.patched(TIMELINESS_STARTS_WHEN_COMPLAINT_MADE)
      ? timelinessStartsOn(referral.kind, referral.receivedOn, referral.complaintMadeOn).startsOn
      : referral.receivedOn;
    const requests: DeadlineRequest[] = [{ key: 'timeliness-report-1', ruleId: 'timelinessReport', trigger: timelinessFrom }];
    if (s.iopcReferralRequired) requests.push({ key: 'iopc-referral', ruleId: 'iopcReferral', trigger: referral.receivedOn });
    if (referral.kind === 'complaint') requests.push({ key: 'complainant-update-1', ruleId: 'complainantUpdate', trigger: referral.receivedOn });
    await addDeadlines(requests);
    await record(
    [
      {
        ...audit('matter-referred', referral.referredBy.id, referral.referredBy.role, referral.referredAt),
        rule: referralRule.required ? 'mandatory-iopc-referral' : null,
        regulation: referralRule.required ? referralRule.regulation : null,
        details: {
          kind: referral.kind,
          subjects: referral.subjects.length,
          iopcReferralRequired: s.iopcReferralRequired,
          ...(s.ruleSet ? { ruleSet: s.ruleSet } : {}),
          // The audit trail keeps each allegation as referred (held only from the patch on).
          ...(s.allegations?.length ? { allegations: s.allegations } : {}),
          ...(referral.complaintMadeOn !== undefined ? { complaintMadeOn: referral.complaintMadeOn, timelinessStartsOn: timelinessFrom } : {}),
        },
      },
    ],
    [],
    );
  }

  // ---- The DG's decision on the mode of investigation (Sch3 para 15) ----------------------------
  async function decide(cmd: MatterDecisionCommand): Promise<MatterView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    judgementLines = [];
    judgementMessages = [];
    s.modeOfInvestigation = cmd.mode;
    s.stage = 'investigation';
    meet('iopc-referral', cmd);
    // Recorded from either patch: workflows of the web interface's patch and those started with the rationale required.
    const rationale = cmd.rationale !== undefined && ports.patched(MODE_RATIONALE_RECORDED) ? { rationale: cmd.rationale } : {};
    return commit(cmd, `decision:mode-of-investigation`, 'mode-of-investigation', 'Sch3 para 15', { mode: cmd.mode, ...rationale }, []);
  }

  // ---- Events about the matter as a whole ---------------------------------------------------------
  async function recordEvent(cmd: MatterEventCommand): Promise<MatterView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    judgementLines = [];
    judgementMessages = [];
    const on = londonDateOf(cmd.occurredAt);
    let regulation: string | null = null;
    const details: Record<string, unknown> = { note: cmd.note ?? null };
    switch (cmd.event) {
      case 'referred-to-iopc':
        s.referredToIopcOn = on;
        meet('iopc-referral', cmd);
        regulation = 'CMR reg 4';
        if (!s.iopcReferralRequired && ports.patched(VOLUNTARY_IOPC_REFERRAL)) {
          // A voluntary referral: the Director General now decides how it is investigated (Sch3 para 15).
          s.referredToIopcVoluntarily = true;
          s.modeOfInvestigation = undefined;
          if (s.stage === 'investigation') s.stage = 'awaiting-mode-of-investigation';
          regulation = voluntaryIopcReferral(referral.kind, (referral.recordableCategories ?? []) as ReferralGround[]).regulation;
          details.voluntary = true;
        }
        break;
      case 'investigation-completed':
        regulation = 'CR reg 21 / PRA 2002 Sch 3 para 22';
        if (ports.patched(INVESTIGATION_COMPLETED_ENDS_TIMELINESS)) {
          s.investigationCompletedOn = on;
          details.notDue = closeSeriesNotDue(TIMELINESS_SERIES, on, cmd).map((d) => d.key);
        }
        break;
      case 'complainant-updated': {
        regulation = 'CMR reg 34';
        if (judged()) {
          await recordComplainantUpdate(cmd, on);
          break;
        }
        // Every update is recorded with what was sent; the next is due 4 weeks after this one.
        const open = book.openDeadlines(s.deadlines).find((d) => d.ruleId === 'complainantUpdate');
        if (open) open.status = 'met';
        s.complainantUpdates += 1;
        if (s.stage !== 'closed') await addDeadlines([{ key: `complainant-update-${s.complainantUpdates + 1}`, ruleId: 'complainantUpdate', trigger: on }]);
        regulation = 'CMR reg 34';
        break;
      }
      case 'complainant-outcome-sent':
        if (judged()) take(judge.settle(judge.oldestOutstanding(s.deadlines, (d) => d.ruleId === 'complainantOutcome'), cmd, recordedAt()));
        else for (const d of book.openDeadlines(s.deadlines)) if (d.ruleId === 'complainantOutcome') d.status = 'met';
        if (ports.patched(COMPLAINANT_OUTCOME_ENDS_UPDATES)) {
          s.complaintOutcomeGivenOn ??= on;
          details.notDue = closeSeriesNotDue(['complainantUpdate'], s.complaintOutcomeGivenOn, cmd).map((d) => d.key);
        }
        await addDeadlines([{ key: 'review-application', ruleId: 'reviewApplication', trigger: on }]);
        regulation = 'CMR reg 34';
        break;
      case 'investigator-appointed': {
        const check = checks.investigatorCheck(s, referral, cmd);
        if (!check.allowed) break; // checked before: cannot happen
        s.investigator = { investigator: cmd.investigator, appointedOn: on, independent: check.independent, notIndependentOf: check.notIndependentOf, regulation: investigatorRegulation(regime).regulation };
        regulation = s.investigator.regulation;
        Object.assign(details, { investigator: cmd.investigator.id, unit: cmd.investigator.unit ?? null, independent: check.independent, notIndependentOf: check.notIndependentOf });
        break;
      }
      case 'subject-line-management-recorded':
        s.subjectLineManagement = {
          ...s.subjectLineManagement,
          [cmd.subjectId]: { ...s.subjectLineManagement?.[cmd.subjectId], ...(cmd.unit !== undefined ? { unit: cmd.unit } : {}), ...(cmd.lineManagers !== undefined ? { lineManagers: cmd.lineManagers } : {}) },
        };
        regulation = 'CR reg 15(3)';
        Object.assign(details, { subjectId: cmd.subjectId });
        break;
      case 'allegation-added':
        if (ports.patched(ALLEGATION_ADDED)) {
          s.allegations = [...(s.allegations ?? []), cmd.allegation];
          Object.assign(details, { allegation: cmd.allegation });
        }
        break;
      case 'timeliness-report-sent': {
        regulation = 'CR reg 19 / CMR reg 13';
        if (judged()) {
          const answered = await recordTimelinessReport(cmd);
          if (ports.patched(TIMELINESS_REPORTS_RECORDED)) {
            const officerCopies = 'officerCopies' in cmd ? cmd.officerCopies : undefined;
            if (answered) timelinessRecordOf(answered).sent = { on, ...(officerCopies ? { officerCopies } : {}) };
            Object.assign(details, { key: answered?.key ?? null, ...(officerCopies ? { officerCopies } : {}) });
          }
          break;
        }
        await answerTimelinessReportAsBefore();
        regulation = 'CR reg 19 / CMR reg 13';
        break;
      }
      case 'timeliness-report-withheld': {
        // Checked before (checks.ts): the reporter may withhold it, a reason is given, a report is owed.
        const exemption = prejudiceExemption(regime, s.modeOfInvestigation);
        regulation = exemption.regulation;
        if (!ports.patched(TIMELINESS_REPORT_WITHHELD_FOR_PREJUDICE)) break;
        const occurrence = judge.oldestOutstanding(s.deadlines, inTimelinessSeries);
        if (!occurrence) break; // checked before: cannot happen
        const reason = (cmd.note ?? '').trim();
        timelinessRecordOf(occurrence).withheld = { on, from: [...exemption.withheldFrom], reason, regulation: exemption.regulation };
        Object.assign(details, { key: occurrence.key, dueDate: occurrence.dueDate, reason, withheldFrom: exemption.withheldFrom, settles: exemption.settles });
        // Withheld from every recipient, it answers the occurrence as a report would: not missed, and the series goes on.
        if (exemption.settles) {
          if (judged()) await recordTimelinessReport(cmd);
          else await answerTimelinessReportAsBefore();
        }
        break;
      }
    }
    return commit(cmd, `event:${cmd.event}`, cmd.event, regulation, details, []);
  }

  async function extend(cmd: ExtensionCommand): Promise<MatterView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    const d = book.extendable(s.deadlines, cmd, 'matter');
    book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
    return commit(cmd, 'deadline-extended', 'deadline-extension', d.regulation, { key: d.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy }, []);
  }

  // ---- Timers ----------------------------------------------------------------------------------------
  async function fireTimers(): Promise<void> {
    const now = asOf ?? Date.now() + TIMER_SLACK_MS;
    const lines: AuditRecord[] = [];
    const outbox: OutboxRecord[] = [];
    const next: DeadlineRequest[] = [];
    for (const d of book.openDeadlines(s.deadlines)) {
      const timeliness = d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat';
      // Who writes the timeliness report (CR reg 19 / CMR reg 13): in a directed or independent
      // investigation the Director General, whom its reminder and escalation then reach.
      const duty = timelinessDuty(regime, s.modeOfInvestigation);
      const dgReports = timeliness && duty.reporter === 'director-general';
      // A recipient the report was withheld from for prejudice (CMR reg 13) is not told of it.
      const withheldFrom: readonly string[] = (timeliness && s.timelinessReportRecords?.find((r) => r.key === d.key)?.withheld?.from) || [];
      const told = duty.recipients.filter((r) => !withheldFrom.includes(r));
      // A deadline held for the grace (back-dated) owes nothing yet; only the new code holds one.
      const due = judge.timersDue(d, now);
      if (due.remind) {
        d.reminded = true;
        // A reminder that fell before the import belonged to the department's old system: not sent now.
        if (!(d.remindAt && beforeImport(d.remindAt))) {
          outbox.push(message(`reminder:${d.key}`, dgReports ? 'iopc' : 'case-officer', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
          lines.push(systemAudit(`deadline-reminder:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate }));
        }
      }
      if (!due.passed) continue;
      if (d.ruleId === 'reviewApplication') {
        d.status = 'met';
        continue;
      }
      d.status = 'missed';
      const quietly = beforeImport(d.dueAt);
      if (quietly) {
        // Passed before the import with nothing recorded to meet it: missed, as the data says; nothing is sent for the past.
        lines.push(systemAudit(`deadline-missed-before-import:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate }));
      } else {
        outbox.push(message(`escalation:${d.key}`, dgReports ? 'iopc' : 'appropriate-authority', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
        if (judged()) judge.escalated(d, [dgReports ? 'iopc' : 'appropriate-authority', ...(timeliness ? told : [])]);
        lines.push(systemAudit(`deadline-missed:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate }));
      }
      // The timeliness report recurs every 6 months while the investigation is open; so do complainant updates.
      if (timeliness) {
        s.timelinessReports += 1;
        // To each recipient the regime and the mode name: the local policing body, and the Director
        // General where the force investigates under Schedule 3 (CMR reg 13), or the chief officer where
        // the Director General reports; the local policing body's message keeps the key it always had.
        for (const to of quietly ? [] : told) {
          const purpose = to === 'local-policing-body' ? `timeliness-report-due:${d.key}` : `timeliness-report-due:${d.key}:${to}`;
          outbox.push(message(purpose, to, { dueDate: d.dueDate, regulation: duty.regulation, reporter: duty.reporter, copyToOfficerConcerned: duty.copyToOfficerConcerned }));
        }
        // The series runs while the investigation is not completed: none is set for a day after it ended.
        const ended = s.investigationCompletedOn !== undefined && compareIsoDates(d.dueDate, s.investigationCompletedOn) >= 0;
        if (!allSubjectsClosed() && !ended) next.push({ key: `timeliness-report-${s.timelinessReports + 1}`, ruleId: 'timelinessReportRepeat', trigger: d.dueDate });
      }
      // The updates run until the complainant is given the outcome (CMR reg 34).
      const updatesEnded = s.complaintOutcomeGivenOn !== undefined && compareIsoDates(d.dueDate, s.complaintOutcomeGivenOn) >= 0;
      if (d.ruleId === 'complainantUpdate' && s.stage !== 'closed' && !updatesEnded) {
        s.complainantUpdates += 1;
        next.push({ key: `complainant-update-${s.complainantUpdates + 1}`, ruleId: 'complainantUpdate', trigger: d.dueDate });
      }
    }
    if (next.length) await addDeadlines(next, true);
    if (s.investigationCompletedOn) {
      for (const d of closeSeriesNotDue(TIMELINESS_SERIES, s.investigationCompletedOn)) lines.push(systemAudit(`deadline-not-due:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate, investigationCompletedOn: s.investigationCompletedOn }));
    }
    if (s.complaintOutcomeGivenOn) {
      for (const d of closeSeriesNotDue(['complainantUpdate'], s.complaintOutcomeGivenOn)) lines.push(systemAudit(`deadline-not-due:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate, complaintOutcomeGivenOn: s.complaintOutcomeGivenOn }));
    }
    if (lines.length) await record(lines, outbox);
  }

  /**
   * Closes as not due every occurrence of a periodic series still owed (open or missed) that falls due
   * after the day its condition ended (PERIODIC_SERIES: the timeliness report runs while the investigation
   * is not completed, CR reg 19 / CMR reg 13; complainant updates until the outcome is given, CMR reg 34).
   */
  function closeSeriesNotDue(ruleIds: readonly PeriodicSeriesRuleId[], endedOn: IsoDate, step?: CommandBase): Deadline[] {
    if (step && judged()) {
      // Missed occurrences that were not owed are corrected, and their escalations withdrawn.
      const j = judge.notOwedAfter(s.deadlines, (d) => (ruleIds as readonly string[]).includes(d.ruleId), endedOn, step, recordedAt(), 'the condition of the series ended');
      take(j);
      return j.cancelled;
    }
    const closed: Deadline[] = [];
    for (const d of s.deadlines) {
      if (!(ruleIds as readonly string[]).includes(d.ruleId)) continue;
      if ((d.status === 'open' || d.status === 'missed') && !periodicOccurrenceOwed(d.dueDate, endedOn)) {
        d.status = 'cancelled';
        closed.push(d);
      }
    }
    return closed;
  }

  async function closeMatter(): Promise<void> {
    s.stage = 'closed';
    const ownSeries = (k: string) => k.startsWith('timeliness-report') || k.startsWith('complainant-update') || k === 'iopc-referral';
    // The matter closed on the day its last track closed, however late that was recorded: what fell due after
    // that day was not owed (a miss declared meanwhile is corrected), and the complainant's outcome runs from it.
    const closedOn = ports.patched(MATTER_CLOSES_ON_ITS_TRACKS_DAY) ? lastTrackClosedOn() : undefined;
    if (closedOn) take(judge.notOwedAfter(s.deadlines, (d) => ownSeries(d.key), closedOn, undefined, recordedAt(), 'the last track closed'));
    book.cancelAll(s.deadlines, ownSeries);
    // An imported complaint whose outcome the complainant was already given owes no outcome to them.
    if (referral.kind === 'complaint' && !(input.imported && s.complaintOutcomeGivenOn)) {
      await addDeadlines([{ key: 'complainant-outcome', ruleId: 'complainantOutcome', trigger: closedOn ?? londonDateOf(Date.now()) }]);
    }
    const outcomes = Object.entries(s.subjects).map(([subjectId, x]) => ({ subjectId, outcome: x.outcome ?? null, closedBecause: x.closedBecause ?? null }));
    const judged = { lines: judgementLines, messages: judgementMessages };
    judgementLines = [];
    judgementMessages = [];
    await record([{ ...systemAudit('matter-closed', null, null, { outcomes, ...(closedOn ? { closedOn } : {}) }) }, ...judged.lines], judged.messages);
  }

  /** The day the last of the subjects' tracks closed, as they told it; undefined if a track did not say (an older one). */
  function lastTrackClosedOn(): IsoDate | undefined {
    const days = Object.values(s.subjects).map((x) => x.closedOn);
    if (days.some((d) => !d)) return undefined;
    return (days as IsoDate[]).reduce((a, b) => (compareIsoDates(a, b) >= 0 ? a : b));
  }

  // ---- Import: a matter brought in mid-way or closed ---------------------------------------------------
  /**
   * Applies the matter's imported steps in the order they happened, through the same checks and steps as
   * live commands; before each, the timers pass to its instant (fireTimers at `asOf`), closing quietly what
   * had passed by then. Everything is written in one change at the end; the API checked the steps first.
   */
  async function applyImport(imported: ImportedMatter): Promise<void> {
    const buffer: { lines: AuditRecord[]; outbox: OutboxRecord[] } = { lines: [], outbox: [] };
    importBuffer = buffer;
    try {
      for (const [index, step] of imported.steps.entries()) {
        const commandId = `import:${index + 1}`;
        await passTimeTo(Date.parse(('decision' in step ? step.decision : 'event' in step ? step.event : step.extension).occurredAt));
        const restore = snapshotOf(s);
        try {
          if ('decision' in step) {
            const cmd = { ...step.decision, commandId };
            checkDecision(cmd);
            await decide(cmd);
          } else if ('event' in step) {
            const cmd = { ...step.event, commandId };
            checkEvent(cmd);
            await recordEvent(cmd);
          } else {
            const cmd = { ...step.extension, commandId };
            checkExtension(cmd);
            await extend(cmd);
          }
        } catch (err) {
          // Refused by the rules; or a step that could not be applied at all, which leaves the state as it was.
          restore();
          const refusal = refusalOf(err) ?? { rule: 'step-applicable', regulation: null, reason: `the step could not be applied: ${(err as Error)?.message ?? String(err)}` };
          buffer.lines.push(systemAudit('import-step-refused', refusal.rule, refusal.regulation, { step: index + 1, reason: refusal.reason }));
          break;
        }
      }
      await passTimeTo(Date.parse(imported.importedAt));
    } finally {
      importBuffer = undefined;
    }
    const withheld = buffer.outbox.map((m) => ({ ...systemAudit(`imported-message-not-sent:${m.purpose}`, null, null, { purpose: m.purpose, recipient: m.recipient }), idempotencyKey: ledger.withheldKey(ledgerOf, m.idempotencyKey) }));
    await record([...buffer.lines, ...withheld], []);
  }

  async function passTimeTo(at: number): Promise<void> {
    for (let pass = 0; pass < 1_000; pass++) {
      const wake = book.nextWake(s.deadlines);
      if (wake === undefined || wake > at) return;
      asOf = at;
      try {
        await fireTimers();
      } finally {
        asOf = undefined;
      }
    }
  }

  /** An instant at or before the import that brought this matter in (never, for a matter referred live). */
  function beforeImport(instant: string): boolean {
    return input.imported !== undefined && Date.parse(instant) <= Date.parse(input.imported.importedAt);
  }

  // ---- Helpers -----------------------------------------------------------------------------------
  function allSubjectsClosed(): boolean {
    return Object.values(s.subjects).every((x) => x.closed);
  }

  function allSubjectsFinished(): boolean {
    return Object.values(s.subjects).every((x) => x.finished);
  }

  async function addDeadlines(requests: DeadlineRequest[], setByTimer = false): Promise<void> {
    for (const d of await ports.computeDeadlines(requests)) {
      // A deadline a step set already past its reminder or due time waits for the grace before it reminds or
      // escalates; the next occurrence a miss sets has had its grace already.
      // What fell before an import is the past, closed quietly (beforeImport): no grace to wait for.
      const fellBeforeImport = beforeImport(d.dueAt) || (d.remindAt !== undefined && beforeImport(d.remindAt));
      if (!setByTimer && judged() && !fellBeforeImport) judge.holdIfBackdated(d, Date.now());
      book.put(s.deadlines, d);
    }
  }

  // ---- Deadlines judged by when their steps happened (deadlines/judgement.ts) -------------------------
  function judged(): boolean {
    return ports.patched(judge.DEADLINES_JUDGED_WHEN_THEY_HAPPENED);
  }

  /** The step settles the deadline it answers: met if it happened in time, however late it is recorded. */
  function meet(key: string, step: CommandBase): void {
    if (!judged()) {
      book.close(s.deadlines, key, 'met');
      return;
    }
    take(judge.settle(judge.latestOutstanding(s.deadlines, key), step, recordedAt()));
  }

  /**
   * The update answers the occurrence whose period it fell in (CMR reg 34); the next is due 4 weeks after the
   * update itself, so an occurrence set after the one answered (by a miss, from its due date) is withdrawn, and
   * corrected if it had been escalated.
   */
  async function recordComplainantUpdate(cmd: MatterEventCommand, on: IsoDate): Promise<void> {
    const inSeries = (d: Deadline) => d.ruleId === 'complainantUpdate';
    const answered = judge.answeredOccurrence(s.deadlines, inSeries, cmd.occurredAt);
    take(judge.settle(answered, cmd, recordedAt()));
    if (answered) {
      const after = (d: Deadline) => inSeries(d) && Date.parse(d.dueAt) > Date.parse(answered.dueAt);
      take(judge.withdraw(s.deadlines, after, cmd, recordedAt(), `the next update runs from the update given on ${on}`));
    }
    if (s.stage !== 'closed') {
      s.complainantUpdates += 1;
      await addDeadlines([{ key: `complainant-update-${s.complainantUpdates + 1}`, ruleId: 'complainantUpdate', trigger: on }]);
    }
  }

  /**
   * A workflow started before deadlines were judged by when their steps happened: the report answers the oldest one
   * outstanding, a late one (whose successor is already set), else the one now open, whose successor is then set 6
   * months after its due date.
   */
  async function answerTimelinessReportAsBefore(): Promise<void> {
    const timeliness = s.deadlines.filter(inTimelinessSeries);
    const late = timeliness.find((d) => d.status === 'missed');
    const open = timeliness.find((d) => d.status === 'open');
    if (late) late.status = 'met';
    else if (open) {
      open.status = 'met';
      s.timelinessReports += 1;
      // None is set for a day after the investigation was completed (CR reg 19 / CMR reg 13).
      const ended = s.investigationCompletedOn !== undefined && compareIsoDates(open.dueDate, s.investigationCompletedOn) >= 0;
      if (!ended) await addDeadlines([{ key: `timeliness-report-${s.timelinessReports + 1}`, ruleId: 'timelinessReportRepeat', trigger: open.dueDate }]);
    }
  }

  function inTimelinessSeries(d: Deadline): boolean {
    return (TIMELINESS_SERIES as readonly string[]).includes(d.ruleId);
  }

  /** The record of one occurrence of the timeliness series, made when it is first answered. */
  function timelinessRecordOf(d: Deadline): TimelinessReportRecord {
    s.timelinessReportRecords ??= [];
    let r = s.timelinessReportRecords.find((x) => x.key === d.key);
    if (!r) {
      r = { key: d.key, dueDate: d.dueDate };
      s.timelinessReportRecords.push(r);
    }
    return r;
  }

  /** The report answers the oldest one owed; the next is set 6 months after the due date of one answered before the timer reached it. Returns the one it answered. */
  async function recordTimelinessReport(cmd: MatterEventCommand): Promise<Deadline | undefined> {
    const answered = judge.oldestOutstanding(s.deadlines, inTimelinessSeries);
    const wasOpen = answered?.status === 'open';
    take(judge.settle(answered, cmd, recordedAt()));
    if (!answered || !wasOpen) return answered; // a missed one's successor was set when it was missed
    s.timelinessReports += 1;
    // None is set for a day after the investigation was completed (CR reg 19 / CMR reg 13).
    const ended = s.investigationCompletedOn !== undefined && compareIsoDates(answered.dueDate, s.investigationCompletedOn) >= 0;
    if (!ended && s.stage !== 'closed') await addDeadlines([{ key: `timeliness-report-${s.timelinessReports + 1}`, ruleId: 'timelinessReportRepeat', trigger: answered.dueDate }]);
    return answered;
  }

  /** A judgement's audit lines and messages go with the command's commit. */
  function take(j: judge.Judgement): void {
    for (const l of j.lines) {
      judgementLines.push({ ...systemAudit(l.action, l.rule, l.regulation, l.details), idempotencyKey: ledger.onceKey(ledgerOf, l.action), ...(l.actor ? { actor: l.actor.id, actorRole: l.actor.role } : {}) });
    }
    for (const m of j.messages) judgementMessages.push(message(m.purpose, m.recipient, m.payload));
  }

  function recordedAt(): string {
    return new Date(Date.now()).toISOString();
  }

  async function commit(cmd: CommandBase, action: string, rule: string | null, regulation: string | null, details: Record<string, unknown>, outbox: OutboxRecord[]): Promise<MatterView> {
    if (cmd.commandId) s.appliedCommands.push(cmd.commandId);
    const id = cmd.commandId ?? ports.updateId() ?? `${s.revision + 1}`;
    const judged = { lines: judgementLines, messages: judgementMessages };
    judgementLines = [];
    judgementMessages = [];
    await record([{ ...audit(action, cmd.actor.id, cmd.actor.role, cmd.occurredAt), idempotencyKey: ledger.commandKey(ledgerOf, id), rule, regulation, details }, ...judged.lines], [...outbox, ...judged.messages]);
    return view();
  }

  function audit(action: string, actor: string, actorRole: string, occurredAt: string): AuditRecord {
    return ledger.auditLine(ledgerOf, action, { id: actor, role: actorRole }, occurredAt);
  }

  function systemAudit(action: string, rule: string | null, regulation: string | null, details: Record<string, unknown>): AuditRecord {
    return { ...audit(action, 'system', 'system', new Date(Date.now()).toISOString()), idempotencyKey: ledger.revisionKey(ledgerOf, action, s.revision + 1), rule, regulation, details };
  }

  function message(purpose: string, recipient: string, payload: Record<string, unknown>): OutboxRecord {
    return ledger.outboxMessage(ledgerOf, `${referral.reference}:matter`, purpose, recipient, { forceId: referral.forceId, ...payload });
  }

  async function record(lines: AuditRecord[], outbox: OutboxRecord[]): Promise<void> {
    s.revision += 1;
    if (importBuffer) {
      importBuffer.lines.push(...lines);
      importBuffer.outbox.push(...outbox);
      return;
    }
    await ports.recordChange({ snapshot: matterSnapshot(input, workflowId, s), audit: lines, outbox });
  }

  function view(): MatterView {
    return matterView(input, s);
  }
}
