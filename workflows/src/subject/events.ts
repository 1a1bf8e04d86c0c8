/** Events recorded by case officers and investigators on a subject's track: what each does to the track. */
import { EVENT_RULES, compareIsoDates, londonDateOf } from '@conduct/domain';
import * as book from '../deadline-book';
import * as checks from './checks';
import type { FollowingStep, RuleRef, TrackContext } from './context';
import { addDeadlines, endSuspensionReviews, meet, notOwedAfter } from './deadlines';
import { leaveService } from './leaving-service';
import { reportAdvisoryListRemovalIfOwed } from './list-report-steps';
import * as lists from './list-reports';
import { notifyOutcome } from './outcome';
import * as panels from './panel';
import { recordReflectivePractice } from './reflective-practice';
import { recordVetting } from './vetting';
import type { EventCommand, OutboxRecord, SubjectView } from '../types';

/** Panels and chairs (SI 2024/521): the day the notice of referral was given is kept for the panel's rules. */
export const PANELS_AND_CHAIRS = 'panels-and-chairs';

export async function recordSubjectEvent(ctx: TrackContext, cmd: EventCommand): Promise<SubjectView> {
  const { s, input } = ctx;
  const { subject } = input;
  if (checks.alreadyApplied(s, cmd)) return ctx.view();
  ctx.begin(cmd);
  const on = londonDateOf(cmd.occurredAt);
  const ruleRef: RuleRef = { rule: EVENT_RULES[cmd.event].rule, regulation: EVENT_RULES[cmd.event].regulation };
  const outbox: OutboxRecord[] = [];
  const details: Record<string, unknown> = { scheduledFor: ('scheduledFor' in cmd ? cmd.scheduledFor : undefined) ?? null, note: cmd.note ?? null };
  const follows: FollowingStep[] = [];
  switch (cmd.event) {
    // The vetting route (SI 2025/502): withdrawal of clearance dismisses without notice and reports to the barred list.
    case 'vetting-clearance-withdrawn':
      await recordVetting(ctx, cmd.event, on, { conduct: cmd.conduct, standardsBreached: cmd.standardsBreached, publicationExemption: cmd.publicationExemption }, outbox, follows);
      break;
    case 'vetting-withdrawal-notice-served':
    case 'vetting-representations-received':
    case 'vetting-clearance-kept':
    case 'vetting-appeal-lodged':
    case 'vetting-appeal-allowed':
    case 'vetting-appeal-dismissed':
    case 'vetting-pat-appeal-lodged':
    case 'vetting-pat-appeal-allowed':
    case 'vetting-pat-appeal-dismissed':
      await recordVetting(ctx, cmd.event, on, {}, outbox, follows);
      break;
    case 'reflective-review-report-agreed':
      details.actionsDueBy = cmd.actionsDueBy;
      details.reviewOn = cmd.reviewOn;
      await recordReflectivePractice(ctx, cmd.event, on, { actionsDueBy: cmd.actionsDueBy, reviewOn: cmd.reviewOn });
      break;
    case 'reflective-practice-actions-completed':
    case 'reflective-practice-reviewed':
    case 'reflective-practice-checked':
      await recordReflectivePractice(ctx, cmd.event, on);
      break;
    case 'notice-of-investigation-served':
      s.noticeOfInvestigationServedOn = on;
      meet(ctx, 'notice-of-investigation');
      await addDeadlines(ctx, [{ key: 'representations', ruleId: 'representations', trigger: on }]);
      break;
    case 'notice-of-investigation-delayed':
      // A delay is lawful where service would prejudice the investigation, but it must be recorded.
      book.close(s.deadlines, 'notice-of-investigation', 'cancelled');
      break;
    case 'representations-received':
      meet(ctx, 'representations');
      break;
    case 'interview-arranged':
      await addDeadlines(ctx, [{ key: 'alternative-interview-date', ruleId: 'alternativeInterviewDate', trigger: on }]);
      break;
    case 'disclosure-given':
      s.disclosureGivenOn = on;
      break;
    case 'interview-held':
      s.interviewHeldOn = on;
      meet(ctx, 'alternative-interview-date');
      // Disclosure handed over on the day of interview is a known abuse: make it visible.
      details.disclosureBeforeInterview = !!s.disclosureGivenOn && compareIsoDates(s.disclosureGivenOn, on) < 0;
      break;
    case 'investigator-report-submitted':
      s.reportSubmittedOn = on;
      s.stage = 'awaiting-case-to-answer';
      book.cancelAll(s.deadlines, (k) => ['notice-of-investigation', 'representations', 'alternative-interview-date'].includes(k));
      notOwedAfter(ctx, (d) => ['notice-of-investigation', 'representations', 'alternative-interview-date'].includes(d.key), on, 'the investigator reported');
      await addDeadlines(ctx, [{ key: 'case-to-answer-decision', ruleId: 'caseToAnswerDecision', trigger: on }]);
      break;
    case 'suspended':
      s.suspended = true;
      // Suspension replaces restricted duties or a redeployment; lifting it returns the officer to full duties.
      s.restrictedDuties = undefined;
      s.suspensionReviews = 0;
      await addDeadlines(ctx, [{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
      break;
    case 'suspension-reviewed':
      s.suspensionReviews += 1;
      meet(ctx, 'suspension-review');
      await addDeadlines(ctx, [{ key: 'suspension-review', ruleId: 'suspensionReview', trigger: on }]);
      break;
    case 'suspension-lifted':
      s.suspended = false;
      endSuspensionReviews(ctx, on);
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
      outbox.push(ctx.message('criminal-proceedings-hold-notice', 'appropriate-authority', { regulation: 'CR reg 10' }));
      break;
    case 'criminal-proceedings-concluded':
      s.heldForCriminalProceedings = false;
      break;
    case 'resigned':
    case 'retired':
      await leaveService(ctx, cmd.event, on, cmd.allegationSummary, outbox);
      break;
    case 'notice-of-referral-served':
      // What PANEL_RULES may key a panel's rule set on (a new state field, behind its patch: older runs replay as they were).
      if (ctx.ports.patched(PANELS_AND_CHAIRS)) s.noticeOfReferralServedOn ??= on;
      if (s.stage === 'accelerated-hearing') {
        await addDeadlines(ctx, [{ key: 'accelerated-hearing', ruleId: 'acceleratedHearing', trigger: on }]);
      } else {
        await addDeadlines(ctx, [
          { key: 'objection-to-chair', ruleId: 'objectionToChairOrPanel', trigger: on },
          { key: 'officer-response', ruleId: 'officerResponse', trigger: on },
        ]);
      }
      break;
    case 'panel-objection-upheld': {
      // A fresh 10-15 working-day window from the upheld objection replaces the first one.
      await addDeadlines(ctx, [{ key: 'accelerated-hearing', ruleId: 'acceleratedHearingAfterUpheldObjection', trigger: on }]);
      s.proceedingsScheduledFor = undefined;
      break;
    }
    // The panel: recorded, told to the officer (CR reg 30(1A)); objections and their determination; a replacement.
    case 'panel-appointed': {
      const p = panels.appoint(s, input, cmd.panel, on, cmd.panelRules);
      outbox.push(ctx.message(`panel-notice:${s.revision + 1}`, 'officer', panels.panelNotice(p)));
      Object.assign(details, { ruleSet: p.ruleSet, why: p.why, chair: { id: p.panel.chair.id, role: p.panel.chair.role } });
      break;
    }
    case 'panel-objection-made':
      panels.objectionMade(s, cmd.member, cmd.grounds, on);
      details.member = cmd.member;
      break;
    case 'panel-objection-determined':
      panels.objectionDetermined(s, cmd.member, cmd.upheld, on);
      Object.assign(details, { member: cmd.member, upheld: cmd.upheld });
      break;
    case 'panel-member-replaced': {
      panels.replaced(s, cmd.member, cmd.replacement);
      outbox.push(ctx.message(`panel-notice:${s.revision + 1}`, 'officer', panels.panelNotice(s.panel!)));
      Object.assign(details, { member: cmd.member, replacement: cmd.replacement.id });
      // An accelerated hearing: a fresh window of 10 to 15 working days from the replacement (CR reg 52(1A)).
      if (s.stage === 'accelerated-hearing' && book.findOutstanding(s.deadlines, 'accelerated-hearing')) {
        await addDeadlines(ctx, [{ key: 'accelerated-hearing', ruleId: 'acceleratedHearingAfterUpheldObjection', trigger: on }]);
        s.proceedingsScheduledFor = undefined;
      }
      break;
    }
    case 'officer-response-received':
      meet(ctx, 'officer-response');
      await addDeadlines(ctx, [
        { key: 'witness-lists', ruleId: 'witnessLists', trigger: on },
        { key: 'documents-to-chair', ruleId: 'documentsToChair', trigger: on },
      ]);
      break;
    case 'documents-supplied-to-chair':
      meet(ctx, 'witness-lists');
      meet(ctx, 'documents-to-chair');
      await addDeadlines(ctx, [
        s.stage === 'misconduct-meeting'
          ? { key: 'misconduct-meeting', ruleId: 'misconductMeeting', trigger: on }
          : { key: 'pre-hearing', ruleId: 'preHearing', trigger: on },
      ]);
      break;
    case 'pre-hearing-held':
      meet(ctx, 'pre-hearing');
      break;
    case 'proceedings-scheduled':
      s.proceedingsScheduledFor = cmd.scheduledFor;
      break;
    case 'proceedings-held':
      s.proceedingsHeldOn = on;
      for (const key of ['misconduct-meeting', 'accelerated-hearing', 'pre-hearing', 'objection-to-chair']) meet(ctx, key);
      await addDeadlines(ctx, [
        {
          key: 'outcome-report',
          ruleId: s.stage === 'accelerated-hearing' ? 'outcomeReportAcceleratedHearing' : 'outcomeReport',
          trigger: on,
        },
      ]);
      break;
    case 'outcome-report-delivered':
      meet(ctx, 'outcome-report');
      break;
    case 'outcome-notified':
      await notifyOutcome(ctx, on);
      break;
    case 'appeal-lodged':
      s.appealLodged = true;
      meet(ctx, 'appeal-window');
      break;
    case 'barred-list-report-sent':
      // The further report removing the entry after an appeal (reg 5) is a barred-list report too.
      if (!meet(ctx, 'barred-list-report')) meet(ctx, 'barred-list-removal');
      break;
    case 'advisory-list-report-sent':
      meet(ctx, 'advisory-list-report');
      break;
    case 'list-report-details-supplied': {
      // The whole report again, completed, under its own key: the receiver keeps both and the later one wins.
      const report = cmd.report!;
      const kept = lists.completeListReport(s, report, cmd.details!);
      outbox.push(ctx.message(`${report}:correction-${kept.corrections}`, 'college-of-policing', {
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
  ctx.markApplied(cmd);
  await reportAdvisoryListRemovalIfOwed(ctx, londonDateOf(cmd.occurredAt), outbox);
  return ctx.commit(cmd, `event:${cmd.event}`, ruleRef, details, outbox, follows);
}
