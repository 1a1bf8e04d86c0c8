/**
 * The checks on a subject's commands: pure functions of the track's state, the subject as referred, the
 * command and the time now. Each refuses with a RuleViolation naming its rule (see refusal.ts) or returns;
 * none changes the state. The workflow runs them as update validators, and again in the handler when the
 * command's turn comes (handler-guard.ts). Unit tested without Temporal in checks.spec.ts.
 */
import {
  DEADLINE_RULES,
  FINAL_WRITTEN_WARNING_MAX_MONTHS,
  FORMER_OFFICER_ACCELERATED_HEARING,
  FormOfProceedingsQuestion,
  FormerOfficerMisconductHearingReason,
  RULE_SET_WHEN_NONE_RECORDED,
  RuleSetId,
  LIST_REPORTS,
  LIST_REPORT_DETAIL_FIELDS,
  LIST_REPORT_REGULATION,
  ListReport,
  STANDARDS_OF_PROFESSIONAL_BEHAVIOUR,
  SUBJECT_KIND_RULES,
  SubjectStage,
  checkDecision,
  checkEvent,
  checkFormOfProceedings,
  checkOutcome,
  checkReflectivePracticeEvent,
  checkReflectivePracticeReferral,
  checkVettingEvent,
  checkVettingReferral,
  compareIsoDates,
  findingsOpenOnCase,
  isIsoDate,
  londonDateOf,
  warningLiveUntil,
} from '@conduct/domain';
import * as book from '../deadline-book';
import { checkDecisionRationale, checkOccurredAt, refuse } from '../refusal';
import { checkPanelEvent, checkPanelSits } from './panel';
import type { CommandBase, DecisionCommand, EventCommand, ExtensionCommand, SubjectInput, SubjectState } from '../types';
import { CASE_TO_ANSWER_FINDINGS, FINDINGS, LIKELY_FORMS, NO_PROCEEDINGS_ROUTES, OUTCOMES, SEVERITIES, SUBJECT_DECISIONS, SUBJECT_EVENTS } from '@conduct/domain';

/** What the checks need to know of the track beyond its state: who the subject is and when the matter began. */
export type Track = Pick<SubjectInput, 'subject' | 'receivedOn' | 'ruleSet' | 'forceId'>;

