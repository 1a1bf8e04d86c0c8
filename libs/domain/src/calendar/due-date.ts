import type { DeadlineRule, DeadlineUnit } from '../rules/deadlines';
import { addCalendarDays, addCalendarMonths, type IsoDate } from '../time';
import type { WorkingDayCalendar } from './working-days';

export interface DueDate {
  /** For a window (an accelerated hearing 10–15 WD after notice): the first permitted day. */
  earliest?: IsoDate;
  /** The last day on which the thing may be done. */
  due: IsoDate;
}

function addPeriod(trigger: IsoDate, length: number, unit: DeadlineUnit, calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>): IsoDate {
  switch (unit) {
    case 'working-days':
      return calendar.addWorkingDays(trigger, length);
    case 'calendar-days':
      return addCalendarDays(trigger, length);
    case 'weeks':
      return addCalendarDays(trigger, 7 * length);
    case 'months':
      return addCalendarMonths(trigger, length);
  }
}

/**
 * When a rule's deadline falls. lengthOverride replaces the rule's length for this one deadline
 * (an extension granted, or a period the parties agreed to shorten).
 */
export function dueDateFor(
  rule: Pick<DeadlineRule, 'id' | 'length' | 'unit' | 'minimumLength'>,
  trigger: IsoDate,
  calendar: Pick<WorkingDayCalendar, 'addWorkingDays'>,
  opts: { lengthOverride?: number } = {},
): DueDate {
  const length = opts.lengthOverride ?? rule.length;
  if (!Number.isInteger(length) || length <= 0) {
    throw new RangeError(`Deadline rule "${rule.id}": length must be a positive whole number, got ${length}`);
  }
  if (rule.minimumLength !== undefined && length < rule.minimumLength) {
    throw new RangeError(`Deadline rule "${rule.id}": length ${length} is shorter than the earliest day (${rule.minimumLength})`);
  }
  const due = addPeriod(trigger, length, rule.unit, calendar);
  return rule.minimumLength !== undefined
    ? { earliest: addPeriod(trigger, rule.minimumLength, rule.unit, calendar), due }
    : { due };
}
