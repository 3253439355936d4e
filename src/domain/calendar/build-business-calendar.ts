import { IANAZone } from 'luxon';
import { createDayResolver } from './day-hours.ts';
import { createHolidayLookup } from './holidays.ts';
import { regularDayMinutes, weekOf } from './hours.ts';
import { assertLocalDate, localDateOf } from './local-time.ts';
import { spansOn } from './spans.ts';
import type { BusinessCalendar, CalendarSpec } from './types.ts';

/**
 * Validates a calendar spec and returns the calendar. Every problem is reported by throwing an
 * Error whose message names the calendar and the offending value, because config loading shows
 * these messages to whoever edits the config file.
 */
export function buildBusinessCalendar(spec: CalendarSpec): BusinessCalendar {
  const where = `Calendar "${spec.id}"`;
  if (!IANAZone.isValidZone(spec.timeZone)) {
    throw new Error(`${where}: unknown time zone "${spec.timeZone}" (expected an IANA zone such as America/New_York)`);
  }
  const week = weekOf(spec, where);
  const holidayName = createHolidayLookup(spec.id, spec.holidays);
  const dayOfChecked = createDayResolver({ where, week, dates: spec.dates ?? [], holidayName });
  const timeZone = spec.timeZone;

  const checked = (localDate: string): string => {
    assertLocalDate(localDate, `${where}: local date`);
    return localDate;
  };
  const dayOf = (localDate: string) => dayOfChecked(checked(localDate));

  return {
    id: spec.id,
    timeZone,
    minutesPerBusinessDay: regularDayMinutes(week),
    weekdayHours: (isoWeekday) => week[isoWeekday] ?? [],
    dayOf,
    isBusinessDay: (localDate) => dayOf(localDate).hours.length > 0,
    holidayName: (localDate) => holidayName(checked(localDate)),
    isWithinBusinessHours(instant) {
      const at = instant.getTime();
      const day = localDateOf(at, timeZone);
      // Closing time belongs to the next closed stretch, so a window is [open, close).
      return spansOn(timeZone, day, dayOf(day).hours).some((s) => s.open <= at && at < s.close);
    },
  };
}
