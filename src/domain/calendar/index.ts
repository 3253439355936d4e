export { buildBusinessCalendar } from './build-business-calendar.ts';
export { addBusinessDays, addBusinessMinutes, businessMinutesBetween } from './business-time.ts';
export { describeCalendar, formatDayHours, upcomingExceptions, type CalendarException } from './exceptions.ts';
export { findWindowProblem, type WindowProblem } from './hours.ts';
export { addCalendarDays, isLocalDate, localDateOf } from './local-time.ts';
export { yearlyRuleProblem } from './yearly-rules.ts';
export {
  BUSINESS_DAY_DEFINITIONS,
  WEEKDAYS,
  type BusinessCalendar,
  type BusinessDayDefinition,
  type CalendarSpec,
  type DateHours,
  type HoursWindow,
  type Weekday,
  type WeeklyHours,
} from './types.ts';
