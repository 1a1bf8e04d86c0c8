/**
 * The subject's track: what each decision, event, extension and passing deadline does to the state, in
 * the order of the procedure (severity assessment, investigation, case to answer, proceedings, outcome,
 * appeal, close). The workflow (officer-proceedings.workflow.ts) runs these as its update handlers and on
 * its timer, after the checks in checks.ts; the calendar and the database are reached through `ports`
 * (local activities there), so nothing here starts a timer or an activity of its own.
 */
import {
  DEADLINE_RULES,
  DECISION_RULES,
  EVENT_RULES,
  DeadlineRuleId,
  IsoDate,
  ListReport,
  Outcome,
  compareIsoDates,
  endOfLondonDay,
  formOfProceedings,
  formerOfficerRemainsSubject,
  listReportsAfterAppeal,
  londonDateOf,
  requiresBarredListReport,
  warningAfterAppeal,
  warningLiveUntil,
} from '@conduct/domain';
import * as book from '../deadline-book';
import * as judge from '../deadlines/judgement';
import { TIMER_SLACK_MS } from '../limits';
import * as checks from './checks';
import * as lists from './list-reports';
import { subjectView } from './view';
import type {
  AuditRecord,
  CommandBase,
  Deadline,
  DeadlineRequest,
  DecisionCommand,
  EventCommand,
  ExtensionCommand,
  ListReportFindings,
  NoProceedingsRoute,
  OutboxRecord,
  SubjectInput,
  SubjectState,
  SubjectView,
} from '../types';

/** The windows that closed quietly before the rules table said which periods do (closesWhenPassed). */
const FIRST_WINDOWS: DeadlineRuleId[] = ['appealFromMeeting', 'patAppeal', 'writtenWarningLive', 'finalWrittenWarningLive', 'reviewApplication'];

/**
 * From this patch on, every period the rules table calls a window (the officer's representations, response,
 * objection, alternative dates) closes when it passes instead of being escalated as missed: the officer may
 * let it pass. A running track whose history escalated such a period still replays.
 */
export const OFFICER_PERIODS_CLOSE_QUIETLY = 'officer-periods-close-when-passed';

/**
 * From these patches on, an outcome changed on appeal carries what follows from it: a warning quashed is no longer in
 * force (its period recounted when another warning is substituted), and a dismissal overturned or substituted is
 * reported to the College of Policing. A track whose history determined an appeal before them still replays.
 */
export const APPEAL_WARNING_FOLLOWS_OUTCOME = 'appeal-warning-follows-outcome';
export const APPEAL_LIST_REPORTS_FOLLOW_OUTCOME = 'appeal-list-reports-follow-outcome';

/** A step that follows from a command (a warning quashed by an appeal), with its own audit line. */
interface FollowingStep {
  action: string;
  rule: string | null;
  regulation: string | null;
  details: Record<string, unknown>;
}

/** The outcome reported to the barred list, with what the decision reaching it recorded (an outcome, or an appeal's substitute). */
type OutcomeDecision = ListReportFindings & { outcome: Outcome };

/** What the track asks of the workflow around it. */
export interface TrackPorts {
  /** Counts deadlines on the working-day calendar (a local activity: the result is kept in history). */
  computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]>;
  /** Writes a change: the projection's snapshot at the next revision, its audit lines and its outgoing messages. */
  record(lines: AuditRecord[], outbox?: OutboxRecord[]): Promise<void>;
  /** The id of the update being applied, which keys its audit line when the command carries no id of its own. */
  updateId(): string | undefined;
  /** Whether this run takes the change named (Temporal's patched(): true from the patch on, false on replay of older runs). */
  patched(id: string): boolean;
}

export type SubjectTrack = ReturnType<typeof subjectTrack>;

