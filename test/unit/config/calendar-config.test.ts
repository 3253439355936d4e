import { describe, expect, it } from 'vitest';
import type { CalendarConfig } from '../../../src/config/calendar-schema.ts';
import { parseConfigText } from '../../../src/config/load-config.ts';
import { exampleConfigText as example, problemsOf } from '../../support/config-problems.ts';
const berlinStart = example.indexOf('  - id: de-berlin');
const berlinHolidays = '    holidays: { country: DE, state: BE }\n';
const berlinEnd = example.indexOf(berlinHolidays, berlinStart) + berlinHolidays.length;

/** The example config with the de-berlin calendar (calendars.1) given these lines after its id and zone. */
function withBerlin(lines: string): string {
  const head = '  - id: de-berlin\n    timeZone: Europe/Berlin\n';
  const holidays = lines.includes('holidays:') ? '' : berlinHolidays;
  return `${example.slice(0, berlinStart)}${head}${lines}\n${holidays}${example.slice(berlinEnd)}`;
}

function berlinOf(lines: string): CalendarConfig {
  const calendar = parseConfigText(withBerlin(lines), 'test.yaml').calendars[1];
  if (!calendar) throw new Error('the example has a second calendar');
  return calendar;
}

describe('calendar hours in the config', () => {
  it('accepts the shipped per-weekday form with yearly half days', () => {
    expect(parseConfigText(example, 'example').calendars[1]).toMatchObject({
      workingHours: { mon: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] },
      dates: [
        { rule: '12-24', hours: [{ start: '09:00', end: '14:00' }] },
        { rule: '12-31', hours: [{ start: '09:00', end: '14:00' }] },
      ],
    });
  });

  it('still accepts the old single window with working days', () => {
    expect(berlinOf("    workingDays: [1, 2, 3, 4]\n    workingHours: { start: '08:00', end: '16:00' }")).toMatchObject(
      {
        workingDays: [1, 2, 3, 4],
        workingHours: { start: '08:00', end: '16:00' },
      },
    );
  });

  it('accepts a 24:00 end, around the clock', () => {
    expect(berlinOf("    workingHours: { mon-sun: '00:00-24:00' }").workingHours).toMatchObject({
      sun: [{ start: '00:00', end: '24:00' }],
    });
    expect(berlinOf("    workingHours: { start: '00:00', end: '24:00' }").workingHours).toEqual({
      start: '00:00',
      end: '24:00',
    });
  });

  it('accepts split shifts, a short Friday and date-specific hours', () => {
    const calendar = berlinOf(
      [
        '    workingHours:',
        "      mon-thu: '09:00-12:00, 13:00-17:00'",
        "      fri: [{ start: '09:00', end: '15:00' }]",
        '    dates:',
        "      - { date: '2026-12-24', hours: '09:00-14:00' }",
        '      - { date: 2026-12-28, hours: closed }',
        '    holidays: { rules: [12-31] }',
      ].join('\n'),
    );
    expect(calendar.workingHours).toMatchObject({
      thu: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      fri: [{ start: '09:00', end: '15:00' }],
    });
    expect(calendar.dates).toEqual([
      { date: '2026-12-24', hours: [{ start: '09:00', end: '14:00' }] },
      { date: '2026-12-28', hours: [] },
    ]);
    expect(calendar.holidays.rules).toEqual(['12-31']);
  });
});

describe('calendar validation errors name the key', () => {
  const cases: [string, string, string[]][] = [
    [
      'overlapping windows',
      "    workingHours: { mon-fri: '09:00-13:00, 12:00-17:00' }",
      ['calendars.1.workingHours.mon-fri.1: 12:00–17:00 overlaps 09:00–13:00'],
    ],
    [
      'end before start',
      "    workingHours: { mon: [{ start: '17:00', end: '09:00' }] }",
      ['calendars.1.workingHours.mon.0.end: end 09:00 is not after start 17:00'],
    ],
    [
      'end before start in the old form',
      "    workingHours: { start: '17:00', end: '09:00' }",
      ['calendars.1.workingHours.end: end 09:00 is not after start 17:00'],
    ],
    [
      'unknown weekday',
      "    workingHours: { mon-thu: '09:00-17:00', fry: '09:00-15:00' }",
      [
        'calendars.1.workingHours.fry: "fry" is not a weekday (expected mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri)',
      ],
    ],
    [
      'a weekday given twice',
      "    workingHours: { mon-fri: '09:00-17:00', fri: '09:00-15:00' }",
      ['calendars.1.workingHours.fri: fri is already given by "mon-fri"'],
    ],
    [
      'bad date in dates',
      "    dates: [{ date: '2026-02-30', hours: '09:00-14:00' }]",
      ['calendars.1.dates.0.date: "2026-02-30" is not a date YYYY-MM-DD'],
    ],
    [
      'bad closed date',
      "    holidays: { dates: ['2026-13-01'] }",
      ['calendars.1.holidays.dates.0: "2026-13-01" is not a date YYYY-MM-DD'],
    ],
    [
      'a date given twice',
      "    dates: [{ date: '2026-12-24', hours: closed }, { date: '2026-12-24', hours: '09:00-12:00' }]",
      ['calendars.1.dates.1.date: 2026-12-24 is already given in dates.0'],
    ],
    [
      'a bad yearly rule',
      "    dates: [{ rule: '12-32', hours: '09:00-14:00' }]",
      [
        'calendars.1.dates.0.rule: "12-32" is not a date-holidays rule (for example 12-24, easter -2 or 12-31 if sunday then previous friday)',
      ],
    ],
    [
      'both a date and a rule',
      "    dates: [{ date: '2026-12-24', rule: '12-24', hours: closed }]",
      ['calendars.1.dates.0: needs exactly one of date and rule'],
    ],
    [
      'a malformed time',
      "    workingHours: { mon: '9-17' }",
      [
        'calendars.1.workingHours.mon.0.start: must be a time HH:mm (00:00–24:00)',
        'calendars.1.workingHours.mon.0.end: must be a time HH:mm (00:00–24:00)',
      ],
    ],
    [
      'a window starting at 24:00',
      "    workingHours: { start: '24:00', end: '24:00' }",
      ['calendars.1.workingHours.start: a window cannot start at 24:00'],
    ],
    [
      'no weekday open',
      '    workingHours: { mon-sun: closed }',
      ['calendars.1.workingHours: opens no weekday, so there is no business time at all'],
    ],
    [
      'working days with per-weekday hours',
      "    workingDays: [1, 2]\n    workingHours: { mon-tue: '09:00-17:00' }",
      [
        'calendars.1.workingDays: cannot be combined with per-weekday workingHours (the weekdays listed there are the working days)',
      ],
    ],
  ];

  it.each(cases)('%s', (_name, lines, problems) => {
    expect(problemsOf(withBerlin(lines))).toEqual(problems);
  });
});