/** A decision of the appropriate authority, checked against the subject's track as it stands. */
export function checkDecisionCommand(s: SubjectState, track: Track, cmd: DecisionCommand, now: number): void {
  checkCommandBase(cmd, now);
  if (alreadyApplied(s, cmd)) return;
  if (!(SUBJECT_DECISIONS as readonly string[]).includes(cmd.decision)) {
    refuse({ rule: 'known-decision', regulation: null, reason: `decision must be one of ${SUBJECT_DECISIONS.join(', ')}, not ${JSON.stringify(cmd.decision)}` });
  }
  checkDecisionRationale(s.decisionRationaleRequired, cmd);
  const check = checkDecision(s.stage, cmd.decision);
  if (!check.allowed) refuse(check);
  notBeforeMatter(track, cmd);
  // On tracks that follow it, a referral to reflective practice is only for those Part 6 applies to.
  const route =
    cmd.decision === 'severity-assessment' && cmd.severity === 'neither' ? cmd.routeIfNeither
    : cmd.decision === 'case-to-answer' && cmd.caseToAnswer === 'none' ? cmd.routeIfNone
    : cmd.decision === 'withdrawal' ? cmd.route
    : undefined;
  if (s.reflectivePracticeTracked && route === 'reflective-practice') {
    const who = checkReflectivePracticeReferral(track.subject.kind);
    if (!who.allowed) refuse(who);
  }
  // On tracks that follow it, a referral under the Vetting Regulations only under a rule set that has it (CR reg 14(2)(aa)).
  if (s.vettingRouteTracked && route === 'vetting-referral') {
    const open = checkVettingReferral(track.ruleSet?.ruleSet, track.subject.kind, s.leftService?.on);
    if (!open.allowed) refuse(open);
  }
  switch (cmd.decision) {
    case 'severity-assessment':
    case 'severity-revision':
      oneOf('severity', cmd.severity, SEVERITIES, cmd.decision === 'severity-assessment' ? 'CR reg 14 / CMR reg 16' : 'CMR reg 19');
      if (cmd.likelyForm !== undefined) oneOf('likelyForm', cmd.likelyForm, LIKELY_FORMS, 'CR reg 14 / CMR reg 16');
      if (cmd.decision === 'severity-assessment' && cmd.routeIfNeither !== undefined) oneOf('routeIfNeither', cmd.routeIfNeither, NO_PROCEEDINGS_ROUTES, 'CR reg 14');
      if (cmd.decision === 'severity-revision' && s.leftService && cmd.severity !== 'gross-misconduct') {
        // The case continued after the subject left only because it is gross misconduct (leaveService).
        refuse({
          rule: 'former-officer-gross-misconduct-only',
          regulation: 'CR reg 4',
          reason: `${track.subject.subjectId} has left the service: only gross misconduct proceedings continue against a former officer, so the severity cannot be revised to ${cmd.severity}; end the case with the case-to-answer decision instead`,
        });
      }
      break;
    case 'case-to-answer': {
      oneOf('caseToAnswer', cmd.caseToAnswer, CASE_TO_ANSWER_FINDINGS, 'CR reg 23');
      if (cmd.routeIfNone !== undefined) oneOf('routeIfNone', cmd.routeIfNone, NO_PROCEEDINGS_ROUTES, 'CR reg 23');
      if (cmd.caseToAnswer === 'misconduct' && s.leftService) {
        refuse({ rule: 'former-officer-gross-misconduct-only', regulation: 'CR reg 4', reason: `${track.subject.subjectId} has left the service: only gross misconduct proceedings continue against a former officer` });
      }
      // The same question the handler asks: a case that cannot go to any form of proceedings is refused here.
      if (cmd.caseToAnswer !== 'none' && SUBJECT_KIND_RULES[track.subject.kind].conductRegulations) {
        const route = checkFormOfProceedings(formQuestion(s, cmd.caseToAnswer, track.ruleSet?.ruleSet, cmd.misconductHearingBecause));
        if (!route.allowed) refuse(route);
      } else if (cmd.misconductHearingBecause !== undefined) {
        refuse({
          rule: FORMER_OFFICER_ACCELERATED_HEARING.rule, regulation: FORMER_OFFICER_ACCELERATED_HEARING.regulation, ruleSet: track.ruleSet?.ruleSet ?? RULE_SET_WHEN_NONE_RECORDED,
          reason: 'misconductHearingBecause answers the presumption of an accelerated hearing, which needs a case to answer for gross misconduct against a former officer',
        });
      }
      break;
    }
    case 'outcome': {
      oneOf('outcome', cmd.outcome, OUTCOMES, 'CR reg 42');
      if (!s.proceedingsHeldOn) {
        refuse({ rule: 'outcome-after-proceedings-held', regulation: 'CR reg 42', reason: `no outcome can be recorded before the ${stageWords(s.stage)} has been held` });
      }
      const question = {
        form: s.form!,
        caseToAnswer: s.caseToAnswer as 'misconduct' | 'gross-misconduct',
        finalWrittenWarningLive: s.finalWrittenWarningLiveAtAssessment,
        severalUnconnectedIncidents: s.severalUnconnectedIncidents,
        formerOfficer: !!s.leftService,
        // The rule set recorded at referral; a track without one is under the 2020 rules (rule-sets.ts).
        ruleSet: track.ruleSet?.ruleSet,
      };
      if (cmd.finding !== undefined) {
        oneOf('finding', cmd.finding, FINDINGS, 'CR reg 41(15)');
        const open = findingsOpenOnCase(question);
        if (!open.includes(cmd.finding)) {
          refuse({ rule: 'finding-open-on-case', regulation: 'CR reg 41(15)', reason: `finding: ${cmd.finding} cannot be found at ${stageWords(s.form!)} on this case to answer (open: ${open.join(', ')})` });
        }
      }
      if (cmd.exceptionalCircumstances !== undefined && typeof cmd.exceptionalCircumstances !== 'string') {
        refuse({ rule: 'exceptional-circumstances-reasons', regulation: 'CR reg 43(1)(e)', reason: 'exceptionalCircumstances must give the panel\'s reasons as text' });
      }
      const check42 = checkOutcome({ ...question, finding: cmd.finding, outcome: cmd.outcome, exceptionalCircumstances: cmd.exceptionalCircumstances });
      if (!check42.allowed) refuse(check42);
      checkStandardsBreached(cmd.standardsBreached);
      if (cmd.warningMonths !== undefined) {
        const fwwAtHearing = cmd.outcome === 'final-written-warning' && s.form !== 'misconduct-meeting';
        if (!fwwAtHearing || !Number.isInteger(cmd.warningMonths) || cmd.warningMonths < DEADLINE_RULES.finalWrittenWarningLive.length || cmd.warningMonths > FINAL_WRITTEN_WARNING_MAX_MONTHS) {
          refuse({
            rule: 'warning-period',
            regulation: 'CR reg 42',
            reason: `only a hearing may set a final written warning's period, from ${DEADLINE_RULES.finalWrittenWarningLive.length} to ${FINAL_WRITTEN_WARNING_MAX_MONTHS} months`,
          });
        }
      }
      break;
    }
    case 'appeal-determination':
      if (!s.appealLodged) refuse({ rule: 'appeal-determination-after-appeal', regulation: 'CR reg 47', reason: 'no appeal has been lodged' });
      oneOf('result', cmd.result, ['dismissed', 'allowed'] as const, 'CR reg 47');
      if (cmd.substitutedOutcome !== undefined) {
        oneOf('substitutedOutcome', cmd.substitutedOutcome, OUTCOMES, 'CR reg 47');
        // An outcome the proceedings themselves could not have reached cannot be substituted on appeal.
        const check42 = checkOutcome({
          form: s.form!,
          caseToAnswer: s.caseToAnswer as 'misconduct' | 'gross-misconduct',
          finalWrittenWarningLive: s.finalWrittenWarningLiveAtAssessment,
          severalUnconnectedIncidents: s.severalUnconnectedIncidents,
          formerOfficer: !!s.leftService,
          outcome: cmd.substitutedOutcome,
        });
        if (!check42.allowed) refuse({ ...check42, regulation: `CR reg 47; ${check42.regulation}` });
      }
      // A dismissal substituted on appeal is reported to the barred list with what the appeal found.
      checkStandardsBreached(cmd.standardsBreached);
      break;
    case 'special-conditions':
      // Gross misconduct as assessed, and as decided once the case-to-answer decision is made.
      if (s.severity !== 'gross-misconduct' || (s.caseToAnswer !== undefined && s.caseToAnswer !== 'gross-misconduct')) {
        refuse({ rule: 'special-conditions-gross-misconduct', regulation: 'CR reg 49', reason: 'the special conditions apply only to gross misconduct' });
      }
      break;
    case 'withdrawal':
      oneOf('route', cmd.route, NO_PROCEEDINGS_ROUTES, 'CR reg 27');
      if (s.proceedingsHeldOn) refuse({ rule: 'withdrawal-before-proceedings', regulation: 'CR reg 27', reason: 'the proceedings have already been held' });
      break;
  }
}