export function subjectTrack(input: SubjectInput, workflowId: string, s: SubjectState, ports: TrackPorts) {
  const { subject } = input;
  /** Set while an import passes the time to a step's instant (fireTimersAsOf); otherwise the timers run at now. */
  let asOf: number | undefined;
  /** The command being applied, and the audit lines its deadlines' judgements add (deadlines/judgement.ts). */
  let step: CommandBase | undefined;
  let judgementLines: AuditRecord[] = [];
  let judgementMessages: OutboxRecord[] = [];
  return { decide, recordSubjectEvent, extend, fireTimers, fireTimersAsOf, audit, view };

  // ---- Decisions of the appropriate authority ---------------------------------------------------
  async function decide(cmd: DecisionCommand): Promise<SubjectView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    begin(cmd);
    const on = londonDateOf(cmd.occurredAt);
    const ruleRef: { rule: string | null; regulation: string | null } = { rule: DECISION_RULES[cmd.decision].rule, regulation: DECISION_RULES[cmd.decision].regulation };
    const outbox: OutboxRecord[] = [];
    const follows: FollowingStep[] = [];
    switch (cmd.decision) {
      case 'severity-assessment':
        s.severity = cmd.severity;
        s.likelyForm = cmd.likelyForm;
        if (cmd.severity === 'neither') {
          closeTrack(cmd.routeIfNeither ?? 'no-further-action');
        } else {
          s.stage = 'investigation';
          await addDeadlines([{ key: 'notice-of-investigation', ruleId: 'noticeOfInvestigation', trigger: on }]);
        }
        break;
      case 'severity-revision':
        s.severity = cmd.severity;
        s.likelyForm = cmd.likelyForm ?? s.likelyForm;
        outbox.push(message('severity-revised-notice', 'officer', { severity: cmd.severity, regulation: 'CMR reg 19' }));
        break;
      case 'special-conditions':
        s.specialConditionsCertified = true;
        // Certified after referral to an ordinary hearing: the case goes to an accelerated hearing instead.
        if (s.stage === 'misconduct-hearing') {
          s.stage = 'accelerated-hearing';
          s.form = 'accelerated-hearing';
          book.cancelAll(s.deadlines, (k) => ['objection-to-chair', 'officer-response', 'witness-lists', 'documents-to-chair', 'pre-hearing'].includes(k));
        }
        break;
      case 'case-to-answer':
        s.caseToAnswer = cmd.caseToAnswer;
        s.severalUnconnectedIncidents = cmd.severalUnconnectedIncidents ?? false;
        meet('case-to-answer-decision');
        if (cmd.caseToAnswer === 'none') {
          closeTrack(cmd.routeIfNone ?? 'no-further-action');
        } else if (subject.kind === 'police-staff') {
          closeTrack('local-disciplinary-referral');
        } else {
          // The validator asked checkFormOfProceedings the same question, so this does not throw.
          const route = formOfProceedings(checks.formQuestion(s, cmd.caseToAnswer));
          s.form = route.form;
          s.stage = route.form;
          ruleRef.regulation = `${ruleRef.regulation}; ${route.regulation}`;
        }
        break;
      case 'withdrawal':
        closeTrack(cmd.route);
        outbox.push(message('withdrawal-notice', 'officer', { route: cmd.route, regulation: 'CR reg 27' }));
        break;
      case 'outcome':
        s.outcome = cmd.outcome;
        s.stage = 'outcome';
        if (requiresBarredListReport(cmd.outcome).required) await reportToBarredList(cmd, on, outbox);
        s.warningMonths = cmd.warningMonths;
        break;
      case 'appeal-determination': {
        const before = s.outcome!;
        const outcome: Outcome = cmd.result === 'allowed' ? cmd.substitutedOutcome ?? 'no-action' : before;
        s.outcome = outcome;
        if (outcome !== before) {
          if (ports.patched(APPEAL_WARNING_FOLLOWS_OUTCOME)) warningFollowsAppeal(outcome, follows);
          if (ports.patched(APPEAL_LIST_REPORTS_FOLLOW_OUTCOME)) await listReportsFollowAppeal({ ...cmd, outcome }, before, on, outbox, follows);
        }
        await addDeadlines([{ key: 'appeal-decision-notice', ruleId: 'appealDecisionNotice', trigger: on }]);
        closeTrack('outcome');
        break;
      }
    }
    markApplied(cmd);
    await reportAdvisoryListRemovalIfOwed(londonDateOf(cmd.occurredAt), outbox);
    return commit(cmd, `decision:${cmd.decision}`, ruleRef, decisionDetails(cmd), outbox, follows);
  }

  // ---- Events recorded by case officers and investigators --------------------------------------
  async function recordSubjectEvent(cmd: EventCommand): Promise<SubjectView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    begin(cmd);
    const on = londonDateOf(cmd.occurredAt);
    const ruleRef = { rule: EVENT_RULES[cmd.event].rule, regulation: EVENT_RULES[cmd.event].regulation };
    const outbox: OutboxRecord[] = [];
    const details: Record<string, unknown> = { scheduledFor: ('scheduledFor' in cmd ? cmd.scheduledFor : undefined) ?? null, note: cmd.note ?? null };
    switch (cmd.event) {
      case 'notice-of-investigation-served':
        s.noticeOfInvestigationServedOn = on;
        meet('notice-of-investigation');
        await addDeadlines([{ key: 'representations', ruleId: 'representations', trigger: on }]);
        break;
      case 'notice-of-investigation-delayed':
        // A delay is lawful where service would prejudice the investigation, but it must be recorded.
        book.close(s.deadlines, 'notice-of-investigation', 'cancelled');
        break;
      case 'representations-received':
        meet('representations');
        break;
      case 'interview-arranged':
        await addDeadlines([{ key: 'alternative-interview-date', ruleId: 'alternativeInterviewDate', trigger: on }]);
        break;
      case 'disclosure-given':
        s.disclosureGivenOn = on;
        break;
      case 'interview-held':
        s.interviewHeldOn = on;
        meet('alternative-interview-date');
        // Disclosure handed over on the day of interview is a known abuse: make it visible.
        details.disclosureBeforeInterview = !!s.disclosureGivenOn && compareIsoDates(s.disclosureGivenOn, on) < 0;
        break;
      case 'investigator-report-submitted':
        s.reportSubmittedOn = on;
        s.stage = 'awaiting-case-to-answer';
        book.cancelAll(s.deadlines, (k) => ['notice-of-investigation', 'representations', 'alternative-interview-date'].includes(k));
        notOwedAfter((d) => ['notice-of-investigation', 'representations', 'alternative-interview-date'].includes(d.key), on, 'the investigator reported');
        await addDeadlines([{ key: 'case-to-answer-decision', ruleId: 'caseToAnswerDecision', trigger: on }]);
        break;
      case 'suspended':
        s.suspended = true;
        // Suspension replaces restricted duties or a redeployment; lifting it returns the officer to full duties.
        s.restrictedDuties = undefined;
        s.suspensionReviews = 0;
        await addDeadlines([{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
        break;
      case 'suspension-reviewed':
        s.suspensionReviews += 1;
        meet('suspension-review');
        await addDeadlines([{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
        break;
      case 'suspension-lifted':
        s.suspended = false;
        endSuspensionReviews(on);
        break;
      // Restricted duties and redeployment are not a suspension: no reg 11 review falls due for them.
      case 'placed-on-restricted-duties':
        s.restrictedDuties = 'restricted';
        break;
      case 'redeployed':
        s.restrictedDuties = 'redeployed';
        break;
      case 'returned-to-full-duties':
        s.restrictedDuties = undefined;
        break;
      case 'criminal-charge':
        s.heldForCriminalProceedings = true;
        outbox.push(message('criminal-proceedings-hold-notice', 'appropriate-authority', { regulation: 'CR reg 10' }));
        break;
      case 'criminal-proceedings-concluded':
        s.heldForCriminalProceedings = false;
        break;
      case 'resigned':
      case 'retired':
        await leaveService(cmd.event, on, cmd.allegationSummary, outbox);
        break;
      case 'notice-of-referral-served':
        if (s.stage === 'accelerated-hearing') {
          await addDeadlines([{ key: 'accelerated-hearing', ruleId: 'acceleratedHearing', trigger: on }]);
        } else {
          await addDeadlines([
            { key: 'objection-to-chair', ruleId: 'objectionToChairOrPanel', trigger: on },
            { key: 'officer-response', ruleId: 'officerResponse', trigger: on },
          ]);
        }
        break;
      case 'panel-objection-upheld': {
        // A fresh 10-15 working-day window from the upheld objection replaces the first one.
        await addDeadlines([{ key: 'accelerated-hearing', ruleId: 'acceleratedHearingAfterUpheldObjection', trigger: on }]);
        s.proceedingsScheduledFor = undefined;
        break;
      }
      case 'officer-response-received':
        meet('officer-response');
        await addDeadlines([
          { key: 'witness-lists', ruleId: 'witnessLists', trigger: on },
          { key: 'documents-to-chair', ruleId: 'documentsToChair', trigger: on },
        ]);
        break;
      case 'documents-supplied-to-chair':
        meet('witness-lists');
        meet('documents-to-chair');
        await addDeadlines([
          s.stage === 'misconduct-meeting'
            ? { key: 'misconduct-meeting', ruleId: 'misconductMeeting', trigger: on }
            : { key: 'pre-hearing', ruleId: 'preHearing', trigger: on },
        ]);
        break;
      case 'pre-hearing-held':
        meet('pre-hearing');
        break;
      case 'proceedings-scheduled':
        s.proceedingsScheduledFor = cmd.scheduledFor;
        break;
      case 'proceedings-held':
        s.proceedingsHeldOn = on;
        for (const key of ['misconduct-meeting', 'accelerated-hearing', 'pre-hearing', 'objection-to-chair']) meet(key);
        await addDeadlines([
          {
            key: 'outcome-report',
            ruleId: s.stage === 'accelerated-hearing' ? 'outcomeReportAcceleratedHearing' : 'outcomeReport',
            trigger: on,
          },
        ]);
        break;
      case 'outcome-report-delivered':
        meet('outcome-report');
        break;
      case 'outcome-notified':
        await notifyOutcome(on);
        break;
      case 'appeal-lodged':
        s.appealLodged = true;
        meet('appeal-window');
        break;
      case 'barred-list-report-sent':
        // The further report removing the entry after an appeal (reg 5) is a barred-list report too.
        if (!meet('barred-list-report')) meet('barred-list-removal');
        break;
      case 'advisory-list-report-sent':
        meet('advisory-list-report');
        break;
      case 'list-report-details-supplied': {
        // The whole report again, completed, under its own key: the receiver keeps both and the later one wins.
        const report = cmd.report!;
        const kept = lists.completeListReport(s, report, cmd.details!);
        outbox.push(message(`${report}:correction-${kept.corrections}`, 'college-of-policing', {
          ...kept.payload,
          correction: kept.corrections,
          completes: `${input.matterReference}:${subject.subjectId}:${report}`,
        }));
        // The audit line names the fields supplied, not their values (personal data).
        details.report = report;
        details.fieldsSupplied = Object.keys(cmd.details!);
        break;
      }
    }
    markApplied(cmd);
    await reportAdvisoryListRemovalIfOwed(londonDateOf(cmd.occurredAt), outbox);
    return commit(cmd, `event:${cmd.event}`, ruleRef, details, outbox);
  }

  /** Resignation or retirement does not end the case: the advisory list, and gross misconduct goes on (CR reg 4). */
  async function leaveService(how: 'resigned' | 'retired', on: IsoDate, allegationSummary: string | undefined, outbox: OutboxRecord[]): Promise<void> {
    s.leftService = { how, on };
    s.suspended = false;
    s.restrictedDuties = undefined;
    endSuspensionReviews(on);
    await reportToAdvisoryList({ how, on, allegationSummary }, outbox);
    const continues = formerOfficerRemainsSubject({
      severity: (s.caseToAnswer && s.caseToAnswer !== 'none' ? s.caseToAnswer : s.severity) ?? 'neither',
      leftOn: on,
      allegationReachedAaOn: input.receivedOn,
      allegationReceivedOn: input.receivedOn,
      directorGeneralDetermination: false,
    });
    if (!continues.continues) {
      closeTrack('former-officer-no-gross-misconduct');
      await reportAdvisoryListRemoval(on, outbox);
    }
  }

  // ---- Reports to the College of Policing (barred list, advisory list, removal) ---------------------
  // Each is a step of its own: count the report's deadline, then queue the report (list-reports.ts says what it carries).

  /** A dismissal (or a finding that a former officer would have been dismissed) is reported to the barred list (reg 3). */
  async function reportToBarredList(cmd: OutcomeDecision, on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
    const [due] = await addDeadlines([{ key: 'barred-list-report', ruleId: 'barredListReport', trigger: on }]);
    s.barredListReportDue = due.dueDate;
    queueListReport('barred-list-report', outbox, lists.barredListReport(subject, s, cmd, on, due.dueDate));
  }

  /** A resignation or retirement while under investigation is reported to the advisory list (reg 12). */
  async function reportToAdvisoryList(left: { how: 'resigned' | 'retired'; on: IsoDate; allegationSummary: string | undefined }, outbox: OutboxRecord[]): Promise<void> {
    const [due] = await addDeadlines([{ key: 'advisory-list-report', ruleId: 'advisoryListReport', trigger: left.on }]);
    s.advisoryListReported = true;
    queueListReport('advisory-list-report', outbox, lists.advisoryListReport(subject, s, left, due.dueDate));
  }

  /** The advisory-list entry is removed once the track has closed without a "would have been dismissed" finding (Police Act 1996 s.88L). */
  async function reportAdvisoryListRemoval(on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
    s.advisoryListRemovalReported = true;
    await addDeadlines([{ key: 'advisory-list-removal', ruleId: 'advisoryListRemoval', trigger: on }]);
    queueListReport('advisory-list-removal', outbox, lists.advisoryListRemoval(subject, s, on));
  }

  /** The last step of every command: a command that closed the track reports the advisory-list removal it owes. */
  async function reportAdvisoryListRemovalIfOwed(on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
    if (lists.owesAdvisoryListRemoval(s)) await reportAdvisoryListRemoval(on, outbox);
  }

  /** Queue a report to the College of Policing, keeping it so a refused one can be completed and sent again. */
  function queueListReport(report: ListReport, outbox: OutboxRecord[], payload: Record<string, unknown>): void {
    lists.keepListReport(s, report, payload);
    outbox.push(message(report, 'college-of-policing', payload));
  }

  // ---- An outcome changed on appeal: the warning and the reports follow it ------------------------------

  /** A warning quashed on appeal is no longer in force; a warning substituted runs from the original notification (warningAfterAppeal). */
  function warningFollowsAppeal(outcome: Outcome, follows: FollowingStep[]): void {
    const was = s.warningLiveUntil ?? null;
    const next = s.outcomeNotifiedOn ? warningAfterAppeal(outcome, s.outcomeNotifiedOn) : null;
    s.warningMonths = undefined;
    if (next) {
      s.warningLiveUntil = next.liveUntil;
      s.warningExpired = false;
      addWarningExpiry(next.ruleId, s.outcomeNotifiedOn!, next.liveUntil);
      follows.push({ action: 'warning-period-recounted', rule: next.ruleId, regulation: DEADLINE_RULES[next.ruleId].regulation, details: { outcome, notifiedOn: s.outcomeNotifiedOn, liveUntil: next.liveUntil, was } });
    } else if (was) {
      s.warningLiveUntil = undefined;
      book.close(s.deadlines, 'warning-live', 'cancelled');
      follows.push({ action: 'warning-quashed', rule: 'warning-follows-appeal', regulation: 'CR reg 42 / reg 47', details: { outcome, was } });
    }
  }

  /**
   * A dismissal overturned on appeal: the barred-list report still owed is no longer owed, and a further report removes the
   * entry (reg 5). A dismissal substituted on appeal is reported to the barred list as any dismissal is (reg 3).
   */
  async function listReportsFollowAppeal(decided: OutcomeDecision, before: Outcome, on: IsoDate, outbox: OutboxRecord[], follows: FollowingStep[]): Promise<void> {
    const reports = listReportsAfterAppeal(before, decided.outcome);
    if (reports.barredListRemoval) {
      const owed = book.findOutstanding(s.deadlines, 'barred-list-report');
      if (owed) owed.status = 'cancelled';
      s.barredListReportDue = undefined;
      const [due] = await addDeadlines([{ key: 'barred-list-removal', ruleId: 'barredListRemoval', trigger: on }]);
      queueListReport('barred-list-removal', outbox, lists.barredListRemoval(subject, before, decided.outcome, on, due.dueDate));
      follows.push({ action: 'barred-list-removal-reported', rule: 'barredListRemoval', regulation: 'BL&AL Regs reg 5', details: { dismissalOverturned: before, outcome: decided.outcome, barredListReportCancelled: !!owed, dueDate: due.dueDate } });
    }
    if (reports.barredListReport) await reportToBarredList(decided, on, outbox);
  }

  async function notifyOutcome(on: IsoDate): Promise<void> {
    s.outcomeNotifiedOn = on;
    if (s.outcome === 'written-warning' || s.outcome === 'final-written-warning') {
      s.warningLiveUntil = warningLiveUntil(s.outcome, on, s.warningMonths);
      addWarningExpiry(s.outcome === 'written-warning' ? 'writtenWarningLive' : 'finalWrittenWarningLive', on, s.warningLiveUntil);
    }
    const appealRule: DeadlineRuleId = s.form === 'misconduct-meeting' ? 'appealFromMeeting' : 'patAppeal';
    if (s.outcome === 'would-have-been-dismissed' || s.outcome === 'no-action') {
      closeTrack('outcome');
      return;
    }
    s.stage = 'appeal';
    await addDeadlines([{ key: 'appeal-window', ruleId: appealRule, trigger: on }]);
  }

  // ---- Deadline extensions ------------------------------------------------------------------------
  async function extend(cmd: ExtensionCommand): Promise<SubjectView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    begin(cmd);
    const d = book.extendable(s.deadlines, cmd, 'subject');
    book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
    const outbox: OutboxRecord[] = [];
    markApplied(cmd);
    await reportAdvisoryListRemovalIfOwed(londonDateOf(cmd.occurredAt), outbox);
    return commit(cmd, 'deadline-extended', { rule: 'deadline-extension', regulation: d.regulation }, { key: d.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy }, outbox);
  }

  // ---- Timers: reminders before a deadline, escalation when it passes -----------------------------
  async function fireTimers(): Promise<void> {
    step = undefined; // no command in hand: what a timer closes is judged by the timer
    const now = asOf ?? Date.now() + TIMER_SLACK_MS;
    const lines: AuditRecord[] = [];
    const outbox: OutboxRecord[] = [];
    for (const d of book.openDeadlines(s.deadlines)) {
      // A deadline held for the grace (back-dated) owes nothing yet; only the new code holds one.
      const due = judge.timersDue(d, now);
      if (due.remind) {
        d.reminded = true;
        // A reminder that fell before the import belonged to the department's old system: not sent now.
        if (d.remindAt && beforeImport(d.remindAt)) continue;
        outbox.push(message(`reminder:${d.key}:${d.dueDate}`, 'case-officer', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
        lines.push(systemAudit(`deadline-reminder:${d.key}:${d.dueDate}`, d));
      }
      if (due.passed) {
        if (closesWhenPassed(d.ruleId)) {
          d.status = 'met';
          lines.push(systemAudit(`window-closed:${d.key}:${d.dueDate}`, d));
          if (d.key === 'appeal-window' && s.stage === 'appeal' && !s.appealLodged) closeTrack('outcome', d.dueDate);
          if (d.key === 'warning-live') s.warningExpired = true;
        } else if (beforeImport(d.dueAt)) {
          // Passed before the import with nothing recorded to meet it: missed, as the data says, and not escalated now.
          d.status = 'missed';
          lines.push(systemAudit(`deadline-missed-before-import:${d.key}:${d.dueDate}`, d));
        } else {
          d.status = 'missed';
          outbox.push(message(`escalation:${d.key}:${d.dueDate}`, 'appropriate-authority', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
          if (judged()) judge.escalated(d, ['appropriate-authority']);
          lines.push(systemAudit(`deadline-missed:${d.key}:${d.dueDate}`, d));
        }
      }
    }
    if (lists.owesAdvisoryListRemoval(s)) {
      await reportAdvisoryListRemoval(londonDateOf(new Date(asOf ?? Date.now()).toISOString()), outbox);
      lines.push(audit('advisory-list-removal-owed', { rule: 'advisoryListRemoval', regulation: 'Police Act 1996 s.88L' }, {}));
    }
    if (lines.length) await ports.record(lines, outbox);
  }

  /** The timers as they would have fired at `at` (an imported step's instant): see subject/import.ts. */
  async function fireTimersAsOf(at: number): Promise<void> {
    asOf = at;
    try {
      await fireTimers();
    } finally {
      asOf = undefined;
    }
  }

  // ---- Helpers --------------------------------------------------------------------------------------
  /** An instant at or before the import that brought this track in (never, for a track referred live). */
  function beforeImport(instant: string): boolean {
    return input.imported !== undefined && Date.parse(instant) <= Date.parse(input.imported.importedAt);
  }

  function closesWhenPassed(ruleId: DeadlineRuleId): boolean {
    if (FIRST_WINDOWS.includes(ruleId)) return true;
    return DEADLINE_RULES[ruleId].closesWhenPassed === true && ports.patched(OFFICER_PERIODS_CLOSE_QUIETLY);
  }

  /** Closes the track on the day it closed: the step's own day, or `on` (a window that passed), else today. */
  function closeTrack(because: NoProceedingsRoute | 'outcome' | 'local-disciplinary-referral' | 'former-officer-no-gross-misconduct', on?: IsoDate): void {
    s.stage = 'closed';
    s.closedBecause = because;
    s.closedOn = on ?? londonDateOf(step ? step.occurredAt : new Date(Date.now()).toISOString());
    // Reports to the College of Policing and live warnings outlast the case; every other deadline ends with it.
    const outlast = ['barred-list-report', 'barred-list-removal', 'advisory-list-report', 'advisory-list-removal', 'warning-live', 'appeal-decision-notice'];
    book.cancelAll(s.deadlines, (k) => !outlast.includes(k));
    // Closed by a back-dated step: nothing fell due for the case after the day it ended.
    if (step) notOwedAfter((d) => !outlast.includes(d.key), londonDateOf(step.occurredAt), 'the case closed');
  }

  // ---- Judging deadlines by when their steps happened (deadlines/judgement.ts) -----------------------
  function judged(): boolean {
    return ports.patched(judge.DEADLINES_JUDGED_WHEN_THEY_HAPPENED);
  }

  function begin(cmd: CommandBase): void {
    step = cmd;
    judgementLines = [];
    judgementMessages = [];
  }

  /** The step in hand settles the deadline it answers: met if it happened in time, however late it is recorded. Whether one was owed. */
  function meet(key: string): boolean {
    if (!step || !judged()) return !!book.close(s.deadlines, key, 'met');
    const owed = judge.latestOutstanding(s.deadlines, key);
    take(judge.settle(owed, step, recordedAt()));
    return !!owed;
  }

  /** Suspension reviews stop on the day the suspension ended (CR reg 11), however late that is recorded. */
  function endSuspensionReviews(on: IsoDate): void {
    if (!judged()) {
      book.close(s.deadlines, 'suspension-review', 'cancelled');
      return;
    }
    notOwedAfter((d) => d.key === 'suspension-review', on, 'the suspension ended');
  }

  function notOwedAfter(which: (d: Deadline) => boolean, endedOn: IsoDate, because: string): void {
    if (!judged()) return;
    take(judge.notOwedAfter(s.deadlines, which, endedOn, step, recordedAt(), because));
  }

  /** A judgement's audit lines and messages go with the step's commit. */
  function take(j: judge.Judgement): void {
    for (const l of j.lines) judgementLines.push({ ...audit(l.action, { rule: l.rule, regulation: l.regulation }, l.details), ...(l.actor ? { actor: l.actor.id, actorRole: l.actor.role } : {}) });
    for (const m of j.messages) judgementMessages.push(message(m.purpose, m.recipient, m.payload));
  }

  function recordedAt(): string {
    return new Date(Date.now()).toISOString();
  }

  async function addDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]> {
    const computed = await ports.computeDeadlines(requests);
    for (const d of computed) hold(d);
    for (const d of computed) book.put(s.deadlines, d);
    return computed;
  }

  /** A deadline set already past its reminder or due time waits for the grace before it reminds or escalates. */
  function hold(d: Deadline): void {
    // What fell before an import is the past, closed quietly (beforeImport): no grace to wait for.
    if (judged() && !fellBeforeImport(d)) judge.holdIfBackdated(d, Date.now());
  }

  function fellBeforeImport(d: Deadline): boolean {
    return beforeImport(d.dueAt) || (d.remindAt !== undefined && beforeImport(d.remindAt));
  }

  function addWarningExpiry(ruleId: DeadlineRuleId, from: IsoDate, until: IsoDate): void {
    const rule = DEADLINE_RULES[ruleId];
    const expiry: Deadline = {
      key: 'warning-live',
      ruleId,
      name: rule.name,
      regulation: rule.regulation,
      trigger: from,
      dueDate: until,
      dueAt: endOfLondonDay(until),
      reminded: true,
      status: 'open',
      extensions: [],
      target: false,
    };
    hold(expiry);
    book.put(s.deadlines, expiry);
  }

  function markApplied(cmd: CommandBase): void {
    if (cmd.commandId) s.appliedCommands.push(cmd.commandId);
  }

  async function commit(
    cmd: CommandBase,
    action: string,
    ruleRef: { rule: string | null; regulation: string | null },
    details: Record<string, unknown>,
    outbox: OutboxRecord[],
    follows: FollowingStep[] = [],
  ): Promise<SubjectView> {
    const id = cmd.commandId ?? ports.updateId() ?? `${s.revision + 1}`;
    const judged = { lines: judgementLines, messages: judgementMessages };
    step = undefined;
    judgementLines = [];
    judgementMessages = [];
    const line = (key: string, what: FollowingStep): AuditRecord => ({
      idempotencyKey: key,
      matterReference: input.matterReference,
      subjectId: subject.subjectId,
      actor: cmd.actor.id,
      actorRole: cmd.actor.role,
      action: what.action,
      rule: what.rule,
      regulation: what.regulation,
      occurredAt: cmd.occurredAt,
      details: what.details,
    });
    // What the command made follow (a warning quashed, a report owed) has its own line, by the same hand and time;
    // then what judging its deadlines found (a miss corrected, a deadline no longer owed).
    await ports.record(
      [line(`${workflowId}:${id}`, { action, ...ruleRef, details }), ...follows.map((f) => line(`${workflowId}:${id}:${f.action}`, f)), ...judged.lines],
      [...outbox, ...judged.messages],
    );
    return view();
  }

  function audit(action: string, ruleRef: { rule: string | null; regulation: string | null }, details: Record<string, unknown>): AuditRecord {
    return {
      idempotencyKey: `${workflowId}:${action}`,
      matterReference: input.matterReference,
      subjectId: subject.subjectId,
      actor: 'system',
      actorRole: 'system',
      action,
      occurredAt: new Date(Date.now()).toISOString(),
      details,
      ...ruleRef,
    };
  }

  function systemAudit(action: string, d: Deadline): AuditRecord {
    return audit(action, { rule: d.ruleId, regulation: d.regulation }, { deadline: d.name, dueDate: d.dueDate });
  }

  function message(purpose: string, recipient: string, payload: Record<string, unknown>): OutboxRecord {
    return {
      idempotencyKey: `${input.matterReference}:${subject.subjectId}:${purpose}`,
      matterReference: input.matterReference,
      subjectId: subject.subjectId,
      purpose: purpose.split(':')[0],
      recipient,
      payload: { forceId: input.forceId, ...payload },
    };
  }

  function view(): SubjectView {
    return subjectView(input, s);
  }
}

function decisionDetails(cmd: DecisionCommand): Record<string, unknown> {
  const { actor: _actor, occurredAt: _at, commandId: _id, ...rest } = cmd;
  return rest;
}
