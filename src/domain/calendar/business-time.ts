import { localDateOf, nextLocalDate, parseClockTime, wallClockInstant } from './local-time.ts';
import type { BusinessCalendar } from './types.ts';

const MINUTE_MS = 60_000;
// A calendar can be valid yet closed for good (e.g. every working day listed as a holiday);
// searching further than this for an opening means it will never come.
const MAX_CLOSED_DAYS = 3 * 366;

interface Window {
  open: number;
  close: number;
}

/** Working-hours length in wall-clock minutes; one business day is this much business time. */
export function minutesPerWorkingDay(calendar: BusinessCalendar): number {
  const { start, end } = calendar.workingHours;
  return parseClockTime(end, 'working hours end') - parseClockTime(start, 'working hours start');
}

/**
 * The earliest instant by which `minutes` of business time have passed since `from`. Counting
 * starts at `from` if it is inside working hours, otherwise at the next opening. Because it is the
 * earliest such instant, a result that falls exactly on closing time stays there instead of rolling
 * over to the next opening, and adding 0 minutes returns `from` itself.
 *
 * Business time is real elapsed time inside the windows: on a DST night the day keeps its full
 * hours, and only a window that contains the transition itself is an hour shorter or longer.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  const start = validInstant(from, 'from');
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`Business minutes must be a finite number >= 0, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(start);

  const windows = windowsFrom(calendar, start);
  for (;;) {
    const { open, close } = windows.next();
    const segmentStart = Math.max(start, open);
    if (segmentStart >= close) continue;
    if (remaining <= close - segmentStart) return new Date(segmentStart + remaining);
    remaining -= close - segmentStart;
  }
}

/** One business day is one full working day of business time, so the clock time is kept. */
export function addBusinessDays(calendar: BusinessCalendar, from: Date, days: number): Date {
  if (!Number.isFinite(days) || days < 0)
    throw new RangeError(`Business days must be a finite number >= 0, got ${days}`);
  return addBusinessMinutes(calendar, from, days * minutesPerWorkingDay(calendar));
}

/**
 * Business time in minutes between two instants; 0 when `to` is not after `from`. Not rounded,
 * so it inverts addBusinessMinutes exactly, including instants with seconds or milliseconds.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const start = validInstant(from, 'from');
  const end = validInstant(to, 'to');
  if (end <= start) return 0;
  const lastDay = localDateOf(end, calendar.timeZone);
  let total = 0;
  for (let day = localDateOf(start, calendar.timeZone); day <= lastDay; day = nextLocalDate(day)) {
    if (!calendar.isBusinessDay(day)) continue;
    const { open, close } = windowOn(calendar, day);
    total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total / MINUTE_MS;
}

function windowOn(calendar: BusinessCalendar, localDate: string): Window {
  const { start, end } = calendar.workingHours;
  return {
    open: wallClockInstant(localDate, parseClockTime(start, 'working hours start'), calendar.timeZone),
    close: wallClockInstant(localDate, parseClockTime(end, 'working hours end'), calendar.timeZone),
  };
}

/** Business windows day by day, starting with the local day that contains `from`. */
function windowsFrom(calendar: BusinessCalendar, from: number): { next(): Window } {
  let day = localDateOf(from, calendar.timeZone);
  return {
    next() {
      const searchFrom = day;
      for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; closedDays += 1) {
        const candidate = day;
        day = nextLocalDate(day);
        if (calendar.isBusinessDay(candidate)) return windowOn(calendar, candidate);
      }
      throw new Error(
        `Calendar "${calendar.id}" has no business day in the 3 years from ${searchFrom}; check its working days and holidays`,
      );
    },
  };
}

function validInstant(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}
