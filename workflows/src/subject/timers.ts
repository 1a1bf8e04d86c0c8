/**
 * What the passing of time does to a subject's track: a reminder before a deadline falls due, an escalation when
 * it passes, a window that closes (the officer's periods, the appeal window, a warning's life), and the
 * advisory-list removal a closed track owes. The workflow runs these on its one timer (officer-proceedings.workflow.ts);
 * an import runs them as of each imported step's instant (import.ts).
 */
import { DEADLINE_RULES, londonDateOf, type DeadlineRuleId } from '@conduct/domain';
import * as book from '../deadline-book';
import * as judge from '../deadlines/judgement';
import { TIMER_SLACK_MS } from '../limits';
import { closeTrack } from './closing';
import type { TrackContext } from './context';
import { reportAdvisoryListRemoval } from './list-report-steps';
import * as lists from './list-reports';
import type { AuditRecord, OutboxRecord } from '../types';

/** The windows that closed quietly before the rules table said which periods do (closesWhenPassed). */
const FIRST_WINDOWS: DeadlineRuleId[] = ['appealFromMeeting', 'patAppeal', 'writtenWarningLive', 'finalWrittenWarningLive', 'reviewApplication'];

/**
 * From this patch on, every period the rules table calls a window (the officer's representations, response,
 * objection, alternative dates) closes when it passes instead of being escalated as missed: the officer may
 * let it pass. A running track whose history escalated such a period still replays.
 */
export const OFFICER_PERIODS_CLOSE_QUIETLY = 'officer-periods-close-when-passed';

/** Reminders before a deadline, escalation when it passes, windows closing. */
export async function fireTimers(ctx: TrackContext): Promise<void> {
  const { s } = ctx;
  ctx.step = undefined; // no command in hand: what a timer closes is judged by the timer
  const now = ctx.asOf ?? Date.now() + TIMER_SLACK_MS;
  const lines: AuditRecord[] = [];
  const outbox: OutboxRecord[] = [];
  for (const d of book.openDeadlines(s.deadlines)) {
    // A deadline held for the grace (back-dated) owes nothing yet; only the new code holds one.
    const due = judge.timersDue(d, now);
    if (due.remind) {
      d.reminded = true;
      // A reminder that fell before the import belonged to the department's old system: not sent now.
      if (d.remindAt && ctx.beforeImport(d.remindAt)) continue;
      outbox.push(ctx.message(`reminder:${d.key}:${d.dueDate}`, 'case-officer', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
      lines.push(ctx.deadlineAudit(`deadline-reminder:${d.key}:${d.dueDate}`, d));
    }
    if (due.passed) {
      if (closesWhenPassed(ctx, d.ruleId)) {
        d.status = 'met';
        lines.push(ctx.deadlineAudit(`window-closed:${d.key}:${d.dueDate}`, d));
        if (d.key === 'appeal-window' && s.stage === 'appeal' && !s.appealLodged) closeTrack(ctx, 'outcome', d.dueDate);
        if (d.key === 'warning-live') s.warningExpired = true;
      } else if (ctx.beforeImport(d.dueAt)) {
        // Passed before the import with nothing recorded to meet it: missed, as the data says, and not escalated now.
        d.status = 'missed';
        lines.push(ctx.deadlineAudit(`deadline-missed-before-import:${d.key}:${d.dueDate}`, d));
      } else {
        d.status = 'missed';
        outbox.push(ctx.message(`escalation:${d.key}:${d.dueDate}`, 'appropriate-authority', { deadline: d.name, dueDate: d.dueDate, regulation: d.regulation }));
        if (ctx.judged()) judge.escalated(d, ['appropriate-authority']);
        lines.push(ctx.deadlineAudit(`deadline-missed:${d.key}:${d.dueDate}`, d));
      }
    }
  }
  if (lists.owesAdvisoryListRemoval(s)) {
    await reportAdvisoryListRemoval(ctx, londonDateOf(new Date(ctx.asOf ?? Date.now()).toISOString()), outbox);
    lines.push(ctx.audit('advisory-list-removal-owed', { rule: 'advisoryListRemoval', regulation: 'Police Act 1996 s.88L' }, {}));
  }
  if (lines.length) await ctx.ports.record(lines, outbox);
}

/** The timers as they would have fired at `at` (an imported step's instant): see subject/import.ts. */
export async function fireTimersAsOf(ctx: TrackContext, at: number): Promise<void> {
  ctx.asOf = at;
  try {
    await fireTimers(ctx);
  } finally {
    ctx.asOf = undefined;
  }
}

/** A window closes when it passes (the officer, or nobody, may let it pass); any other deadline passed is missed. */
function closesWhenPassed(ctx: TrackContext, ruleId: DeadlineRuleId): boolean {
  if (FIRST_WINDOWS.includes(ruleId)) return true;
  return DEADLINE_RULES[ruleId].closesWhenPassed === true && ctx.ports.patched(OFFICER_PERIODS_CLOSE_QUIETLY);
}
