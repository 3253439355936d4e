export { buildBusinessCalendar } from './build-business-calendar.ts';
export { addBusinessDays, addBusinessMinutes, businessMinutesBetween, minutesPerWorkingDay } from './business-time.ts';
export type { BusinessCalendar, CalendarSpec } from './types.ts';
