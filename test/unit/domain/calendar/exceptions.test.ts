import { describe, expect, it } from 'vitest';
import { buildBusinessCalendar, describeCalendar, upcomingExceptions } from '../../../../src/domain/calendar/index.ts';
import { DE_BERLIN, usEast } from './calendars.ts';

const berlin = buildBusinessCalendar({
  ...DE_BERLIN,
  dates: [
    { rule: '12-24', hours: [{ start: '09:00', end: '14:00' }] },
    { rule: '12-31', hours: [{ start: '09:00', end: '14:00' }] },
  ],
});

describe('upcoming closed and shortened days', () => {
  it('lists the next 10 closed working days, leaving out holidays on a weekend', () => {
    // 26 Dec 2026 and 1 May 2027 fall on a Saturday, 3 Oct 2027 on a Sunday.
    expect(upcomingExceptions(berlin, '2026-12-05').closed.map((e) => [e.date, e.note])).toEqual([
      ['2026-12-25', 'Christmas Day'],
      ['2027-01-01', "New Year's Day"],
      ['2027-03-08', "International Women's Day"],
      ['2027-03-26', 'Good Friday'],
      ['2027-03-29', 'Easter Monday'],
      ['2027-05-06', 'Ascension Day'],
      ['2027-05-17', 'Whit Monday'],
      ['2028-03-08', "International Women's Day"],
      ['2028-04-14', 'Good Friday'],
      ['2028-04-17', 'Easter Monday'],
    ]);
  });

  it('lists shortened days, including the day asked from', () => {
    const { shortened } = upcomingExceptions(berlin, '2026-12-24', { count: 3 });
    expect(shortened).toEqual([
      { date: '2026-12-24', kind: 'shortened', hours: [{ start: 540, end: 840 }], note: 'yearly hours (12-24)' },
      { date: '2026-12-31', kind: 'shortened', hours: [{ start: 540, end: 840 }], note: 'yearly hours (12-31)' },
      { date: '2027-12-24', kind: 'shortened', hours: [{ start: 540, end: 840 }], note: 'yearly hours (12-24)' },
    ]);
    expect(upcomingExceptions(berlin, '2026-12-25', { count: 1 }).shortened[0]?.date).toBe('2026-12-31');
  });

  it('prints them for doctor, with the week and a word when there are none', () => {
    const lines = describeCalendar(usEast, '2026-12-05');
    expect(lines[0]).toBe(
      '  - us-east (America/New_York): mon 09:00–17:00; tue 09:00–17:00; wed 09:00–17:00; thu 09:00–17:00; fri 09:00–17:00; sat closed; sun closed',
    );
    expect(lines[1]).toBe('    next closed days from 2026-12-05:');
    expect(lines[2]).toBe('      2026-12-25 fri closed (Christmas Day)');
    expect(lines.at(-1)).toBe('    next shortened days from 2026-12-05: none within 3 years');
    expect(describeCalendar(berlin, '2026-12-05')).toContain('      2026-12-24 thu 09:00–14:00 (yearly hours (12-24))');
  });
});
