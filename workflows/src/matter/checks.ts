/**
 * The checks a matter's workflow runs on each command before it changes anything: pure functions of the
 * matter's state, its referral, the command and the time; each refuses with a RuleViolation naming its rule
 * and regulation (refusal.ts), or passes. The workflow runs them as its update validators, and again when
 * the update's turn comes (handler-guard). Unit tested in checks.spec.ts.
 */
import { MATTER_EVENTS, MODES_OF_INVESTIGATION, checkAllegation, ReferralGround, checkInvestigator, compareIsoDates, londonDateOf, officerCopiesRefusal, prejudiceExemption, regimeFor, voluntaryIopcReferral, type InvestigatedSubject } from '@conduct/domain';
import * as book from '../deadline-book';
import * as judge from '../deadlines/judgement';
import { checkDecisionRationale, checkOccurredAt, refuse } from '../refusal';
import type { CommandBase, ExtensionCommand, MatterDecisionCommand, MatterEventCommand, MatterReferral, MatterState } from '../types';

/** What the checks need of the matter's referral. */
export type Referral = Pick<MatterReferral, 'kind' | 'recordableCategories' | 'receivedOn'> & Partial<Pick<MatterReferral, 'forceId' | 'subjects'>>;

/** A command already applied (a retry with the same commandId): answered with the view, not applied again. */
export function alreadyApplied(s: MatterState, cmd: CommandBase): boolean {
  return !!cmd.commandId && s.appliedCommands.includes(cmd.commandId);
}

/** Every command says who made it, and when it happened (not in the future). */
export function checkCommand(cmd: CommandBase, now: number): void {
  if (!cmd || typeof cmd !== 'object' || !cmd.actor?.id || !cmd.actor?.role) refuse({ rule: 'actor-required', regulation: null, reason: 'the command must say who made it' });
  checkOccurredAt(cmd.occurredAt, undefined, now);
}

// ---- The DG's decision on the mode of investigation (Sch3 para 15) ----------------------------
export function checkDecisionCommand(s: MatterState, cmd: MatterDecisionCommand, now: number): void {
  checkCommand(cmd, now);
  if (alreadyApplied(s, cmd)) return;
  if (cmd.decision !== 'mode-of-investigation') refuse({ rule: 'known-decision', regulation: null, reason: `unknown decision '${(cmd as { decision: string }).decision}'` });
  checkDecisionRationale(s.decisionRationaleRequired, cmd);
  if (!s.iopcReferralRequired && !s.referredToIopcVoluntarily) {
    refuse({ rule: 'mode-of-investigation-after-referral', regulation: 'Sch3 para 15', reason: 'this matter was not referred to the IOPC, so the Director General decides no mode of investigation' });
  }
  if (s.modeOfInvestigation) refuse({ rule: 'mode-of-investigation-once', regulation: 'Sch3 para 15', reason: `the mode of investigation is already ${s.modeOfInvestigation}` });
  if (!(MODES_OF_INVESTIGATION as readonly string[]).includes(cmd.mode)) {
    refuse({ rule: 'mode-known', regulation: 'Sch3 para 15', reason: `mode must be one of ${MODES_OF_INVESTIGATION.join(', ')}, not ${JSON.stringify(cmd.mode)}` });
  }
}

