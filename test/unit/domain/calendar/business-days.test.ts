import { describe, expect, it } from 'vitest';
import { addBusinessDays, type BusinessDayDefinition } from '../../../../src/domain/calendar/index.ts';
import { at, deBerlin, usEast } from './calendars.ts';

const iso = (d: Date): string => d.toISOString();
const both = (from: string, calendar = usEast) => ({
  hours: iso(addBusinessDays(calendar, at(from), 1, 'hours')),
  sameTime: iso(addBusinessDays(calendar, at(from), 1, 'next-day-same-time')),
});

describe('one business day under both definitions (New York 09:00–17:00 unless said)', () => {
  it('agree inside working hours across a weekend', () => {
    // Fri 4 Dec 2026 16:00 EST → Mon 7 Dec 16:00 EST.
    expect(both('2026-12-04T21:00:00Z')).toEqual({
      hours: '2026-12-07T21:00:00.000Z',
      sameTime: '2026-12-07T21:00:00.000Z',
    });
    // Just before Friday close.
    expect(both('2026-12-04T21:59:59.999Z')).toEqual({
      hours: '2026-12-07T21:59:59.999Z',
      sameTime: '2026-12-07T21:59:59.999Z',
    });
  });

  it('differ for a ticket filed at Friday close or at the weekend', () => {
    // Counting starts Mon 09:00: 8 business hours → Mon 17:00; same time next business day → Tue 09:00.
    for (const filed of ['2026-12-04T22:00:00Z', '2026-12-05T15:00:00Z']) {
      expect(both(filed)).toEqual({ hours: '2026-12-07T22:00:00.000Z', sameTime: '2026-12-08T14:00:00.000Z' });
    }
  });

  it('skip Thanksgiving, and differ for a ticket filed on it', () => {
    // Wed 25 Nov 10:00 EST → Fri 27 Nov 10:00 EST.
    expect(both('2026-11-25T15:00:00Z')).toEqual({
      hours: '2026-11-27T15:00:00.000Z',
      sameTime: '2026-11-27T15:00:00.000Z',
    });
    // Thu 26 Nov 10:00 EST (closed): Fri 17:00 EST, or Mon 30 Nov 09:00 EST.
    expect(both('2026-11-26T15:00:00Z')).toEqual({
      hours: '2026-11-27T22:00:00.000Z',
      sameTime: '2026-11-30T14:00:00.000Z',
    });
  });

  it('keep the wall-clock time over both DST weekends in New York and Berlin', () => {
    // Fri 6 Mar 10:00 EST → Mon 9 Mar 10:00 EDT; Fri 30 Oct 10:00 EDT → Mon 2 Nov 10:00 EST.
    expect(both('2026-03-06T15:00:00Z')).toEqual({
      hours: '2026-03-09T14:00:00.000Z',
      sameTime: '2026-03-09T14:00:00.000Z',
    });
    expect(both('2026-10-30T14:00:00Z')).toEqual({
      hours: '2026-11-02T15:00:00.000Z',
      sameTime: '2026-11-02T15:00:00.000Z',
    });
    // Fri 27 Mar 10:00 CET → Mon 30 Mar 10:00 CEST; Fri 23 Oct 10:00 CEST → Mon 26 Oct 10:00 CET.
    expect(both('2026-03-27T09:00:00Z', deBerlin)).toEqual({
      hours: '2026-03-30T08:00:00.000Z',
      sameTime: '2026-03-30T08:00:00.000Z',
    });
    expect(both('2026-10-23T08:00:00Z', deBerlin)).toEqual({
      hours: '2026-10-26T09:00:00.000Z',
      sameTime: '2026-10-26T09:00:00.000Z',
    });
  });

  it('count several days, return the start for zero and refuse part days for next-day-same-time', () => {
    // Wed 25 Nov 10:00 EST + 3: Fri 27, Mon 30, Tue 1 Dec 10:00 EST.
    expect(iso(addBusinessDays(usEast, at('2026-11-25T15:00:00Z'), 3, 'next-day-same-time'))).toBe(
      '2026-12-01T15:00:00.000Z',
    );
    const definitions: BusinessDayDefinition[] = ['hours', 'next-day-same-time'];
    for (const definition of definitions)
      expect(iso(addBusinessDays(usEast, at('2026-12-05T15:00:00Z'), 0, definition))).toBe('2026-12-05T15:00:00.000Z');
    expect(() => addBusinessDays(usEast, at('2026-12-05T15:00:00Z'), 1.5, 'next-day-same-time')).toThrow(RangeError);
  });
});
