// @conduct/domain/calendar: working days and due dates. Uses date-holidays, so it is for
// activities only and is deliberately not exported from @conduct/domain.
export {
  FIRST_RELIABLE_YEAR,
  WorkingDayCalendar,
  englandAndWalesBankHolidays,
  englandAndWalesCalendar,
  type BankHoliday,
  type BankHolidaySource,
} from './working-days';
export { dueDateFor, type DueDate } from './due-date';
