/** The outcome notified to the officer: a warning is in force for its period (CR reg 42), and the appeal window opens. */
import { DEADLINE_RULES, endOfLondonDay, warningLiveUntil, type DeadlineRuleId, type IsoDate } from '@conduct/domain';
import * as book from '../deadline-book';
import { closeTrack } from './closing';
import type { TrackContext } from './context';
import { addDeadlines, hold } from './deadlines';
import type { Deadline } from '../types';

export async function notifyOutcome(ctx: TrackContext, on: IsoDate): Promise<void> {
  const { s } = ctx;
  s.outcomeNotifiedOn = on;
  if (s.outcome === 'written-warning' || s.outcome === 'final-written-warning') {
    s.warningLiveUntil = warningLiveUntil(s.outcome, on, s.warningMonths);
    addWarningExpiry(ctx, s.outcome === 'written-warning' ? 'writtenWarningLive' : 'finalWrittenWarningLive', on, s.warningLiveUntil);
  }
  const appealRule: DeadlineRuleId = s.form === 'misconduct-meeting' ? 'appealFromMeeting' : 'patAppeal';
  if (s.outcome === 'would-have-been-dismissed' || s.outcome === 'no-action') {
    closeTrack(ctx, 'outcome');
    return;
  }
  s.stage = 'appeal';
  await addDeadlines(ctx, [{ key: 'appeal-window', ruleId: appealRule, trigger: on }]);
}

/** The warning's period, from `from` to `until`: a window that closes when it passes (the warning expires), with no reminder. */
export function addWarningExpiry(ctx: TrackContext, ruleId: DeadlineRuleId, from: IsoDate, until: IsoDate): void {
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
  hold(ctx, expiry);
  book.put(ctx.s.deadlines, expiry);
}
