/**
 * A matter (complaint, recordable conduct matter, conduct matter or DSI matter) from referral to close.
 * It owns what belongs to the matter as a whole: the IOPC referral and the mode of investigation, the
 * timeliness reports, the complainant's updates; each subject's track is a workflow of its own, which the matter starts.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  IsoDate,
  PeriodicSeriesRuleId,
  ReferralGround,
  compareIsoDates,
  londonDateOf,
  mustReferToIopc,
  periodicOccurrenceOwed,
  regimeFor,
  ruleSetFor,
  timelinessDuty,
  voluntaryIopcReferral,
} from '@conduct/domain';
import { RECORD_CHANGE_OPTIONS, type CalendarActivities, type ProceedingsActivities, type SubjectTrackActivities } from './activities';
import * as book from './deadline-book';
import * as judge from './deadlines/judgement';
import { WakeTimer } from './wake-timer';
import { subjectWorkflowId } from './ids';
import { HISTORY_LIMIT, TIMER_SLACK_MS } from './limits';
import { extendMatterDeadline, matterState, recordMatterDecision, recordMatterEvent, referralRecorded, subjectClosed } from './messages';
import { checkOccurredAt, refuse } from './refusal';
import { Serial } from './serial';
import { guardedHandler, guardedValidator, snapshotOf } from './handler-guard';
import { MATTER_EVENTS, MODES_OF_INVESTIGATION } from '@conduct/domain';
import { refusalOf } from './subject/import';
import type {
  AuditRecord,
  ImportedMatter,
  CommandBase,
  Deadline,
  DeadlineRequest,
  ExtensionCommand,
  MatterDecisionCommand,
  MatterEventCommand,
  MatterInput,
  MatterState,
  MatterView,
  OutboxRecord,
} from './types';

const TIMELINESS_SERIES: readonly PeriodicSeriesRuleId[] = ['timelinessReport', 'timelinessReportRepeat'];

const { recordMatterChange } = proxyLocalActivities<ProceedingsActivities>(RECORD_CHANGE_OPTIONS);
const { computeDeadlines } = proxyLocalActivities<CalendarActivities>({ startToCloseTimeout: '10 seconds' });
const { startSubjectTracks } = proxyLocalActivities<SubjectTrackActivities>(RECORD_CHANGE_OPTIONS);

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

export async function matter(input: MatterInput): Promise<MatterView> {
  const { referral } = input;
  const workflowId = workflowInfo().workflowId;
  const regime = regimeFor(referral.kind);
  const referralRule = mustReferToIopc(referral.kind, (referral.recordableCategories ?? []) as ReferralGround[]);
  const s: MatterState = input.state ?? {
    stage: referralRule.required ? 'awaiting-mode-of-investigation' : 'investigation',
    iopcReferralRequired: referralRule.required,
    modeOfInvestigation: referralRule.required ? undefined : 'local',
    subjects: Object.fromEntries(
      referral.subjects.map((x) => [x.subjectId, { closed: false, workflowId: subjectWorkflowId(referral.reference, x.subjectId) }]),
    ),
    subjectsStarted: false,
    timelinessReports: 0,
    complainantUpdates: 0,
    deadlines: [],
    revision: 0,
    appliedCommands: [],
    ...(patched(RULE_SET_RECORDED_AT_REFERRAL) ? { ruleSet: ruleSetFor(referral.receivedOn) } : {}),
  };
  const serial = new Serial();
  /** The audit lines and messages that judging deadlines adds to the command in hand (deadlines/judgement.ts). */
  let judgementLines: AuditRecord[] = [];
  let judgementMessages: OutboxRecord[] = [];
  let changed = false;
  let recorded = !!input.state;
  /** While an import is applied: the changes it makes, written at its end in one; and the instant its timers pass to. */
  let importBuffer: { lines: AuditRecord[]; outbox: OutboxRecord[] } | undefined;
  let asOf: number | undefined;

  setHandler(matterState, () => view());
  setHandler(referralRecorded, async () => {
    await condition(() => recorded);
    return view();
  });
  setHandler(subjectClosed, ({ subjectId, outcome, closedBecause, closedOn, finished }) => {
    const subject = s.subjects[subjectId];
    if (!subject) return;
    if (finished) subject.finished = true;
    if (subject.closed) {
      changed = true;
      return;
    }
    subject.closed = true;
    subject.outcome = (outcome ?? undefined) as MatterState['subjects'][string]['outcome'];
    subject.closedBecause = closedBecause ?? undefined;
    if (closedOn) subject.closedOn = closedOn;
    changed = true;
  });
  // Checked when accepted and again when applied; answered or refused, never failing the workflow task (handler-guard).
  const checkDecisionCommand = guardedValidator(validateDecision);
  const checkEventCommand = guardedValidator(validateEvent);
  const checkExtensionCommand = guardedValidator(validateExtension);
  const keepState = () => snapshotOf(s);
  setHandler(recordMatterDecision, (cmd) => serial.run(() => guardedHandler(() => checkDecisionCommand(cmd), keepState, () => decide(cmd))), { validator: checkDecisionCommand });
  setHandler(recordMatterEvent, (cmd) => serial.run(() => guardedHandler(() => checkEventCommand(cmd), keepState, () => recordEvent(cmd))), { validator: checkEventCommand });
  setHandler(extendMatterDeadline, (cmd) => serial.run(() => guardedHandler(() => checkExtensionCommand(cmd), keepState, () => extend(cmd))), { validator: checkExtensionCommand });

  // ---- Referral: record it, set the matter's own deadlines, start one track per subject ------------
  if (!input.state) {
    const requests: DeadlineRequest[] = [{ key: 'timeliness-report-1', ruleId: 'timelinessReport', trigger: referral.receivedOn }];
    if (s.iopcReferralRequired) requests.push({ key: 'iopc-referral', ruleId: 'iopcReferral', trigger: referral.receivedOn });
    if (referral.kind === 'complaint') requests.push({ key: 'complainant-update-1', ruleId: 'complainantUpdate', trigger: referral.receivedOn });
    await addDeadlines(requests);
    await record(
      [
        {
          ...audit('matter-referred', referral.referredBy.id, referral.referredBy.role, referral.referredAt),
          rule: referralRule.required ? 'mandatory-iopc-referral' : null,
          regulation: referralRule.required ? referralRule.regulation : null,
          details: { kind: referral.kind, subjects: referral.subjects.length, iopcReferralRequired: s.iopcReferralRequired, ...(s.ruleSet ? { ruleSet: s.ruleSet } : {}) },
        },
      ],
      [],
    );
    // Brought in by an import: the matter's own steps already taken, applied in one change; nothing is sent for the past.
    if (input.imported) await applyImport(input.imported);
    recorded = true;
  }
  if (!s.subjectsStarted) {
    // Tracks outlive a continue-as-new of their matter; each is started once (its id is the subject's).
    await startSubjectTracks(
      referral.subjects.map((subject) => ({
        workflowId: s.subjects[subject.subjectId].workflowId,
        taskQueue: workflowInfo().taskQueue,
        input: {
          matterReference: referral.reference,
          matterWorkflowId: workflowId,
          matterKind: referral.kind,
          regime,
          forceId: referral.forceId,
          receivedOn: referral.receivedOn,
          ...(s.ruleSet ? { ruleSet: s.ruleSet } : {}),
          subject,
          historyLimit: input.historyLimit,
          ...(input.imported ? { imported: { importedAt: input.imported.importedAt, steps: input.imported.subjectSteps[subject.subjectId] ?? [] } } : {}),
        },
      })),
    );
    s.subjectsStarted = true;
  }

  // ---- Until every subject's track is closed: timers for the matter's own deadlines -------------
  // The matter closes when every track is closed; its workflow ends only when every subject's workflow
  // has finished too (a live warning keeps a track's workflow running), so no subject outlives it.
  // One timer, for the earliest instant, re-armed only when a step moves it; a subject's news wakes the loop
  // without touching it.
  const wakeTimer = new WakeTimer();
  while (!allSubjectsFinished() || book.openDeadlines(s.deadlines).length > 0) {
    const wake = book.nextWake(s.deadlines);
    const stirred = () => changed || book.nextWake(s.deadlines) !== wake || historyTooLong();
    await wakeTimer.until(wake, stirred);
    changed = false;
    await serial.run(fireTimers);
    if (allSubjectsClosed() && s.stage !== 'closed') await serial.run(closeMatter);
    if (historyTooLong()) {
      await condition(allHandlersFinished);
      s.deadlines = book.compact(s.deadlines);
      s.appliedCommands = s.appliedCommands.slice(-50);
      await continueAsNew<typeof matter>({ ...input, state: s, ...(input.imported ? { imported: { ...input.imported, steps: [], subjectSteps: {} } } : {}) });
    }
  }
  if (s.stage !== 'closed') await serial.run(closeMatter);
  await condition(allHandlersFinished);
  return view();

  function historyTooLong(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT);
  }

  // ---- The DG's decision on the mode of investigation (Sch3 para 15) ----------------------------
  function validateDecision(cmd: MatterDecisionCommand): void {
    validateCommand(cmd);
    if (isReplay(cmd)) return;
    if (cmd.decision !== 'mode-of-investigation') refuse({ rule: 'known-decision', regulation: null, reason: `unknown decision '${(cmd as { decision: string }).decision}'` });
    if (!s.iopcReferralRequired && !s.referredToIopcVoluntarily) {
      refuse({ rule: 'mode-of-investigation-after-referral', regulation: 'Sch3 para 15', reason: 'this matter was not referred to the IOPC, so the Director General decides no mode of investigation' });
    }
    if (s.modeOfInvestigation) refuse({ rule: 'mode-of-investigation-once', regulation: 'Sch3 para 15', reason: `the mode of investigation is already ${s.modeOfInvestigation}` });
    if (!(MODES_OF_INVESTIGATION as readonly string[]).includes(cmd.mode)) {
      refuse({ rule: 'mode-known', regulation: 'Sch3 para 15', reason: `mode must be one of ${MODES_OF_INVESTIGATION.join(', ')}, not ${JSON.stringify(cmd.mode)}` });
    }
  }

  async function decide(cmd: MatterDecisionCommand): Promise<MatterView> {
    if (isReplay(cmd)) return view();
    judgementLines = [];
    judgementMessages = [];
    s.modeOfInvestigation = cmd.mode;
    s.stage = 'investigation';
    meet('iopc-referral', cmd);
    return commit(cmd, `decision:mode-of-investigation`, 'mode-of-investigation', 'Sch3 para 15', { mode: cmd.mode }, []);
  }

  // ---- Events about the matter as a whole ---------------------------------------------------------
  function validateEvent(cmd: MatterEventCommand): void {
    validateCommand(cmd);
    if (isReplay(cmd)) return;
    if (!(MATTER_EVENTS as readonly string[]).includes(cmd.event)) refuse({ rule: 'known-event', regulation: null, reason: `unknown event ${JSON.stringify(cmd.event)}` });
    if (cmd.note !== undefined && cmd.note !== null && typeof cmd.note !== 'string') refuse({ rule: 'note-text', regulation: null, reason: 'note must be text' });
    switch (cmd.event) {
      case 'referred-to-iopc':
        if (!s.iopcReferralRequired) {
          // Not required, but the appropriate authority may refer it (PRA 2002 Sch 3 paras 4(2)/13(2)/14C(2)).
          const voluntary = voluntaryIopcReferral(referral.kind, (referral.recordableCategories ?? []) as ReferralGround[]);
          if (!voluntary.allowed) refuse({ rule: 'iopc-referral-recordable', regulation: voluntary.regulation, reason: voluntary.reason });
          if (s.referredToIopcOn) refuse({ rule: 'iopc-referral-once', regulation: voluntary.regulation, reason: `referred already on ${s.referredToIopcOn}` });
          if (s.stage === 'closed') refuse({ rule: 'iopc-referral-while-open', regulation: voluntary.regulation, reason: 'the matter is closed' });
          break;
        }
        if (s.referredToIopcOn) refuse({ rule: 'iopc-referral-once', regulation: 'CMR reg 4', reason: `referred already on ${s.referredToIopcOn}` });
        break;
      case 'investigation-completed':
        if (s.investigationCompletedOn) refuse({ rule: 'investigation-completed-once', regulation: 'CR reg 21 / PRA 2002 Sch 3 para 22', reason: `the investigation was completed on ${s.investigationCompletedOn}` });
        break;
      case 'complainant-updated':
      case 'complainant-outcome-sent':
        if (referral.kind !== 'complaint') refuse({ rule: 'complaints-only', regulation: 'CMR reg 34', reason: 'only a complaint has a complainant to update' });
        if (cmd.event === 'complainant-updated' && !cmd.note?.trim()) refuse({ rule: 'update-content-recorded', regulation: 'CMR reg 34', reason: 'note must record what the complainant was told' });
        break;
      case 'timeliness-report-sent':
        if (!s.deadlines.some((d) => (d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat') && judge.outstanding(d))) {
          refuse({ rule: 'timeliness-report-due', regulation: 'CR reg 19 / CMR reg 13', reason: 'no timeliness report is outstanding for this matter' });
        }
        break;
      default:
        refuse({ rule: 'known-event', regulation: null, reason: `unknown event '${(cmd as { event: string }).event}'` });
    }
    if (compareIsoDates(londonDateOf(cmd.occurredAt), referral.receivedOn) < 0) {
      refuse({ rule: 'occurred-at-after-matter-began', regulation: null, reason: `occurredAt ${cmd.occurredAt} is before the matter reached the appropriate authority (${referral.receivedOn})` });
    }
  }

  async function recordEvent(cmd: MatterEventCommand): Promise<MatterView> {
    if (isReplay(cmd)) return view();
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
        if (!s.iopcReferralRequired && patched(VOLUNTARY_IOPC_REFERRAL)) {
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
        if (patched(INVESTIGATION_COMPLETED_ENDS_TIMELINESS)) {
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
        if (patched(COMPLAINANT_OUTCOME_ENDS_UPDATES)) {
          s.complaintOutcomeGivenOn ??= on;
          details.notDue = closeSeriesNotDue(['complainantUpdate'], s.complaintOutcomeGivenOn, cmd).map((d) => d.key);
        }
        await addDeadlines([{ key: 'review-application', ruleId: 'reviewApplication', trigger: on }]);
        regulation = 'CMR reg 34';
        break;
      case 'timeliness-report-sent': {
        regulation = 'CR reg 19 / CMR reg 13';
        if (judged()) {
          await recordTimelinessReport(cmd);
          break;
        }
        // The report answers the oldest one outstanding: a late one (whose successor is already set),
        // else the one now open, whose successor is then set 6 months after its due date.
        const timeliness = s.deadlines.filter((d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat');
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
        regulation = 'CR reg 19 / CMR reg 13';
        break;
      }
    }
    return commit(cmd, `event:${cmd.event}`, cmd.event, regulation, details, []);
  }

  function validateExtension(cmd: ExtensionCommand): void {
    validateCommand(cmd);
    if (isReplay(cmd)) return; // a retried extension is answered, not refused as no longer later than the due date
    book.extendable(s.deadlines, cmd, 'matter');
  }

  async function extend(cmd: ExtensionCommand): Promise<MatterView> {
    if (isReplay(cmd)) return view();
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
        if (judged()) judge.escalated(d, [dgReports ? 'iopc' : 'appropriate-authority', ...(timeliness ? duty.recipients : [])]);
        lines.push(systemAudit(`deadline-missed:${d.key}`, d.ruleId, d.regulation, { dueDate: d.dueDate }));
      }
      // The timeliness report recurs every 6 months while the investigation is open; so do complainant updates.
      if (timeliness) {
        s.timelinessReports += 1;
        // To each recipient the regime and the mode name: the local policing body, and the Director
        // General where the force investigates under Schedule 3 (CMR reg 13), or the chief officer where
        // the Director General reports; the local policing body's message keeps the key it always had.
        for (const to of quietly ? [] : duty.recipients) {
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
    const closedOn = patched(MATTER_CLOSES_ON_ITS_TRACKS_DAY) ? lastTrackClosedOn() : undefined;
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
            checkDecisionCommand(cmd);
            await decide(cmd);
          } else if ('event' in step) {
            const cmd = { ...step.event, commandId };
            checkEventCommand(cmd);
            await recordEvent(cmd);
          } else {
            const cmd = { ...step.extension, commandId };
            checkExtensionCommand(cmd);
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
    const withheld = buffer.outbox.map((m) => ({ ...systemAudit(`imported-message-not-sent:${m.purpose}`, null, null, { purpose: m.purpose, recipient: m.recipient }), idempotencyKey: `${workflowId}:imported-message-not-sent:${m.idempotencyKey}` }));
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
    for (const d of await computeDeadlines(requests)) {
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
    return patched(judge.DEADLINES_JUDGED_WHEN_THEY_HAPPENED);
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

  /** The report answers the oldest one owed; the next is set 6 months after the due date of one answered before the timer reached it. */
  async function recordTimelinessReport(cmd: MatterEventCommand): Promise<void> {
    const answered = judge.oldestOutstanding(s.deadlines, (d) => (TIMELINESS_SERIES as readonly string[]).includes(d.ruleId));
    const wasOpen = answered?.status === 'open';
    take(judge.settle(answered, cmd, recordedAt()));
    if (!answered || !wasOpen) return; // a missed one's successor was set when it was missed
    s.timelinessReports += 1;
    // None is set for a day after the investigation was completed (CR reg 19 / CMR reg 13).
    const ended = s.investigationCompletedOn !== undefined && compareIsoDates(answered.dueDate, s.investigationCompletedOn) >= 0;
    if (!ended && s.stage !== 'closed') await addDeadlines([{ key: `timeliness-report-${s.timelinessReports + 1}`, ruleId: 'timelinessReportRepeat', trigger: answered.dueDate }]);
  }

  /** A judgement's audit lines and messages go with the command's commit. */
  function take(j: judge.Judgement): void {
    for (const l of j.lines) {
      judgementLines.push({ ...systemAudit(l.action, l.rule, l.regulation, l.details), idempotencyKey: `${workflowId}:${l.action}`, ...(l.actor ? { actor: l.actor.id, actorRole: l.actor.role } : {}) });
    }
    for (const m of j.messages) judgementMessages.push(message(m.purpose, m.recipient, m.payload));
  }

  function recordedAt(): string {
    return new Date(Date.now()).toISOString();
  }

  function validateCommand(cmd: CommandBase): void {
    if (!cmd || typeof cmd !== 'object' || !cmd.actor?.id || !cmd.actor?.role) refuse({ rule: 'actor-required', regulation: null, reason: 'the command must say who made it' });
    checkOccurredAt(cmd.occurredAt, undefined, Date.now());
  }

  function isReplay(cmd: CommandBase): boolean {
    return !!cmd.commandId && s.appliedCommands.includes(cmd.commandId);
  }

  async function commit(cmd: CommandBase, action: string, rule: string | null, regulation: string | null, details: Record<string, unknown>, outbox: OutboxRecord[]): Promise<MatterView> {
    if (cmd.commandId) s.appliedCommands.push(cmd.commandId);
    const id = cmd.commandId ?? currentUpdateInfo()?.id ?? `${s.revision + 1}`;
    const judged = { lines: judgementLines, messages: judgementMessages };
    judgementLines = [];
    judgementMessages = [];
    await record([{ ...audit(action, cmd.actor.id, cmd.actor.role, cmd.occurredAt), idempotencyKey: `${workflowId}:${id}`, rule, regulation, details }, ...judged.lines], [...outbox, ...judged.messages]);
    return view();
  }

  function audit(action: string, actor: string, actorRole: string, occurredAt: string): AuditRecord {
    return { idempotencyKey: `${workflowId}:${action}`, matterReference: referral.reference, subjectId: null, actor, actorRole, action, rule: null, regulation: null, occurredAt, details: {} };
  }

  function systemAudit(action: string, rule: string | null, regulation: string | null, details: Record<string, unknown>): AuditRecord {
    return { ...audit(action, 'system', 'system', new Date(Date.now()).toISOString()), idempotencyKey: `${workflowId}:${action}:${s.revision + 1}`, rule, regulation, details };
  }

  function message(purpose: string, recipient: string, payload: Record<string, unknown>): OutboxRecord {
    return { idempotencyKey: `${referral.reference}:matter:${purpose}`, matterReference: referral.reference, subjectId: null, purpose: purpose.split(':')[0], recipient, payload: { forceId: referral.forceId, ...payload } };
  }

  async function record(lines: AuditRecord[], outbox: OutboxRecord[]): Promise<void> {
    s.revision += 1;
    if (importBuffer) {
      importBuffer.lines.push(...lines);
      importBuffer.outbox.push(...outbox);
      return;
    }
    await recordMatterChange({
      snapshot: {
        reference: referral.reference,
        workflowId,
        kind: referral.kind,
        regime,
        ruleSet: s.ruleSet ?? null,
        forceId: referral.forceId,
        stage: s.stage,
        appropriateAuthority: referral.appropriateAuthority,
        iopcReferralRequired: s.iopcReferralRequired,
        modeOfInvestigation: s.modeOfInvestigation ?? null,
        receivedOn: referral.receivedOn,
        deadlines: s.deadlines,
        revision: s.revision,
      },
      audit: lines,
      outbox,
    });
  }

  function view(): MatterView {
    return {
      reference: referral.reference,
      referralCommandId: referral.commandId ?? null,
      kind: referral.kind,
      regime,
      ruleSet: s.ruleSet ?? null,
      forceId: referral.forceId,
      stage: s.stage,
      iopcReferralRequired: s.iopcReferralRequired,
      modeOfInvestigation: s.modeOfInvestigation ?? null,
      referredToIopcVoluntarily: s.referredToIopcVoluntarily ?? false,
      investigationCompletedOn: s.investigationCompletedOn ?? null,
      imported: input.imported ? { importedAt: input.imported.importedAt, fingerprint: input.imported.fingerprint } : null,
      subjects: Object.entries(s.subjects).map(([subjectId, x]) => ({ subjectId, workflowId: x.workflowId, closed: x.closed, outcome: x.outcome ?? null })),
      openDeadlines: book.openDeadlines(s.deadlines),
      revision: s.revision,
    };
  }
}