/** An event recorded by a case officer or investigator, checked against the track as it stands. */
export function checkEventCommand(s: SubjectState, track: Track, cmd: EventCommand, now: number): void {
  checkCommandBase(cmd, now);
  if (alreadyApplied(s, cmd)) return;
  if (!(SUBJECT_EVENTS as readonly string[]).includes(cmd.event)) {
    refuse({ rule: 'known-event', regulation: null, reason: `event must be one of the subject's events, not ${JSON.stringify(cmd.event)}` });
  }
  const check = checkEvent(s.stage, cmd.event);
  if (!check.allowed) refuse(check);
  const on = londonDateOf(cmd.occurredAt);
  switch (cmd.event) {
    case 'reflective-review-report-agreed':
    case 'reflective-practice-actions-completed':
    case 'reflective-practice-reviewed':
    case 'reflective-practice-checked': {
      const rp = checkReflectivePracticeEvent(s.reflectivePractice, cmd.event, on, cmd.event === 'reflective-review-report-agreed' ? cmd : {});
      if (!rp.allowed) refuse(rp);
      break;
    }
    case 'vetting-withdrawal-notice-served':
    case 'vetting-representations-received':
    case 'vetting-clearance-kept':
    case 'vetting-clearance-withdrawn':
    case 'vetting-appeal-lodged':
    case 'vetting-appeal-allowed':
    case 'vetting-appeal-dismissed':
    case 'vetting-pat-appeal-lodged':
    case 'vetting-pat-appeal-allowed':
    case 'vetting-pat-appeal-dismissed': {
      const v = checkVettingEvent(s.vetting, cmd.event, on);
      if (!v.allowed) refuse(v);
      // What the barred-list report carries, as an outcome's would.
      if (cmd.event === 'vetting-clearance-withdrawn') checkStandardsBreached(cmd.standardsBreached);
      break;
    }
    case 'interview-arranged':
    case 'interview-held':
      if (!s.noticeOfInvestigationServedOn) {
        refuse({ rule: 'no-interview-before-notice', regulation: 'CR reg 20', reason: 'the written notice of investigation has not been served on this subject' });
      }
      if (cmd.event === 'interview-arranged' && (!cmd.scheduledFor || !isIsoDate(cmd.scheduledFor))) {
        refuse({ rule: 'interview-date-required', regulation: 'CR reg 20', reason: 'scheduledFor must give the interview date (YYYY-MM-DD)' });
      }
      break;
    case 'notice-of-referral-served':
    case 'proceedings-scheduled':
    case 'proceedings-held':
      if (s.heldForCriminalProceedings) {
        refuse({ rule: 'criminal-proceedings-hold', regulation: 'CR reg 10', reason: 'misconduct proceedings are held while they would prejudice the criminal proceedings' });
      }
      if (cmd.event === 'proceedings-scheduled') checkScheduledDate(s, cmd);
      if (cmd.event === 'proceedings-held' && s.proceedingsHeldOn) {
        refuse({ rule: 'proceedings-held-once', regulation: null, reason: `the ${stageWords(s.stage)} was already held on ${s.proceedingsHeldOn}` });
      }
      // A panel recorded for the hearing must be whole, with its objections determined (only a track that recorded one).
      if (cmd.event === 'proceedings-held') checkPanelSits(s);
      break;
    case 'panel-appointed':
    case 'panel-objection-made':
    case 'panel-objection-determined':
    case 'panel-member-replaced':
      checkPanelEvent(s, track, cmd, on);
      break;
    case 'panel-objection-upheld':
      if (!book.findOutstanding(s.deadlines, 'accelerated-hearing')) {
        refuse({ rule: 'accelerated-hearing-after-notice', regulation: 'CR reg 51', reason: 'the notice of the accelerated hearing (reg 51) has not been served' });
      }
      if (s.proceedingsHeldOn) refuse({ rule: 'objection-before-hearing', regulation: 'CR reg 52(1A)', reason: 'the accelerated hearing has already been held' });
      break;
    case 'suspension-reviewed':
    case 'suspension-lifted':
      if (!s.suspended) refuse({ rule: 'suspension-in-force', regulation: 'CR reg 11', reason: 'the subject is not suspended' });
      break;
    case 'suspended':
      if (s.suspended) refuse({ rule: 'suspension-in-force', regulation: 'CR reg 11', reason: 'the subject is already suspended' });
      if (!SUBJECT_KIND_RULES[track.subject.kind].suspension) refuse({ rule: 'suspension-officers-only', regulation: 'CR reg 11', reason: 'CR reg 11 suspension applies to police officers' });
      break;
    case 'placed-on-restricted-duties':
    case 'redeployed': {
      const regulation = 'CR reg 11(4)(a)';
      if (!SUBJECT_KIND_RULES[track.subject.kind].suspension) refuse({ rule: 'duties-officers-only', regulation, reason: 'restricted duties and redeployment under CR reg 11 apply to police officers; police staff follow their force\'s own procedure' });
      if (s.leftService) refuse({ rule: 'duties-serving-officers', regulation, reason: `the subject ${s.leftService.how} on ${s.leftService.on} and has no duties` });
      if (s.suspended) refuse({ rule: 'suspension-in-force', regulation: 'CR reg 11', reason: 'the subject is suspended: record suspension-lifted first, then the restricted duties or redeployment' });
      const duties = cmd.event === 'redeployed' ? 'redeployed' : 'restricted';
      if (s.restrictedDuties === duties) refuse({ rule: 'duties-changed', regulation, reason: `the subject is already ${duties === 'redeployed' ? 'redeployed' : 'on restricted duties'}` });
      break;
    }
    case 'returned-to-full-duties':
      if (!s.restrictedDuties) {
        refuse({ rule: 'duties-restricted', regulation: 'CR reg 11(4)(a)', reason: s.suspended ? 'the subject is suspended: suspension-lifted ends a suspension' : 'the subject is on full duties' });
      }
      break;
    case 'criminal-proceedings-concluded':
      if (!s.heldForCriminalProceedings) refuse({ rule: 'criminal-proceedings-pending', regulation: 'CR reg 10', reason: 'no criminal proceedings are recorded as pending' });
      break;
    case 'resigned':
    case 'retired':
      if (s.leftService) refuse({ rule: 'left-service-once', regulation: 'CR reg 4', reason: `the subject already ${s.leftService.how} on ${s.leftService.on}` });
      break;
    case 'appeal-lodged':
      if (s.appealLodged) refuse({ rule: 'appeal-lodged-once', regulation: 'CR reg 45', reason: 'an appeal has already been lodged' });
      if (!book.openDeadlines(s.deadlines).some((d) => d.ruleId === 'appealFromMeeting' || d.ruleId === 'patAppeal')) {
        refuse({ rule: 'appeal-within-window', regulation: 'CR reg 45', reason: 'the appeal window is not open' });
      }
      break;
    case 'outcome-notified':
      if (!s.outcome) refuse({ rule: 'outcome-before-notification', regulation: 'CR reg 43', reason: 'no outcome has been recorded' });
      if (s.outcomeNotifiedOn) refuse({ rule: 'outcome-notified-once', regulation: 'CR reg 43', reason: `the outcome was notified on ${s.outcomeNotifiedOn}` });
      if (s.outcome === 'written-warning' || s.outcome === 'final-written-warning') {
        // The handler counts the warning's period with warningLiveUntil: ask it the same question first.
        try {
          warningLiveUntil(s.outcome, on, s.warningMonths);
        } catch (err) {
          refuse({ rule: 'warning-period', regulation: 'CR reg 42', reason: (err as Error).message });
        }
      }
      break;
    case 'barred-list-report-sent':
      if (!book.findOutstanding(s.deadlines, 'barred-list-report') && !book.findOutstanding(s.deadlines, 'barred-list-removal')) {
        refuse({ rule: 'barred-list-report-pending', regulation: 'BL&AL Regs reg 3 / reg 5', reason: 'no barred-list report is pending for this subject' });
      }
      break;
    case 'advisory-list-report-sent':
      if (!book.findOutstanding(s.deadlines, 'advisory-list-report')) refuse({ rule: 'advisory-list-report-pending', regulation: 'BL&AL Regs reg 12', reason: 'no advisory-list report is pending for this subject' });
      break;
    case 'list-report-details-supplied':
      checkListReportDetails(s, cmd);
      break;
  }
  if (compareIsoDates(on, track.receivedOn) < 0) {
    refuse({ rule: 'occurred-at-after-matter-began', regulation: null, reason: `occurredAt ${cmd.occurredAt} is before the matter reached the appropriate authority (${track.receivedOn})` });
  }
}

