import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { setting } from '@conduct/config';
import { DeadlineRules, IsoDate, addCalendarDays, endOfLondonDay, resolveDeadlineRules, startOfLondonDay } from '@conduct/domain';
import { WorkingDayCalendar, dueDateFor, englandAndWalesCalendar } from '@conduct/domain/calendar';
import type { CalendarActivities, Deadline, DeadlineRequest } from '@conduct/workflows';

/**
 * Counts deadlines on the England and Wales working-day calendar. Run as a local activity: the
 * result is stored in the workflow's history and state, so a deadline once set never moves when
 * the rules, the configuration or the bank-holiday library change.
 */
@Injectable()
export class CalendarActivitiesService implements CalendarActivities {
  private readonly rules: DeadlineRules;
  private readonly reminderWorkingDays: number;
  /** BACKDATED_DEADLINE_GRACE_HOURS: the grace a back-dated deadline is held for ([U]); unset, the rules' own figure. */
  private readonly backdatedGraceMs?: number;

  constructor(private readonly calendar: WorkingDayCalendar = englandAndWalesCalendar(), env: NodeJS.ProcessEnv = process.env) {
    this.rules = resolveDeadlineRules(setting('DEADLINE_OVERRIDES', env));
    // How many working days before a deadline the case officer is reminded; per-force policy comes later.
    this.reminderWorkingDays = setting('REMINDER_WORKING_DAYS', env);
    const graceHours = setting('BACKDATED_DEADLINE_GRACE_HOURS', env);
    if (graceHours !== undefined) this.backdatedGraceMs = graceHours * 3_600_000;
  }

  async computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]> {
    try {
      return this.compute(requests);
    } catch (err) {
      // Bad input (a date the calendar cannot count from) will not get better by retrying.
      throw ApplicationFailure.nonRetryable(`cannot compute deadlines: ${(err as Error).message}`, 'DeadlineComputation');
    }
  }

  private compute(requests: DeadlineRequest[]): Deadline[] {
    return requests.map((r) => {
      const rule = this.rules[r.ruleId];
      if (!rule) throw new Error(`unknown deadline rule '${r.ruleId}'`);
      const { due, earliest } = dueDateFor(rule, r.trigger, this.calendar, { lengthOverride: r.length });
      const remindOn = this.workingDaysBefore(due, this.reminderWorkingDays);
      return {
        key: r.key,
        ruleId: r.ruleId,
        name: rule.name,
        regulation: rule.regulation,
        trigger: r.trigger,
        ...(earliest ? { earliest } : {}),
        dueDate: due,
        dueAt: endOfLondonDay(due),
        remindAt: remindOn > r.trigger ? startOfLondonDay(remindOn) : undefined,
        reminded: false,
        status: 'open',
        extensions: [],
        target: rule.target ?? false,
        ...(this.backdatedGraceMs !== undefined ? { backdatedGraceMs: this.backdatedGraceMs } : {}),
      };
    });
  }

  private workingDaysBefore(d: IsoDate, n: number): IsoDate {
    let day = d;
    for (let counted = 0; counted < n; ) {
      day = addCalendarDays(day, -1);
      if (this.calendar.isWorkingDay(day)) counted++;
    }
    return day;
  }
}
