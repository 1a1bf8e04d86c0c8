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
  londonDateOf,
  requiresBarredListReport,
  warningLiveUntil,
} from '@conduct/domain';
import * as book from '../deadline-book';
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
  return { decide, recordSubjectEvent, extend, fireTimers, fireTimersAsOf, audit, view };

  // ---- Decisions of the appropriate authority ---------------------------------------------------
  async function decide(cmd: DecisionCommand): Promise<SubjectView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    const on = londonDateOf(cmd.occurredAt);
    const ruleRef: { rule: string | null; regulation: string | null } = { rule: DECISION_RULES[cmd.decision].rule, regulation: DECISION_RULES[cmd.decision].regulation };
    const outbox: OutboxRecord[] = [];
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
        book.close(s.deadlines, 'case-to-answer-decision', 'met');
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
        const outcome: Outcome = cmd.result === 'allowed' ? cmd.substitutedOutcome ?? 'no-action' : s.outcome!;
        s.outcome = outcome;
        await addDeadlines([{ key: 'appeal-decision-notice', ruleId: 'appealDecisionNotice', trigger: on }]);
        closeTrack('outcome');
        break;
      }
    }
    markApplied(cmd);
    await reportAdvisoryListRemovalIfOwed(londonDateOf(cmd.occurredAt), outbox);
    return commit(cmd, `decision:${cmd.decision}`, ruleRef, decisionDetails(cmd), outbox);
  }

  // ---- Events recorded by case officers and investigators --------------------------------------
  async function recordSubjectEvent(cmd: EventCommand): Promise<SubjectView> {
    if (checks.alreadyApplied(s, cmd)) return view();
    const on = londonDateOf(cmd.occurredAt);
    const ruleRef = { rule: EVENT_RULES[cmd.event].rule, regulation: EVENT_RULES[cmd.event].regulation };
    const outbox: OutboxRecord[] = [];
    const details: Record<string, unknown> = { scheduledFor: cmd.scheduledFor ?? null, note: cmd.note ?? null };
    switch (cmd.event) {
      case 'notice-of-investigation-served':
        s.noticeOfInvestigationServedOn = on;
        book.close(s.deadlines, 'notice-of-investigation', 'met');
        await addDeadlines([{ key: 'representations', ruleId: 'representations', trigger: on }]);
        break;
      case 'notice-of-investigation-delayed':
        // A delay is lawful where service would prejudice the investigation, but it must be recorded.
        book.close(s.deadlines, 'notice-of-investigation', 'cancelled');
        break;
      case 'representations-received':
        book.close(s.deadlines, 'representations', 'met');
        break;
      case 'interview-arranged':
        await addDeadlines([{ key: 'alternative-interview-date', ruleId: 'alternativeInterviewDate', trigger: on }]);
        break;
      case 'disclosure-given':
        s.disclosureGivenOn = on;
        break;
      case 'interview-held':
        s.interviewHeldOn = on;
        book.close(s.deadlines, 'alternative-interview-date', 'met');
        // Disclosure handed over on the day of interview is a known abuse: make it visible.
        details.disclosureBeforeInterview = !!s.disclosureGivenOn && compareIsoDates(s.disclosureGivenOn, on) < 0;
        break;
      case 'investigator-report-submitted':
        s.reportSubmittedOn = on;
        s.stage = 'awaiting-case-to-answer';
        book.cancelAll(s.deadlines, (k) => ['notice-of-investigation', 'representations', 'alternative-interview-date'].includes(k));
        await addDeadlines([{ key: 'case-to-answer-decision', ruleId: 'caseToAnswerDecision', trigger: on }]);
        break;
      case 'suspended':
        s.suspended = true;
        s.suspensionReviews = 0;
        await addDeadlines([{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
        break;
      case 'suspension-reviewed':
        s.suspensionReviews += 1;
        book.close(s.deadlines, 'suspension-review', 'met');
        await addDeadlines([{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
        break;
      case 'suspension-lifted':
        s.suspended = false;
        book.close(s.deadlines, 'suspension-review', 'cancelled');
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
        book.close(s.deadlines, 'officer-response', 'met');
        await addDeadlines([
          { key: 'witness-lists', ruleId: 'witnessLists', trigger: on },
          { key: 'documents-to-chair', ruleId: 'documentsToChair', trigger: on },
        ]);
        break;
      case 'documents-supplied-to-chair':
        book.close(s.deadlines, 'witness-lists', 'met');
        book.close(s.deadlines, 'documents-to-chair', 'met');
        await addDeadlines([
          s.stage === 'misconduct-meeting'
            ? { key: 'misconduct-meeting', ruleId: 'misconductMeeting', trigger: on }
            : { key: 'pre-hearing', ruleId: 'preHearing', trigger: on },
        ]);
        break;
      case 'pre-hearing-held':
        book.close(s.deadlines, 'pre-hearing', 'met');
        break;
      case 'proceedings-scheduled':
        s.proceedingsScheduledFor = cmd.scheduledFor;
        break;
      case 'proceedings-held':
        s.proceedingsHeldOn = on;
        for (const key of ['misconduct-meeting', 'accelerated-hearing', 'pre-hearing', 'objection-to-chair']) book.close(s.deadlines, key, 'met');
        await addDeadlines([
          {
            key: 'outcome-report',
            ruleId: s.stage === 'accelerated-hearing' ? 'outcomeReportAcceleratedHearing' : 'outcomeReport',
            trigger: on,
          },
        ]);
        break;
      case 'outcome-report-delivered':
        book.close(s.deadlines, 'outcome-report', 'met');
        break;
      case 'outcome-notified':
        await notifyOutcome(on);
        break;
      case 'appeal-lodged':
        s.appealLodged = true;
        book.close(s.deadlines, 'appeal-window', 'met');
        break;
      case 'barred-list-report-sent':
        book.close(s.deadlines, 'barred-list-report', 'met');
        break;
      case 'advisory-list-report-sent':
        book.close(s.deadlines, 'advisory-list-report', 'met');
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
    book.close(s.deadlines, 'suspension-review', 'cancelled');
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
  async function reportToBarredList(cmd: Extract<DecisionCommand, { decision: 'outcome' }>, on: IsoDate, outbox: OutboxRecord[]): Promise<void> {
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
    const d = book.extendable(s.deadlines, cmd, 'subject');
    book.extend(d, cmd.newDueDate, { reason: cmd.reason, agreedBy: cmd.agreedBy, recordedBy: cmd.actor.id });
    const outbox: OutboxRecord[] = [];
    markApplied(cmd);
    await reportAdvisoryListRemovalIfOwed(londonDateOf(cmd.occurredAt), outbox);
    return commit(cmd, 'deadline-extended', { rule: 'deadline-extension', regulation: d.regulation }, { key: d.key, to: cmd.newDueDate, reason: cmd.reason, agreedBy: cmd.agreedBy }, outbox);
  }

  // ---- Timers: reminders before a deadline, escalation when it passes -----------------------------
  async function fireTimers(): Promise<void> {
    const now = asOf ?? Date.now() + TIMER_SLACK_MS;
    const lines: AuditRecord[] = [];
    const outbox: OutboxRecord[] = [];
    for (const d of book.openDeadlines(s.deadlines)) {
      if (d.remindAt && !d.reminded && Date.parse(d.remindAt) <= now && Date.parse(d.dueAt) > now) {
        d.reminded = true;
        // A reminder that fell before the import belonged to the department's old system: not sent now.
        if (beforeImport(d.remindAt)) continue;
        outbox.push(message(`reminder:${d.key}:${d.dueDate}`, 'case-officer', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
        lines.push(systemAudit(`deadline-reminder:${d.key}:${d.dueDate}`, d));
      }
      if (Date.parse(d.dueAt) <= now) {
        if (closesWhenPassed(d.ruleId)) {
          d.status = 'met';
          lines.push(systemAudit(`window-closed:${d.key}:${d.dueDate}`, d));
          if (d.key === 'appeal-window' && s.stage === 'appeal' && !s.appealLodged) closeTrack('outcome');
          if (d.key === 'warning-live') s.warningExpired = true;
        } else if (beforeImport(d.dueAt)) {
          // Passed before the import with nothing recorded to meet it: missed, as the data says, and not escalated now.
          d.status = 'missed';
          lines.push(systemAudit(`deadline-missed-before-import:${d.key}:${d.dueDate}`, d));
        } else {
          d.status = 'missed';
          outbox.push(message(`escalation:${d.key}:${d.dueDate}`, 'appropriate-authority', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
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

  function closeTrack(because: NoProceedingsRoute | 'outcome' | 'local-disciplinary-referral' | 'former-officer-no-gross-misconduct'): void {
    s.stage = 'closed';
    s.closedBecause = because;
    // Reports to the College of Policing and live warnings outlast the case; every other deadline ends with it.
    const outlast = ['barred-list-report', 'advisory-list-report', 'advisory-list-removal', 'warning-live', 'appeal-decision-notice'];
    book.cancelAll(s.deadlines, (k) => !outlast.includes(k));
  }

  async function addDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]> {
    const computed = await ports.computeDeadlines(requests);
    for (const d of computed) book.put(s.deadlines, d);
    return computed;
  }

  function addWarningExpiry(ruleId: DeadlineRuleId, from: IsoDate, until: IsoDate): void {
    const rule = DEADLINE_RULES[ruleId];
    book.put(s.deadlines, {
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
    });
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
  ): Promise<SubjectView> {
    const id = cmd.commandId ?? ports.updateId() ?? `${s.revision + 1}`;
    await ports.record(
      [
        {
          idempotencyKey: `${workflowId}:${id}`,
          matterReference: input.matterReference,
          subjectId: subject.subjectId,
          actor: cmd.actor.id,
          actorRole: cmd.actor.role,
          action,
          rule: ruleRef.rule,
          regulation: ruleRef.regulation,
          occurredAt: cmd.occurredAt,
          details,
        },
      ],
      outbox,
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