function checkListReportDetails(s: SubjectState, cmd: Extract<EventCommand, { event: 'list-report-details-supplied' }>): void {
  const report = cmd.report;
  if (!LIST_REPORTS.includes(report)) {
    refuse({ rule: 'list-report-named', regulation: null, reason: `report must be one of ${LIST_REPORTS.join(', ')}` });
  }
  const regulation = LIST_REPORT_REGULATION[report];
  if (!s.listReports?.[report] || !book.findOutstanding(s.deadlines, report)) {
    refuse({ rule: 'list-report-completed-while-owed', regulation, reason: `no ${report} is owed for this subject: its details can only be supplied while it is outstanding` });
  }
  const details = cmd.details;
  const fields = details && typeof details === 'object' ? Object.keys(details) : [];
  if (!fields.length) refuse({ rule: 'list-report-details-given', regulation, reason: 'details must give at least one field' });
  const unknown = fields.filter((f) => !(LIST_REPORT_DETAIL_FIELDS as readonly string[]).includes(f));
  if (unknown.length) refuse({ rule: 'list-report-details-known', regulation, reason: `details has fields a list report does not carry: ${unknown.join(', ')}` });
  if (details!.dateOfBirth !== undefined && !isIsoDate(details!.dateOfBirth)) {
    refuse({ rule: 'date-of-birth-format', regulation, reason: 'details.dateOfBirth must be a date (YYYY-MM-DD)' });
  }
  const unknownStandards = (details!.standardsBreached ?? []).filter((x) => !STANDARDS_OF_PROFESSIONAL_BEHAVIOUR.includes(x));
  if (unknownStandards.length) refuse({ rule: 'standards-of-professional-behaviour', regulation: 'CR Sch 2', reason: `not a Standard of Professional Behaviour: ${unknownStandards.join(', ')}` });
}

