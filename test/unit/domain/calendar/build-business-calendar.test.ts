import { describe, expect, it } from 'vitest';
import { buildBusinessCalendar, type CalendarSpec } from '../../../../src/domain/calendar/index.ts';
import { at, deBerlin, US_EAST, usEast } from './calendars.ts';

const withHolidays = (holidays: CalendarSpec['holidays']): CalendarSpec => ({ ...US_EAST, id: 'us-custom', holidays });

describe('buildBusinessCalendar', () => {
  it('rejects an unknown time zone and names it', () => {
    expect(() => buildBusinessCalendar({ ...US_EAST, timeZone: 'Mars/Base' })).toThrow(
      /us-east.*unknown time zone "Mars\/Base"/,
    );
  });

  it('rejects an unknown holiday country, state or region', () => {
    expect(() => buildBusinessCalendar(withHolidays({ country: 'XX' }))).toThrow(/unknown holiday country "XX"/);
    expect(() => buildBusinessCalendar(withHolidays({ country: 'US', state: 'ZZ' }))).toThrow(
      /unknown holiday state "ZZ" for country US/,
    );
    expect(() => buildBusinessCalendar(withHolidays({ country: 'DE', state: 'BY', region: 'NOPE' }))).toThrow(
      /unknown holiday region "NOPE" for DE-BY/,
    );
    expect(() => buildBusinessCalendar(withHolidays({ country: 'DE', region: 'A' }))).toThrow(
      /region "A" needs a state/,
    );
  });

  it('accepts a known state and region in any letter case', () => {
    expect(() => buildBusinessCalendar(withHolidays({ country: 'de', state: 'by', region: 'a' }))).not.toThrow();
  });

  it('rejects working hours that end at or before they start', () => {
    const hours = (start: string, end: string): CalendarSpec => ({ ...US_EAST, workingHours: { start, end } });
    expect(() => buildBusinessCalendar(hours('17:00', '09:00'))).toThrow(
      /working hours: end 09:00 is not after start 17:00/,
    );
    expect(() => buildBusinessCalendar(hours('09:00', '09:00'))).toThrow(
      /working hours: end 09:00 is not after start 09:00/,
    );
  });

  it('rejects malformed times of day', () => {
    expect(() => buildBusinessCalendar({ ...US_EAST, workingHours: { start: '9am', end: '17:00' } })).toThrow(
      /start "9am" is not a valid time of day/,
    );
    expect(() => buildBusinessCalendar({ ...US_EAST, workingHours: { start: '09:00', end: '24:30' } })).toThrow(
      /end "24:30"/,
    );
    expect(() => buildBusinessCalendar({ ...US_EAST, workingHours: { start: '09:60', end: '17:00' } })).toThrow(
      /start "09:60"/,
    );
  });

  it('rejects malformed holiday dates and a date both closed and excluded', () => {
    expect(() => buildBusinessCalendar(withHolidays({ dates: ['2026/11/27'] }))).toThrow(
      /holiday date "2026\/11\/27" is not a valid date/,
    );
    expect(() => buildBusinessCalendar(withHolidays({ exclude: ['2026-02-30'] }))).toThrow(
      /excluded holiday date "2026-02-30"/,
    );
    expect(() => buildBusinessCalendar(withHolidays({ dates: ['2026-11-27'], exclude: ['2026-11-27'] }))).toThrow(
      /2026-11-27 is listed both/,
    );
  });

  it('rejects working days that are not ISO weekdays, or none at all', () => {
    expect(() => buildBusinessCalendar({ ...US_EAST, workingDays: [0, 1] })).toThrow(
      /working day 0 is not an ISO weekday/,
    );
    expect(() => buildBusinessCalendar({ ...US_EAST, workingDays: [] })).toThrow(/workingDays is empty/);
  });

  it('exposes its id, zone and working time', () => {
    expect(usEast).toMatchObject({ id: 'us-east', timeZone: 'America/New_York', minutesPerBusinessDay: 480 });
    expect(usEast.weekdayHours(5)).toEqual([{ start: 540, end: 1020 }]);
    expect(usEast.weekdayHours(6)).toEqual([]);
  });
});

