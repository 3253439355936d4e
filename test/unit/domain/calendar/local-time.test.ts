import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessMinutes, buildBusinessCalendar } from '../../../../src/domain/calendar/index.ts';
import { addCalendarDays, wallClockInstant } from '../../../../src/domain/calendar/local-time.ts';
import { at } from './calendars.ts';

// luxon reads its clock through Settings.now; the old resolution guessed the offset from it, so
// every case runs with the clock pinned in January (standard time) and in July (summer time).
const RUN_DATES = ['2026-01-15T12:00:00Z', '2027-07-15T12:00:00Z'] as const;
const realNow = Settings.now;
afterEach(() => {
  Settings.now = realNow;
});

const iso = (ms: number | Date): string => new Date(ms).toISOString();
const hm = (h: number, m: number): number => h * 60 + m;

describe.each(RUN_DATES)('wallClockInstant with the clock at %s', (runAt) => {
  const pin = () => {
    Settings.now = () => Date.parse(runAt);
  };

  it('reads a time in New York’s repeated hour (1 Nov 2026) as its first occurrence, in EDT', () => {
    pin();
    expect(iso(wallClockInstant('2026-11-01', hm(1, 0), 'America/New_York'))).toBe('2026-11-01T05:00:00.000Z');
    expect(iso(wallClockInstant('2026-11-01', hm(1, 30), 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(wallClockInstant('2026-11-01', hm(1, 59), 'America/New_York'))).toBe('2026-11-01T05:59:00.000Z');
    // Just outside the repeated hour each side: 00:59 EDT and 02:00 EST.
    expect(iso(wallClockInstant('2026-11-01', hm(0, 59), 'America/New_York'))).toBe('2026-11-01T04:59:00.000Z');
    expect(iso(wallClockInstant('2026-11-01', hm(2, 0), 'America/New_York'))).toBe('2026-11-01T07:00:00.000Z');
  });

  it('reads a time in Berlin’s repeated hour (25 Oct 2026) as its first occurrence, in CEST', () => {
    pin();
    expect(iso(wallClockInstant('2026-10-25', hm(2, 0), 'Europe/Berlin'))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(wallClockInstant('2026-10-25', hm(2, 30), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(wallClockInstant('2026-10-25', hm(3, 0), 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('reads a time skipped by the spring-forward gap in standard time, an hour later on the clock', () => {
    pin();
    // New York 8 Mar 2026: 02:00–03:00 does not exist; 02:30 is read as 02:30 EST = 03:30 EDT.
    expect(iso(wallClockInstant('2026-03-08', hm(2, 30), 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(wallClockInstant('2026-03-08', hm(3, 0), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    // Berlin 29 Mar 2026: 02:15 is read as 02:15 CET = 03:15 CEST.
    expect(iso(wallClockInstant('2026-03-29', hm(2, 15), 'Europe/Berlin'))).toBe('2026-03-29T01:15:00.000Z');
  });

  it('gives the same deadline for a window opening and closing in the repeated hour (the issue’s case)', () => {
    pin();
    const night = buildBusinessCalendar({
      id: 'night',
      timeZone: 'America/New_York',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      workingHours: { start: '01:30', end: '03:30' },
    });
    // Sun 1 Nov 2026 00:00 EDT + 150 business minutes: the window runs 01:30 EDT → 03:30 EST
    // (three real hours that night), so the deadline is Sun 03:00 EST, whenever this runs.
    expect(iso(addBusinessMinutes(night, at('2026-11-01T04:00:00Z'), 150))).toBe('2026-11-01T08:00:00.000Z');
    expect(night.isWithinBusinessHours(at('2026-11-01T05:29:59.999Z'))).toBe(false);
    expect(night.isWithinBusinessHours(at('2026-11-01T05:30:00Z'))).toBe(true);
  });
});

describe('addCalendarDays', () => {
  it('keeps the wall-clock time across a DST change, so a day is 23 or 25 hours there', () => {
    // Wed 21 Oct 2026 11:00 EDT + 30 days → Fri 20 Nov 11:00 EST.
    expect(iso(addCalendarDays(Date.parse('2026-10-21T15:00:00Z'), 30, 'America/New_York'))).toBe(
      '2026-11-20T16:00:00.000Z',
    );
    // Sat 28 Mar 2026 12:00 CET + 1 day → Sun 29 Mar 12:00 CEST, 23 hours later.
    expect(iso(addCalendarDays(Date.parse('2026-03-28T11:00:00Z'), 1, 'Europe/Berlin'))).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    // Back 90 days from Mon 30 Nov 12:00:00.5 EST → Tue 1 Sep 12:00:00.5 EDT, milliseconds kept.
    expect(iso(addCalendarDays(Date.parse('2026-11-30T17:00:00.500Z'), -90, 'America/New_York'))).toBe(
      '2026-09-01T16:00:00.500Z',
    );
  });
});