function checkScheduledDate(s: SubjectState, cmd: Extract<EventCommand, { event: 'proceedings-scheduled' }>): void {
  if (!cmd.scheduledFor || !isIsoDate(cmd.scheduledFor)) {
    refuse({ rule: 'proceedings-date-required', regulation: null, reason: 'scheduledFor must give the date of the meeting or hearing (YYYY-MM-DD)' });
  }
  if (s.stage === 'accelerated-hearing') {
    const window = book.findOutstanding(s.deadlines, 'accelerated-hearing');
    if (!window) refuse({ rule: 'accelerated-hearing-after-notice', regulation: 'CR reg 51', reason: 'the notice of the accelerated hearing (reg 51) has not been served' });
    if (compareIsoDates(cmd.scheduledFor!, window!.earliest!) < 0 || compareIsoDates(cmd.scheduledFor!, window!.dueDate) > 0) {
      refuse({
        rule: 'accelerated-hearing-window',
        regulation: 'CR reg 52(1)',
        reason: `an accelerated hearing must be held between ${window!.earliest} and ${window!.dueDate} (10 to 15 working days after the notice)`,
      });
    }
  }
}

/** An extension of one of the subject's deadlines: still owed, extendable, to a later date, with a reason. */
export function checkExtensionCommand(s: SubjectState, cmd: ExtensionCommand, now: number): void {
  checkCommandBase(cmd, now);
  if (alreadyApplied(s, cmd)) return;
  book.extendable(s.deadlines, cmd, 'subject');
}

