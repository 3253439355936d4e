import { describe, expect, it } from 'vitest';
import { downtimeAllowance, formatDowntime, uptimeTable } from '../../../../src/domain/sla-page/index.ts';

describe('the uptime table', () => {
  it.each([
    // target, per 30-day month, per week, per 365-day year (all minutes), month as quoted
    [99, 432, 100.8, 5256, '7.2 h'],
    [99.5, 216, 50.4, 2628, '3.6 h'],
    [99.9, 43.2, 10.08, 525.6, '43.2 min'],
    [99.95, 21.6, 5.04, 262.8, '21.6 min'],
    [99.99, 4.32, 1.008, 52.56, '4.3 min'],
  ])('%s %% allows %s min a month, %s a week, %s a year (%s)', (percent, month, week, year, quoted) => {
    const row = uptimeTable().find((r) => r.percent === percent);
    expect(row).toEqual({ percent, perMonthMinutes: month, perWeekMinutes: week, perYearMinutes: year });
    expect(formatDowntime(month)).toBe(quoted);
  });

  it('lists the five targets buyers compare, from two nines to four', () => {
    expect(uptimeTable().map((r) => r.percent)).toEqual([99, 99.5, 99.9, 99.95, 99.99]);
  });

  it('computes the allowance for any target, not only the listed ones', () => {
    expect(downtimeAllowance(99.8)).toEqual({ perMonthMinutes: 86.4, perWeekMinutes: 20.16, perYearMinutes: 1051.2 });
    expect(downtimeAllowance(100)).toEqual({ perMonthMinutes: 0, perWeekMinutes: 0, perYearMinutes: 0 });
  });
});

describe('formatDowntime', () => {
  it.each([
    [0, '0 min'],
    [4.32, '4.3 min'],
    [59.94, '59.9 min'],
    [60, '1 h'],
    [100.8, '1.7 h'],
    [5256, '87.6 h'],
  ])('%s minutes read %s', (minutes, text) => {
    expect(formatDowntime(minutes)).toBe(text);
  });
});
