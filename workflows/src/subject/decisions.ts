/** The appropriate authority's decisions on a subject, in the order of the procedure: what each does to the track. */
import { DECISION_RULES, SUBJECT_KIND_RULES, formOfProceedings, londonDateOf, requiresBarredListReport, type Outcome } from '@conduct/domain';
import * as book from '../deadline-book';
import { APPEAL_LIST_REPORTS_FOLLOW_OUTCOME, APPEAL_WARNING_FOLLOWS_OUTCOME, listReportsFollowAppeal, warningFollowsAppeal } from './appeal';
import * as checks from './checks';
import { closeTrack } from './closing';
import type { FollowingStep, RuleRef, TrackContext } from './context';
import { addDeadlines, meet } from './deadlines';
import { reportAdvisoryListRemovalIfOwed, reportToBarredList } from './list-report-steps';
import { referIfRouted } from './reflective-practice';
import { referToVettingIfRouted } from './vetting';
import type { DecisionCommand, OutboxRecord, SubjectView } from '../types';

/** From this patch on, the case-to-answer decision routes a former officer by the track's rule set (CR Part 3A from 28 May 2025). */
export const FORMER_OFFICERS_ACCELERATED_HEARING = 'former-officers-accelerated-hearing';

export async function decide(ctx: TrackContext, cmd: DecisionCommand): Promise<SubjectView> {
  const { s, input } = ctx;
  if (checks.alreadyApplied(s, cmd)) return ctx.view();
  ctx.begin(cmd);
  const on = londonDateOf(cmd.occurredAt);
  const ruleRef: RuleRef = { rule: DECISION_RULES[cmd.decision].rule, regulation: DECISION_RULES[cmd.decision].regulation };
  const outbox: OutboxRecord[] = [];
  const follows: FollowingStep[] = [];
  switch (cmd.decision) {
    case 'severity-assessment':
      s.severity = cmd.severity;
      s.likelyForm = cmd.likelyForm;
      if (cmd.severity === 'neither') {
        closeTrack(ctx, cmd.routeIfNeither ?? 'no-further-action');
      } else {
        s.stage = 'investigation';
        await addDeadlines(ctx, [{ key: 'notice-of-investigation', ruleId: 'noticeOfInvestigation', trigger: on }]);
      }
      break;
    case 'severity-revision':
      s.severity = cmd.severity;
      s.likelyForm = cmd.likelyForm ?? s.likelyForm;
      outbox.push(ctx.message('severity-revised-notice', 'officer', { severity: cmd.severity, regulation: 'CMR reg 19' }));
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
      meet(ctx, 'case-to-answer-decision');
      if (cmd.caseToAnswer === 'none') {
        closeTrack(ctx, cmd.routeIfNone ?? 'no-further-action');
      } else if (!SUBJECT_KIND_RULES[input.subject.kind].conductRegulations) {
        closeTrack(ctx, 'local-disciplinary-referral');
      } else {
        // The validator asked checkFormOfProceedings the same question, so this does not throw. Runs from the
        // patch on route by the track's rule set (a former officer under the 2025 rules: CR Part 3A); older runs as before.
        const byRuleSet = ctx.ports.patched(FORMER_OFFICERS_ACCELERATED_HEARING);
        const route = formOfProceedings(
          byRuleSet ? checks.formQuestion(s, cmd.caseToAnswer, input.ruleSet?.ruleSet, cmd.misconductHearingBecause) : checks.formQuestion(s, cmd.caseToAnswer),
        );
        if (byRuleSet && cmd.misconductHearingBecause !== undefined) s.misconductHearingBecause = cmd.misconductHearingBecause;
        s.form = route.form;
        s.stage = route.form;
        ruleRef.regulation = `${ruleRef.regulation}; ${route.regulation}`;
      }
      break;
    case 'withdrawal':
      closeTrack(ctx, cmd.route);
      outbox.push(ctx.message('withdrawal-notice', 'officer', { route: cmd.route, regulation: 'CR reg 27' }));
      break;
    case 'outcome':
      s.outcome = cmd.outcome;
      s.stage = 'outcome';
      // The barred list takes every kind that can reach an outcome (SUBJECT_KIND_RULES); the table says so, not the kind's name.
      if (requiresBarredListReport(cmd.outcome).required && SUBJECT_KIND_RULES[input.subject.kind].barredList.applies) await reportToBarredList(ctx, cmd, on, outbox);
      s.warningMonths = cmd.warningMonths;
      break;
    case 'appeal-determination': {
      const before = s.outcome!;
      const outcome: Outcome = cmd.result === 'allowed' ? cmd.substitutedOutcome ?? 'no-action' : before;
      s.outcome = outcome;
      if (outcome !== before) {
        if (ctx.ports.patched(APPEAL_WARNING_FOLLOWS_OUTCOME)) warningFollowsAppeal(ctx, outcome, follows);
        if (ctx.ports.patched(APPEAL_LIST_REPORTS_FOLLOW_OUTCOME)) await listReportsFollowAppeal(ctx, { ...cmd, outcome }, before, on, outbox, follows);
      }
      await addDeadlines(ctx, [{ key: 'appeal-decision-notice', ruleId: 'appealDecisionNotice', trigger: on }]);
      closeTrack(ctx, 'outcome');
      break;
    }
  }
  // A referral to reflective practice is a route tracked until done (CR Part 6), on tracks started from its patch on.
  await referIfRouted(ctx);
  // So is a referral under the Vetting Regulations (SI 2025/502), on tracks started from its patch on.
  referToVettingIfRouted(ctx);
  ctx.markApplied(cmd);
  await reportAdvisoryListRemovalIfOwed(ctx, londonDateOf(cmd.occurredAt), outbox);
  return ctx.commit(cmd, `decision:${cmd.decision}`, ruleRef, decisionDetails(cmd), outbox, follows);
}

/** The decision as recorded in its audit line: all but who, when and the command's id, which the line carries itself. */
function decisionDetails(cmd: DecisionCommand): Record<string, unknown> {
  const { actor: _actor, occurredAt: _at, commandId: _id, ...rest } = cmd;
  return rest;
}
