import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessMinutes,
  buildBusinessCalendar,
  businessMinutesBetween,
  type CalendarSpec,
} from '../../../../src/domain/calendar/index.ts';
import { at, DE_BERLIN, US_EAST } from './calendars.ts';

const iso = (d: Date): string => d.toISOString();
const nineToFive = [{ start: '09:00', end: '17:00' }];
const halfDays = [
  { rule: '12-24', hours: [{ start: '09:00', end: '14:00' }] },
  { rule: '12-31', hours: [{ start: '09:00', end: '14:00' }] },
];

// Berlin, Monday to Thursday 09:00–17:00 and Friday 09:00–15:00.
const fridayShort = buildBusinessCalendar({
  ...DE_BERLIN,
  workingDays: undefined,
  workingHours: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: [{ start: '09:00', end: '15:00' }],
  },
});

describe('a Friday-short week (Berlin, Friday until 15:00)', () => {
  it('closes at 15:00 on Friday and 17:00 on the other days', () => {
    // Fri 4 Dec 2026 (CET = UTC+1).
    expect(fridayShort.isWithinBusinessHours(at('2026-12-04T13:59:59.999Z'))).toBe(true);
    expect(fridayShort.isWithinBusinessHours(at('2026-12-04T14:00:00Z'))).toBe(false);
    expect(fridayShort.isWithinBusinessHours(at('2026-12-03T15:59:59.999Z'))).toBe(true);
  });

  it('carries minutes from Friday 15:00 to Monday', () => {
    // Fri 14:00 CET + 2 business hours: 1 h on Friday, 1 h on Monday → Mon 7 Dec 10:00 CET.
    expect(iso(addBusinessMinutes(fridayShort, at('2026-12-04T13:00:00Z'), 120))).toBe('2026-12-07T09:00:00.000Z');
    // Exactly at Friday close → stays there.
    expect(iso(addBusinessMinutes(fridayShort, at('2026-12-04T13:00:00Z'), 60))).toBe('2026-12-04T14:00:00.000Z');
  });

  it('counts a business day as the regular 8 h day, not Friday’s 6 h', () => {
    expect(fridayShort.minutesPerBusinessDay).toBe(480);
    // Thu 16:00 + 8 h: 1 h Thu, 6 h Fri, 1 h Mon → Mon 10:00 CET.
    expect(iso(addBusinessDays(fridayShort, at('2026-12-03T15:00:00Z'), 1, 'hours'))).toBe('2026-12-07T09:00:00.000Z');
    // The same time on the next business day, even though Friday closes at 15:00.
    expect(iso(addBusinessDays(fridayShort, at('2026-12-03T15:00:00Z'), 1, 'next-day-same-time'))).toBe(
      '2026-12-04T15:00:00.000Z',
    );
  });
});

