import { localDateOf, nextLocalDate, wallTimeOf } from './local-time.ts';
import { spansOn, type Span } from './spans.ts';
import type { BusinessCalendar, BusinessDayDefinition } from './types.ts';

const MINUTE_MS = 60_000;
// A calendar can be valid yet closed for good (e.g. every working day listed as a holiday);
// searching further than this for an opening means it will never come.
const MAX_CLOSED_DAYS = 3 * 366;

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

  for (const { open, close } of spansFrom(calendar, start)) {
    const segmentStart = Math.max(start, open);
    if (segmentStart >= close) continue;
    if (remaining <= close - segmentStart) return new Date(segmentStart + remaining);
    remaining -= close - segmentStart;
  }
  throw new Error('unreachable: spansFrom ends only by throwing');
}

/**
 * `days` business days after `from`, by the contract's definition. `hours` adds that many regular
 * working days' worth of business time (the clock time is kept when days are of equal length).
 * `next-day-same-time` starts where counting would start (`from` inside working hours, otherwise
 * the next opening) and lands on the same wall-clock time of the `days`-th next business day, even
 * when that day closes earlier: the contract names a time, not an amount of work.
 */
export function addBusinessDays(
  calendar: BusinessCalendar,
  from: Date,
  days: number,
  definition: BusinessDayDefinition = 'hours',
): Date {
  if (!Number.isFinite(days) || days < 0)
    throw new RangeError(`Business days must be a finite number >= 0, got ${days}`);
  if (definition === 'hours') return addBusinessMinutes(calendar, from, days * calendar.minutesPerBusinessDay);
  if (!Number.isInteger(days)) throw new RangeError(`Business days must be whole for ${definition}, got ${days}`);
  const start = validInstant(from, 'from');
  if (days === 0) return new Date(start);
  const begin = wallTimeOf(countingStart(calendar, start), calendar.timeZone);
  let day = begin.localDate;
  for (let n = 0; n < days; n += 1) day = nextBusinessDay(calendar, day);
  return new Date(begin.at(day));
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
    for (const { open, close } of spansOn(calendar.timeZone, day, calendar.dayOf(day).hours))
      total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total / MINUTE_MS;
}

/** Where business time starts to count from `from`: itself inside working hours, else the next opening. */
function countingStart(calendar: BusinessCalendar, from: number): number {
  for (const { open, close } of spansFrom(calendar, from)) if (close > from) return Math.max(from, open);
  throw new Error('unreachable: spansFrom ends only by throwing');
}

/** The next local date after `localDate` with business hours. */
function nextBusinessDay(calendar: BusinessCalendar, localDate: string): string {
  let day = localDate;
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; closedDays += 1) {
    day = nextLocalDate(day);
    if (calendar.isBusinessDay(day)) return day;
  }
  throw neverOpen(calendar, localDate);
}

/** Business spans day by day, starting with the local day that contains `from`; endless. */
function* spansFrom(calendar: BusinessCalendar, from: number): Generator<Span> {
  let day = localDateOf(from, calendar.timeZone);
  for (;;) {
    const searchFrom = day;
    let closedDays = 0;
    for (;;) {
      const spans = spansOn(calendar.timeZone, day, calendar.dayOf(day).hours);
      day = nextLocalDate(day);
      if (spans.length > 0) {
        yield* spans;
        break;
      }
      if ((closedDays += 1) > MAX_CLOSED_DAYS) throw neverOpen(calendar, searchFrom);
    }
  }
}

function neverOpen(calendar: BusinessCalendar, from: string): Error {
  return new Error(
    `Calendar "${calendar.id}" has no business day in the 3 years from ${from}; check its working days and holidays`,
  );
}

function validInstant(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}