/** The question checkFormOfProceedings and formOfProceedings are asked, by the check and by the handler alike. */
/**
 * The routing question on a case to answer. The rule set is the one recorded at referral (none: the 2020 rules);
 * the handler passes it only from FORMER_OFFICERS_ACCELERATED_HEARING on (decisions.ts).
 */
export function formQuestion(
  s: SubjectState,
  caseToAnswer: 'misconduct' | 'gross-misconduct',
  ruleSet?: RuleSetId,
  misconductHearingBecause?: FormerOfficerMisconductHearingReason,
): FormOfProceedingsQuestion {
  return {
    caseToAnswer,
    finalWrittenWarningLiveAtAssessment: s.finalWrittenWarningLiveAtAssessment,
    specialConditionsCertified: s.specialConditionsCertified,
    formerOfficer: !!s.leftService,
    ...(ruleSet !== undefined ? { ruleSet } : {}),
    ...(misconductHearingBecause !== undefined ? { misconductHearingBecause } : {}),
  };
}

/** The standards a barred-list report names must be the Standards of Professional Behaviour (CR Sch 2). */
function checkStandardsBreached(standards: readonly string[] | undefined): void {
  const unknown = (standards ?? []).filter((sb) => !(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as readonly string[]).includes(sb));
  if (unknown.length) {
    refuse({ rule: 'standards-of-professional-behaviour', regulation: 'CR Sch 2', reason: `standardsBreached: ${unknown.join(', ')} is not one of the Standards of Professional Behaviour` });
  }
}

/** A field that must be one of a list: refused, naming the field, if it is not. */
function oneOf(field: string, value: unknown, allowed: readonly string[], regulation: string | null): void {
  if (!allowed.includes(value as string)) refuse({ rule: `${field}-known`, regulation, reason: `${field} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}` });
}

/** Nothing is decided before the matter reached the appropriate authority (deadlines count from the decision). */
function notBeforeMatter(track: Track, cmd: CommandBase): void {
  if (compareIsoDates(londonDateOf(cmd.occurredAt), track.receivedOn) < 0) {
    refuse({ rule: 'occurred-at-after-matter-began', regulation: null, reason: `occurredAt ${cmd.occurredAt} is before the matter reached the appropriate authority (${track.receivedOn})` });
  }
}

function checkCommandBase(cmd: CommandBase, now: number): void {
  if (!cmd || typeof cmd !== 'object' || !cmd.actor?.id || !cmd.actor?.role) refuse({ rule: 'actor-required', regulation: null, reason: 'the command must say who made it' });
  checkOccurredAt(cmd.occurredAt, undefined, now);
}

/** A command already applied (a retried request): answered with the state, not checked or applied again. */
export function alreadyApplied(s: SubjectState, cmd: CommandBase): boolean {
  return !!cmd.commandId && s.appliedCommands.includes(cmd.commandId);
}

export function stageWords(stage: SubjectStage): string {
  return stage.replace(/-/g, ' ');
}