// ---- Events about the matter as a whole ---------------------------------------------------------
export function checkEventCommand(s: MatterState, referral: Referral, cmd: MatterEventCommand, now: number): void {
  checkCommand(cmd, now);
  if (alreadyApplied(s, cmd)) return;
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
    case 'investigator-appointed': {
      if (s.stage === 'closed') refuse({ rule: 'investigator-while-open', regulation: 'CR reg 15', reason: 'the matter is closed' });
      const check = investigatorCheck(s, referral, cmd);
      if (!check.allowed) refuse(check);
      break;
    }
    case 'subject-line-management-recorded': {
      const regulation = 'CR reg 15(3)';
      if (typeof cmd.subjectId !== 'string' || !(referral.subjects ?? []).some((x) => x.subjectId === cmd.subjectId)) {
        refuse({ rule: 'subject-of-matter', regulation, reason: `subjectId must name a subject of this matter, not ${JSON.stringify(cmd.subjectId)}` });
      }
      if (cmd.unit !== undefined && typeof cmd.unit !== 'string') refuse({ rule: 'unit-text', regulation, reason: 'unit must be text' });
      if (cmd.lineManagers !== undefined && (!Array.isArray(cmd.lineManagers) || cmd.lineManagers.some((m) => typeof m !== 'string'))) {
        refuse({ rule: 'line-managers-listed', regulation, reason: 'lineManagers must list the ids of the subject\'s line managers, nearest first' });
      }
      if (cmd.unit === undefined && cmd.lineManagers === undefined) refuse({ rule: 'line-management-given', regulation, reason: 'give unit, lineManagers or both' });
      break;
    }
    case 'allegation-added': {
      if (s.stage === 'closed') refuse({ rule: 'allegation-while-open', regulation: null, reason: 'the matter is closed' });
      const subjectIds = (referral.subjects ?? []).map((x) => x.subjectId);
      const problem = checkAllegation(cmd.allegation, 'allegation', subjectIds, (s.allegations ?? []).map((a) => a.id));
      if (problem) refuse({ rule: problem.rule, regulation: problem.regulation, reason: problem.reason });
      break;
    }
    case 'timeliness-report-sent': {
      if (!s.deadlines.some((d) => (d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat') && judge.outstanding(d))) {
        refuse({ rule: 'timeliness-report-due', regulation: 'CR reg 19 / CMR reg 13', reason: 'no timeliness report is outstanding for this matter' });
      }
      // Each officer's copy, sent or withheld under the harm test with its reason (CR reg 19(4)).
      const copies = officerCopiesRefusal('officerCopies' in cmd ? cmd.officerCopies : undefined, (referral.subjects ?? []).map((x) => x.subjectId));
      if (copies) refuse(copies);
      break;
    }
    case 'timeliness-report-withheld': {
      const exemption = prejudiceExemption(regimeFor(referral.kind), s.modeOfInvestigation);
      if (!exemption.allowed) refuse({ rule: 'timeliness-report-withheld-by-reporter', regulation: exemption.regulation, reason: exemption.reason });
      if (!cmd.note?.trim()) refuse({ rule: 'withholding-reason-recorded', regulation: exemption.regulation, reason: 'note must say why the report might prejudice an investigation' });
      const owed = judge.oldestOutstanding(s.deadlines, (d) => d.ruleId === 'timelinessReport' || d.ruleId === 'timelinessReportRepeat');
      if (!owed) refuse({ rule: 'timeliness-report-due', regulation: exemption.regulation, reason: 'no timeliness report is outstanding for this matter' });
      const already = s.timelinessReportRecords?.find((r) => r.key === owed!.key)?.withheld;
      if (already) refuse({ rule: 'timeliness-report-withheld-once', regulation: exemption.regulation, reason: `the report due on ${owed!.dueDate} was withheld on ${already.on}; the Director General's is still owed (record it as sent)` });
      break;
    }
    default:
      refuse({ rule: 'known-event', regulation: null, reason: `unknown event '${(cmd as { event: string }).event}'` });
  }
  if (compareIsoDates(londonDateOf(cmd.occurredAt), referral.receivedOn) < 0) {
    refuse({ rule: 'occurred-at-after-matter-began', regulation: null, reason: `occurredAt ${cmd.occurredAt} is before the matter reached the appropriate authority (${referral.receivedOn})` });
  }
}

/** The investigator checked against every subject as referred, with what was recorded of them since (CR reg 15(3)). */
export function investigatorCheck(s: MatterState, referral: Referral, cmd: Extract<MatterEventCommand, { event: 'investigator-appointed' }>) {
  return checkInvestigator({
    regime: regimeFor(referral.kind),
    forceId: referral.forceId ?? '',
    investigator: cmd.investigator,
    subjects: subjectsAsKnown(s, referral),
    settings: cmd.investigatorSettings,
  });
}

/** Each subject's rank, unit and line managers: the referral's, replaced by what was recorded later. */
export function subjectsAsKnown(s: MatterState, referral: Referral): InvestigatedSubject[] {
  return (referral.subjects ?? []).map((x) => ({
    subjectId: x.subjectId,
    rank: x.rank,
    unit: x.unit,
    lineManagers: x.lineManagers,
    ...(s.subjectLineManagement?.[x.subjectId] ?? {}),
  }));
}

export function checkExtensionCommand(s: MatterState, cmd: ExtensionCommand, now: number): void {
  checkCommand(cmd, now);
  if (alreadyApplied(s, cmd)) return; // a retried extension is answered, not refused as no longer later than the due date
  book.extendable(s.deadlines, cmd, 'matter');
}
