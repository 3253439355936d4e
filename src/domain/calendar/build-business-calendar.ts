import { IANAZone } from 'luxon';
import { createHolidayLookup } from './holidays.ts';
import { assertLocalDate, isoWeekday, localDateOf, parseClockTime, wallClockInstant } from './local-time.ts';
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
  if (spec.workingDays.length === 0)
    throw new Error(`${where}: workingDays is empty, so there is no business time at all`);
  for (const day of spec.workingDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new Error(`${where}: working day ${day} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
  }
  const start = parseClockTime(spec.workingHours.start, `${where}: working hours start`);
  const end = parseClockTime(spec.workingHours.end, `${where}: working hours end`);
  if (end <= start) {
    throw new Error(
      `${where}: working hours end ${spec.workingHours.end} is not after start ${spec.workingHours.start}`,
    );
  }
  const holidayName = createHolidayLookup(spec.id, spec.holidays);
  const workingDays = new Set(spec.workingDays);
  const timeZone = spec.timeZone;

  const checked = (localDate: string): string => {
    assertLocalDate(localDate, `${where}: local date`);
    return localDate;
  };
  const isBusinessDay = (localDate: string): boolean =>
    workingDays.has(isoWeekday(checked(localDate))) && holidayName(localDate) === undefined;

  return {
    id: spec.id,
    timeZone,
    workingDays: [...workingDays].sort((a, b) => a - b),
    workingHours: { start: spec.workingHours.start, end: spec.workingHours.end },
    isBusinessDay,
    holidayName: (localDate) => holidayName(checked(localDate)),
    isWithinBusinessHours(instant) {
      const at = instant.getTime();
      const day = localDateOf(at, timeZone);
      // Closing time belongs to the next closed stretch, so a window is [open, close).
      return (
        isBusinessDay(day) && wallClockInstant(day, start, timeZone) <= at && at < wallClockInstant(day, end, timeZone)
      );
    },
  };
}