describe('Christmas Eve as a half day (yearly rule 12-24, 09:00–14:00)', () => {
  const berlin = buildBusinessCalendar({ ...DE_BERLIN, dates: halfDays });
  const newYork = buildBusinessCalendar({ ...US_EAST, dates: halfDays });

  it('closes Berlin at 14:00 on Thu 24 Dec 2026 and every year after', () => {
    expect(berlin.isWithinBusinessHours(at('2026-12-24T12:59:59.999Z'))).toBe(true);
    expect(berlin.isWithinBusinessHours(at('2026-12-24T13:00:00Z'))).toBe(false);
    expect(berlin.dayOf('2027-12-24')).toEqual({ hours: [{ start: 540, end: 840 }], note: 'yearly hours (12-24)' });
    // 13:00 CET + 2 h: 1 h on the 24th, the 25th and 26th are holidays, the 27th a Sunday → Mon 28 Dec 10:00.
    expect(iso(addBusinessMinutes(berlin, at('2026-12-24T12:00:00Z'), 120))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('closes New York at 14:00 EST, whose Christmas Day is a holiday too', () => {
    expect(newYork.isWithinBusinessHours(at('2026-12-24T18:59:59.999Z'))).toBe(true);
    expect(newYork.isWithinBusinessHours(at('2026-12-24T19:00:00Z'))).toBe(false);
    expect(iso(addBusinessMinutes(newYork, at('2026-12-24T18:00:00Z'), 120))).toBe('2026-12-28T15:00:00.000Z');
  });

  it('never opens a weekend or a holiday: 24 Dec 2028 is a Sunday', () => {
    expect(newYork.dayOf('2028-12-24').hours).toEqual([]);
    expect(newYork.dayOf('2026-12-25')).toEqual({ hours: [], note: 'Christmas Day' });
  });

  it('takes hours for a single date, which may open a Saturday or close a day', () => {
    const spec: CalendarSpec = {
      ...US_EAST,
      dates: [
        { date: '2026-12-19', hours: [{ start: '10:00', end: '12:00' }] },
        { date: '2026-12-23', hours: [] },
      ],
    };
    const calendar = buildBusinessCalendar(spec);
    expect(calendar.dayOf('2026-12-19')).toEqual({
      hours: [{ start: 600, end: 720 }],
      note: 'hours set for 2026-12-19',
    });
    expect(calendar.isBusinessDay('2026-12-23')).toBe(false);
    expect(calendar.isBusinessDay('2026-12-22')).toBe(true);
  });
});

describe('yearly closed days (holidays.rules)', () => {
  const calendar = buildBusinessCalendar({
    ...DE_BERLIN,
    holidays: { ...DE_BERLIN.holidays, rules: ['12-24', '12-31'], exclude: ['2027-12-31'] },
  });

  it('closes the day every year, and exclude re-opens one year', () => {
    expect(calendar.holidayName('2026-12-31')).toBe('Closed every year (12-31)');
    expect(calendar.isBusinessDay('2026-12-24')).toBe(false);
    expect(calendar.isBusinessDay('2030-12-24')).toBe(false);
    expect(calendar.isBusinessDay('2027-12-31')).toBe(true);
  });
});

describe('a split shift (09:00–12:00 and 13:00–17:00, New York)', () => {
  const split = buildBusinessCalendar({
    ...US_EAST,
    workingDays: undefined,
    workingHours: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
        d,
        [
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ],
      ]),
    ),
  });

  it('is closed over lunch, from 12:00 to just before 13:00', () => {
    // Tue 1 Dec 2026, EST = UTC−5.
    expect(split.isWithinBusinessHours(at('2026-12-01T16:59:59.999Z'))).toBe(true);
    expect(split.isWithinBusinessHours(at('2026-12-01T17:00:00Z'))).toBe(false);
    expect(split.isWithinBusinessHours(at('2026-12-01T17:59:59.999Z'))).toBe(false);
    expect(split.isWithinBusinessHours(at('2026-12-01T18:00:00Z'))).toBe(true);
  });

  it('counts across the lunch break', () => {
    // 11:30 + 60 min → 12:00 closes, 30 min from 13:00 → 13:30.
    expect(iso(addBusinessMinutes(split, at('2026-12-01T16:30:00Z'), 60))).toBe('2026-12-01T18:30:00.000Z');
    expect(iso(addBusinessMinutes(split, at('2026-12-01T16:30:00Z'), 30))).toBe('2026-12-01T17:00:00.000Z');
    expect(businessMinutesBetween(split, at('2026-12-01T16:00:00Z'), at('2026-12-01T19:00:00Z'))).toBe(120);
    expect(split.minutesPerBusinessDay).toBe(420);
  });

  it('starts next-day-same-time at 13:00 for a ticket filed over lunch', () => {
    expect(iso(addBusinessDays(split, at('2026-12-01T17:15:00Z'), 1, 'next-day-same-time'))).toBe(
      '2026-12-02T18:00:00.000Z',
    );
  });
});

describe('a 24×7 calendar (every day 00:00–24:00)', () => {
  const allHours = { workingDays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' } };
  const newYork = buildBusinessCalendar({ ...US_EAST, ...allHours, holidays: {} });
  const berlin = buildBusinessCalendar({ ...DE_BERLIN, ...allHours, holidays: {} });

  it('is open at every instant, midnight included', () => {
    expect(newYork.isWithinBusinessHours(at('2026-12-06T05:00:00Z'))).toBe(true);
    expect(newYork.isWithinBusinessHours(at('2026-12-06T04:59:59.999Z'))).toBe(true);
    expect(newYork.minutesPerBusinessDay).toBe(1440);
  });

  it('counts business minutes as elapsed time across both DST nights', () => {
    // Sat 7 Mar 2026 23:00 EST + 4 h → Sun 8 Mar 04:00 EDT (03:00 EST never shows).
    expect(iso(addBusinessMinutes(newYork, at('2026-03-08T04:00:00Z'), 240))).toBe('2026-03-08T08:00:00.000Z');
    expect(businessMinutesBetween(newYork, at('2026-10-31T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(49 * 60);
  });

  it('differs by the lost or gained hour between the two business-day definitions', () => {
    // New York spring forward: Sat 7 Mar 10:00 EST.
    const springNY = at('2026-03-07T15:00:00Z');
    expect(iso(addBusinessDays(newYork, springNY, 1, 'hours'))).toBe('2026-03-08T15:00:00.000Z'); // 11:00 EDT
    expect(iso(addBusinessDays(newYork, springNY, 1, 'next-day-same-time'))).toBe('2026-03-08T14:00:00.000Z');
    // New York fall back: Sat 31 Oct 10:00 EDT.
    const fallNY = at('2026-10-31T14:00:00Z');
    expect(iso(addBusinessDays(newYork, fallNY, 1, 'hours'))).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST
    expect(iso(addBusinessDays(newYork, fallNY, 1, 'next-day-same-time'))).toBe('2026-11-01T15:00:00.000Z');
    // Berlin spring forward: Sat 28 Mar 10:00 CET; fall back: Sat 24 Oct 10:00 CEST.
    expect(iso(addBusinessDays(berlin, at('2026-03-28T09:00:00Z'), 1, 'next-day-same-time'))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(iso(addBusinessDays(berlin, at('2026-10-24T08:00:00Z'), 1, 'next-day-same-time'))).toBe(
      '2026-10-25T09:00:00.000Z',
    );
  });
});
