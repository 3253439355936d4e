import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessMinutes,
  buildBusinessCalendar,
  businessMinutesBetween,
} from '../../../../src/domain/calendar/index.ts';
import { at, deBerlin, US_EAST, usEast } from './calendars.ts';

const iso = (d: Date): string => d.toISOString();
const FOUR_HOURS = 240;

describe('addBusinessMinutes', () => {
  it('carries the minutes left at Friday close over the weekend', () => {
    // Fri 27 Nov 2026 16:59 EST → Mon 30 Nov 12:59 EST.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-27T21:59:00Z'), FOUR_HOURS))).toBe('2026-11-30T17:59:00.000Z');
    // Fri 16:00 EST → Mon 12:00 EST.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-27T21:00:00Z'), FOUR_HOURS))).toBe('2026-11-30T17:00:00.000Z');
  });

  it('starts counting at the next opening when filed after hours or at the weekend', () => {
    // Fri 17:01 EST and Sat 10:00 EST both start at Mon 09:00.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-27T22:01:00Z'), FOUR_HOURS))).toBe('2026-11-30T18:00:00.000Z');
    expect(iso(addBusinessMinutes(usEast, at('2026-11-28T15:00:00Z'), FOUR_HOURS))).toBe('2026-11-30T18:00:00.000Z');
    // Tue 07:00 EST starts the same day at 09:00.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-24T12:00:00Z'), FOUR_HOURS))).toBe('2026-11-24T18:00:00.000Z');
  });

  it('stays at closing time when the minutes run out exactly there', () => {
    // Tue 24 Nov 13:00 EST + 4 h → 17:00 EST the same day.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-24T18:00:00Z'), FOUR_HOURS))).toBe('2026-11-24T22:00:00.000Z');
  });

  it('rolls to the next opening when the minutes run out just after closing', () => {
    expect(iso(addBusinessMinutes(usEast, at('2026-11-24T18:00:00.001Z'), FOUR_HOURS))).toBe(
      '2026-11-25T14:00:00.001Z',
    );
  });

  it('skips Thanksgiving', () => {
    // Wed 25 Nov 15:00 EST: 2 h on Wednesday, Thursday closed, 2 h on Friday → 11:00 EST.
    expect(iso(addBusinessMinutes(usEast, at('2026-11-25T20:00:00Z'), FOUR_HOURS))).toBe('2026-11-27T16:00:00.000Z');
  });

  it('honours extra closed dates and excluded holidays', () => {
    const closedFriday = buildBusinessCalendar({ ...US_EAST, holidays: { country: 'US', dates: ['2026-11-27'] } });
    expect(iso(addBusinessMinutes(closedFriday, at('2026-11-25T20:00:00Z'), FOUR_HOURS))).toBe(
      '2026-11-30T16:00:00.000Z',
    );
    const openThanksgiving = buildBusinessCalendar({
      ...US_EAST,
      holidays: { country: 'US', exclude: ['2026-11-26'] },
    });
    expect(iso(addBusinessMinutes(openThanksgiving, at('2026-11-25T20:00:00Z'), FOUR_HOURS))).toBe(
      '2026-11-26T16:00:00.000Z',
    );
  });

  it('returns the start itself for zero minutes, even outside hours', () => {
    expect(iso(addBusinessMinutes(usEast, at('2026-11-28T15:00:00Z'), 0))).toBe('2026-11-28T15:00:00.000Z');
  });

  it('rejects negative or non-finite minutes and invalid dates', () => {
    expect(() => addBusinessMinutes(usEast, at('2026-11-24T18:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(usEast, at('2026-11-24T18:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(usEast, new Date(Number.NaN), 10)).toThrow(/from is an invalid Date/);
  });

  it('gives up with an error when no business day comes within three years', () => {
    const wednesdays: string[] = [];
    for (let d = DateTime.fromISO('2026-01-07', { zone: 'utc' }); d.year < 2030; d = d.plus({ weeks: 1 }))
      wednesdays.push(d.toISODate() as string);
    const neverOpen = buildBusinessCalendar({
      ...US_EAST,
      id: 'never',
      workingDays: [3],
      holidays: { dates: wednesdays },
    });
    expect(() => addBusinessMinutes(neverOpen, at('2026-01-01T12:00:00Z'), 1)).toThrow(
      /"never" has no business day in the 3 years from 2026-01-01/,
    );
  });
});

describe('addBusinessMinutes across DST changes', () => {
  it('keeps a full working Monday after the US spring-forward weekend', () => {
    // Fri 6 Mar 2026 16:00 EST → Mon 9 Mar 12:00 EDT.
    expect(iso(addBusinessMinutes(usEast, at('2026-03-06T21:00:00Z'), FOUR_HOURS))).toBe('2026-03-09T16:00:00.000Z');
  });

  it('keeps a full working Monday after the US fall-back weekend', () => {
    // Fri 30 Oct 2026 16:00 EDT → Mon 2 Nov 12:00 EST.
    expect(iso(addBusinessMinutes(usEast, at('2026-10-30T20:00:00Z'), FOUR_HOURS))).toBe('2026-11-02T17:00:00.000Z');
  });

  it('keeps a full working Monday after both Berlin changes', () => {
    // Fri 27 Mar 2026 16:00 CET → Mon 30 Mar 12:00 CEST.
    expect(iso(addBusinessMinutes(deBerlin, at('2026-03-27T15:00:00Z'), FOUR_HOURS))).toBe('2026-03-30T10:00:00.000Z');
    // Fri 23 Oct 2026 16:00 CEST → Mon 26 Oct 12:00 CET.
    expect(iso(addBusinessMinutes(deBerlin, at('2026-10-23T14:00:00Z'), FOUR_HOURS))).toBe('2026-10-26T11:00:00.000Z');
  });

  it('opens at local 09:00 on the DST Sunday itself when weekends are working days', () => {
    const everyDay = buildBusinessCalendar({ ...US_EAST, id: 'every-day', workingDays: [1, 2, 3, 4, 5, 6, 7] });
    // Sat 7 Mar 16:00 EST → Sun 8 Mar 12:00 EDT.
    expect(iso(addBusinessMinutes(everyDay, at('2026-03-07T21:00:00Z'), FOUR_HOURS))).toBe('2026-03-08T16:00:00.000Z');
    // Sat 31 Oct 16:00 EDT → Sun 1 Nov 12:00 EST.
    expect(iso(addBusinessMinutes(everyDay, at('2026-10-31T20:00:00Z'), FOUR_HOURS))).toBe('2026-11-01T17:00:00.000Z');
    expect(businessMinutesBetween(everyDay, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(480);
  });

  it('counts real time when the transition falls inside working hours', () => {
    const allDay = buildBusinessCalendar({
      ...US_EAST,
      id: 'all-day',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      workingHours: { start: '00:00', end: '24:00' },
    });
    // Sun 8 Mar 2026 in New York lasts 23 hours; Sun 1 Nov lasts 25.
    expect(businessMinutesBetween(allDay, at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(23 * 60);
    expect(businessMinutesBetween(allDay, at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(25 * 60);
  });
});

describe('addBusinessDays', () => {
  it('treats one business day as one full working day of business time', () => {
    expect(usEast.minutesPerBusinessDay).toBe(480);
    // Wed 18 Nov 10:00 EST → Thu 19 Nov 10:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-18T15:00:00Z'), 1))).toBe('2026-11-19T15:00:00.000Z');
    // Tue 24 Nov 10:00 EST → Wed 25 Nov 10:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-24T15:00:00Z'), 1))).toBe('2026-11-25T15:00:00.000Z');
  });

  it('lands at Monday close for a ticket filed just after Friday close', () => {
    // Fri 27 Nov 17:01 EST → Mon 30 Nov 17:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-27T22:01:00Z'), 1))).toBe('2026-11-30T22:00:00.000Z');
  });

  it('skips Thanksgiving', () => {
    // Wed 25 Nov 15:00 EST → Fri 27 Nov 15:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-25T20:00:00Z'), 1))).toBe('2026-11-27T20:00:00.000Z');
    // Mon 23 Nov 10:00 EST + 3 → Tue, Wed, (Thu closed) Fri 27 Nov 10:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-23T15:00:00Z'), 3))).toBe('2026-11-27T15:00:00.000Z');
  });
});

describe('businessMinutesBetween', () => {
  it('counts only time inside working hours', () => {
    // Fri 27 Nov 16:00 EST → Mon 30 Nov 10:00 EST: 60 + 60.
    expect(businessMinutesBetween(usEast, at('2026-11-27T21:00:00Z'), at('2026-11-30T15:00:00Z'))).toBe(120);
    // Whole Thanksgiving week Mon 00:00 → Mon 00:00 EST: four working days.
    expect(businessMinutesBetween(usEast, at('2026-11-23T05:00:00Z'), at('2026-11-30T05:00:00Z'))).toBe(4 * 480);
  });

  it('is zero when the end is not after the start', () => {
    expect(businessMinutesBetween(usEast, at('2026-11-24T18:00:00Z'), at('2026-11-24T18:00:00Z'))).toBe(0);
    expect(businessMinutesBetween(usEast, at('2026-11-24T18:00:00Z'), at('2026-11-24T15:00:00Z'))).toBe(0);
  });

  it('inverts addBusinessMinutes for starts in, before and after hours, on holidays and around DST', () => {
    const starts = [
      '2026-11-24T18:00:00Z',
      '2026-11-24T18:00:00.001Z',
      '2026-11-27T21:59:00Z',
      '2026-11-28T15:00:00Z',
      '2026-11-26T17:00:00Z',
      '2026-03-06T21:00:00Z',
      '2026-10-30T20:00:00Z',
      '2026-12-31T23:30:45.5Z',
    ];
    const amounts = [1, 59, 240, 480, 481, 1440, 7 * 480 + 13];
    for (const calendar of [usEast, deBerlin]) {
      for (const start of starts) {
        for (const minutes of amounts) {
          const due = addBusinessMinutes(calendar, at(start), minutes);
          expect(businessMinutesBetween(calendar, at(start), due), `${calendar.id} ${start} + ${minutes}`).toBe(
            minutes,
          );
        }
      }
    }
  });
});