describe('holidays from date-holidays', () => {
  it('close Thanksgiving but not the Friday after it in the US', () => {
    expect(usEast.holidayName('2026-11-26')).toBe('Thanksgiving Day');
    expect(usEast.isBusinessDay('2026-11-26')).toBe(false);
    expect(usEast.holidayName('2026-11-27')).toBeUndefined();
    expect(usEast.isBusinessDay('2026-11-27')).toBe(true);
  });

  it('close the observed weekday when a US holiday falls on a weekend', () => {
    expect(usEast.holidayName('2026-07-03')).toBe('Independence Day (substitute day)');
    expect(usEast.isBusinessDay('2026-07-03')).toBe(false);
  });

  it('use the country’s English variant for names', () => {
    expect(usEast.holidayName('2026-09-07')).toBe('Labor Day');
    expect(deBerlin.holidayName('2026-04-03')).toBe('Good Friday');
  });

  it('include state holidays such as International Women’s Day in Berlin', () => {
    expect(deBerlin.holidayName('2027-03-08')).toBe("International Women's Day");
    expect(deBerlin.isBusinessDay('2027-03-08')).toBe(false);
  });

  it('leave bank and observance days open, such as Christmas Eve in Berlin', () => {
    expect(deBerlin.isBusinessDay('2026-12-24')).toBe(true);
    expect(deBerlin.isBusinessDay('2026-11-18')).toBe(true);
  });

  it('close every day of a multi-day public holiday', () => {
    const dubai = buildBusinessCalendar({
      id: 'ae',
      timeZone: 'Asia/Dubai',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      workingHours: { start: '09:00', end: '17:00' },
      holidays: { country: 'AE' },
    });
    expect(
      ['2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23'].map((d) => dubai.isBusinessDay(d)),
    ).toEqual([true, false, false, false, true]);
  });

  it('are computed for any year asked about', () => {
    expect(usEast.holidayName('2031-11-27')).toBe('Thanksgiving Day');
    expect(usEast.holidayName('2024-11-28')).toBe('Thanksgiving Day');
  });
});

describe('configured closures', () => {
  it('close an extra date listed in the spec', () => {
    const calendar = buildBusinessCalendar(withHolidays({ country: 'US', dates: ['2026-11-27'] }));
    expect(calendar.isBusinessDay('2026-11-27')).toBe(false);
    expect(calendar.holidayName('2026-11-27')).toBe('Closed (calendar us-custom)');
  });

  it('re-open a public holiday listed under exclude', () => {
    const calendar = buildBusinessCalendar(withHolidays({ country: 'US', exclude: ['2026-11-26'] }));
    expect(calendar.isBusinessDay('2026-11-26')).toBe(true);
    expect(calendar.holidayName('2026-11-26')).toBeUndefined();
    expect(calendar.isBusinessDay('2026-12-25')).toBe(false);
  });

  it('work without any holiday source', () => {
    const calendar = buildBusinessCalendar({ ...US_EAST, holidays: undefined });
    expect(calendar.isBusinessDay('2026-11-26')).toBe(true);
    expect(calendar.isBusinessDay('2026-11-28')).toBe(false);
  });
});

describe('isBusinessDay', () => {
  it('rejects a string that is not a local date', () => {
    expect(() => usEast.isBusinessDay('tomorrow')).toThrow(/local date "tomorrow" is not a valid date/);
  });
});

describe('isWithinBusinessHours', () => {
  it('includes opening time and excludes closing time in the calendar’s zone', () => {
    expect(usEast.isWithinBusinessHours(at('2026-11-24T13:59:59.999Z'))).toBe(false);
    expect(usEast.isWithinBusinessHours(at('2026-11-24T14:00:00Z'))).toBe(true);
    expect(usEast.isWithinBusinessHours(at('2026-11-24T21:59:59.999Z'))).toBe(true);
    expect(usEast.isWithinBusinessHours(at('2026-11-24T22:00:00Z'))).toBe(false);
  });

  it('is false all day on holidays and weekends', () => {
    expect(usEast.isWithinBusinessHours(at('2026-11-26T17:00:00Z'))).toBe(false);
    expect(usEast.isWithinBusinessHours(at('2026-11-28T17:00:00Z'))).toBe(false);
  });

  it('follows the local offset in summer time', () => {
    expect(usEast.isWithinBusinessHours(at('2026-07-01T13:00:00Z'))).toBe(true);
    expect(deBerlin.isWithinBusinessHours(at('2026-07-01T07:00:00Z'))).toBe(true);
    expect(deBerlin.isWithinBusinessHours(at('2026-07-01T06:59:00Z'))).toBe(false);
  });
});
