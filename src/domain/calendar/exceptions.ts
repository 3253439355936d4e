import { minutesOf } from './hours.ts';
import { isoWeekday, nextLocalDate } from './local-time.ts';
import { WEEKDAYS, type BusinessCalendar, type DayWindow } from './types.ts';

/** A day whose hours differ from its weekday's: closed, or open for less time than usual. */
export interface CalendarException {
  date: string;
  kind: 'closed' | 'shortened';
  hours: readonly DayWindow[];
  /** The holiday or the `dates` entry behind it. */
  note: string;
}

/**
 * The next `count` closed days and the next `count` shortened days from `fromDate` on (a local
 * date, included), searching at most `maxDays` ahead. Only days that would otherwise work count:
 * a holiday on a Sunday of a weekday calendar is not news to anyone.
 */
export function upcomingExceptions(
  calendar: BusinessCalendar,
  fromDate: string,
  { count = 10, maxDays = 3 * 366 }: { count?: number; maxDays?: number } = {},
): { closed: CalendarException[]; shortened: CalendarException[] } {
  const closed: CalendarException[] = [];
  const shortened: CalendarException[] = [];
  let date = fromDate;
  for (let i = 0; i < maxDays && (closed.length < count || shortened.length < count); i += 1) {
    const regular = minutesOf(calendar.weekdayHours(isoWeekday(date)));
    const { hours, note } = calendar.dayOf(date);
    const minutes = minutesOf(hours);
    const exception = { date, hours, note: note ?? '' };
    if (regular > 0 && minutes === 0 && closed.length < count) closed.push({ ...exception, kind: 'closed' });
    else if (minutes > 0 && minutes < regular && shortened.length < count)
      shortened.push({ ...exception, kind: 'shortened' });
    date = nextLocalDate(date);
  }
  return { closed, shortened };
}

/** '09:00–14:00, 15:00–17:00' for a day's windows; 'closed' for none. */
export function formatDayHours(hours: readonly DayWindow[]): string {
  if (hours.length === 0) return 'closed';
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return hours.map((w) => `${hhmm(w.start)}–${hhmm(w.end)}`).join(', ');
}

/**
 * What `doctor` prints for a calendar: its week, then the next 10 closed days and the next 10
 * shortened days from `fromDate` (a local date in the calendar's zone), each with its reason.
 */
export function describeCalendar(calendar: BusinessCalendar, fromDate: string): string[] {
  const week = WEEKDAYS.map((day, i) => `${day} ${formatDayHours(calendar.weekdayHours(i + 1))}`).join('; ');
  const { closed, shortened } = upcomingExceptions(calendar, fromDate);
  const line = (e: CalendarException) =>
    `      ${e.date} ${WEEKDAYS[isoWeekday(e.date) - 1]} ${formatDayHours(e.hours)}${e.note ? ` (${e.note})` : ''}`;
  return [
    `  - ${calendar.id} (${calendar.timeZone}): ${week}`,
    `    next closed days from ${fromDate}:${closed.length ? '' : ' none within 3 years'}`,
    ...closed.map(line),
    `    next shortened days from ${fromDate}:${shortened.length ? '' : ' none within 3 years'}`,
    ...shortened.map(line),
  ];
}
