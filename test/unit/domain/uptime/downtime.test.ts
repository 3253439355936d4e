import { describe, expect, it } from 'vitest';
import {
  componentHistory,
  dailyDowntime,
  measureDowntime,
  monthWindow,
  allowedDowntimeMinutes,
  AVERAGE_MONTH_MINUTES,
  THIRTY_DAY_MONTH_MINUTES,
} from '../../../../src/domain/uptime/index.ts';

const t = (iso: string) => new Date(iso);
const MIN = 60_000;
const weights = { partialOutage: 0.3, degradedPerformance: 0 };

describe('measureDowntime', () => {
  const day = { from: t('2026-10-05T00:00:00Z'), to: t('2026-10-06T00:00:00Z') };
  it.each([
    ['no outage', [], [], 0, 100],
    [
      'a 144-minute major outage is 10 % of a day',
      [{ from: t('2026-10-05T10:00:00Z'), to: t('2026-10-05T12:24:00Z'), weight: 1 }],
      [],
      144 * MIN,
      90,
    ],
    [
      'a partial outage counts 30 %',
      [{ from: t('2026-10-05T10:00:00Z'), to: t('2026-10-05T11:40:00Z'), weight: 0.3 }],
      [],
      30 * MIN,
      100 - (30 / 1440) * 100,
    ],
    [
      'overlapping outages count once at the heaviest weight',
      [
        { from: t('2026-10-05T10:00:00Z'), to: t('2026-10-05T11:00:00Z'), weight: 1 },
        { from: t('2026-10-05T10:30:00Z'), to: t('2026-10-05T11:30:00Z'), weight: 0.3 },
      ],
      [],
      60 * MIN + 9 * MIN,
      100 - (69 / 1440) * 100,
    ],
    [
      'an outage outside the window does not count',
      [{ from: t('2026-10-04T10:00:00Z'), to: t('2026-10-04T12:00:00Z'), weight: 1 }],
      [],
      0,
      100,
    ],
  ])('%s', (_name, outages, exclusions, downtimeMs, uptime) => {
    const m = measureDowntime({ window: day, outages, exclusions });
    expect(m.downtimeMs).toBeCloseTo(downtimeMs, 6);
    expect(m.uptimePercent).toBeCloseTo(uptime, 9);
  });

  it('counts only the part of an outage inside the window when it crosses midnight', () => {
    const m = measureDowntime({
      window: day,
      outages: [{ from: t('2026-10-04T23:00:00Z'), to: t('2026-10-05T01:00:00Z'), weight: 1 }],
    });
    expect(m.downtimeMs).toBe(60 * MIN);
  });

  it('excludes maintenance from both downtime and the measured time, also where an outage overlaps it', () => {
    const m = measureDowntime({
      window: day,
      outages: [{ from: t('2026-10-05T01:00:00Z'), to: t('2026-10-05T03:00:00Z'), weight: 1 }],
      exclusions: [{ from: t('2026-10-05T02:00:00Z'), to: t('2026-10-05T04:00:00Z') }],
    });
    expect(m.excludedMs).toBe(120 * MIN);
    expect(m.consideredMs).toBe(1320 * MIN);
    expect(m.downtimeMs).toBe(60 * MIN);
    expect(m.uptimePercent).toBeCloseTo(100 * (1 - 60 / 1320), 9);
  });

  it('reports 100 % when the whole window was excluded', () => {
    expect(measureDowntime({ window: day, outages: [{ ...day, weight: 1 }], exclusions: [day] }).uptimePercent).toBe(
      100,
    );
  });
});

describe('componentHistory', () => {
  it('turns state changes into weighted outages and maintenance spans', () => {
    const { outages, maintenance } = componentHistory({
      changes: [
        { at: t('2026-10-05T10:00:00Z'), state: 'partial_outage' },
        { at: t('2026-10-05T10:30:00Z'), state: 'major_outage' },
        { at: t('2026-10-05T11:00:00Z'), state: 'operational' },
        { at: t('2026-10-06T02:00:00Z'), state: 'under_maintenance' },
        { at: t('2026-10-06T03:00:00Z'), state: 'degraded_performance' },
      ],
      until: t('2026-10-06T04:00:00Z'),
      weights,
    });
    expect(outages).toEqual([
      { from: t('2026-10-05T10:00:00Z'), to: t('2026-10-05T10:30:00Z'), weight: 0.3 },
      { from: t('2026-10-05T10:30:00Z'), to: t('2026-10-05T11:00:00Z'), weight: 1 },
    ]);
    expect(maintenance).toEqual([{ from: t('2026-10-06T02:00:00Z'), to: t('2026-10-06T03:00:00Z') }]);
  });

  it('keeps an outage that is still going open until `until`', () => {
    const { outages } = componentHistory({
      changes: [{ at: t('2026-10-05T10:00:00Z'), state: 'major_outage' }],
      until: t('2026-10-05T10:05:00Z'),
      weights,
    });
    expect(outages).toEqual([{ from: t('2026-10-05T10:00:00Z'), to: t('2026-10-05T10:05:00Z'), weight: 1 }]);
  });
});

describe('dailyDowntime', () => {
  it('splits an outage crossing midnight in the page time zone between the two local days', () => {
    // 23:00–01:00 in New York (EDT, UTC-4) is 03:00–05:00 UTC: one day in UTC, two in New York.
    const outages = [{ from: t('2026-10-06T03:00:00Z'), to: t('2026-10-06T05:00:00Z'), weight: 1 }];
    const days = dailyDowntime({ now: t('2026-10-07T12:00:00Z'), days: 3, timeZone: 'America/New_York', outages });
    expect(days.map((d) => [d.date, d.downtimeMs / MIN])).toEqual([
      ['2026-10-05', 60],
      ['2026-10-06', 60],
      ['2026-10-07', 0],
    ]);
  });

  it('measures the DST day as 25 hours and today only up to now', () => {
    const days = dailyDowntime({ now: t('2026-11-02T15:00:00Z'), days: 2, timeZone: 'America/New_York', outages: [] });
    expect(days[0]).toMatchObject({ date: '2026-11-01', windowMs: 25 * 60 * MIN });
    expect(days[1]).toMatchObject({ date: '2026-11-02', windowMs: 10 * 60 * MIN });
  });
});

describe('monthWindow and allowance', () => {
  it.each([
    ['2026-02', 28],
    ['2026-04', 30],
    ['2026-10', 31],
  ])('%s has %i days in UTC', (month, days) => {
    const w = monthWindow(month, 'UTC');
    expect((w.to.getTime() - w.from.getTime()) / 86_400_000).toBe(days);
  });
  it('refuses a malformed month', () => expect(() => monthWindow('2026-13', 'UTC')).toThrow(/not a month/));
  it('gives the 43.8-minute error budget of 99.9 % in an average month', () =>
    expect(allowedDowntimeMinutes(99.9, AVERAGE_MONTH_MINUTES)).toBeCloseTo(43.83, 2));
  it.each([
    [99, 432],
    [99.9, 43.2],
    [99.99, 4.32],
  ])('%s %% allows %s minutes in a 30-day month', (target, minutes) => {
    expect(allowedDowntimeMinutes(target, THIRTY_DAY_MONTH_MINUTES)).toBeCloseTo(minutes, 6);
  });
});

describe('measureDowntime against a minute-by-minute count', () => {
  // Spans on whole minutes, so counting minute by minute is exact: the heaviest open outage of
  // each minute counts unless an exclusion covers that minute.
  const reference = (
    spans: { from: number; to: number; weight: number }[],
    excl: { from: number; to: number }[],
    minutes: number,
  ) => {
    let down = 0;
    let excluded = 0;
    for (let m = 0; m < minutes; m++) {
      if (excl.some((e) => e.from <= m && m < e.to)) excluded += 1;
      else down += Math.max(0, ...spans.filter((s) => s.from <= m && m < s.to).map((s) => s.weight));
    }
    return { down, excluded };
  };
  it.each([1, 2, 3, 4, 5])('agrees on random overlapping outages and exclusions (seed %i)', async (seed) => {
    const { default: seedrandom } = await import('seedrandom');
    const rng = seedrandom(String(seed));
    const minutes = 1440;
    const pick = () => Math.floor(rng() * (minutes + 120)) - 60;
    const span = () => {
      const a = pick();
      return { from: a, to: a + Math.floor(rng() * 180) };
    };
    const spans = Array.from({ length: 40 }, () => ({
      ...span(),
      weight: [1, 0.3, 0.5][Math.floor(rng() * 3)] as number,
    }));
    const excl = Array.from({ length: 5 }, span);
    const at = (m: number) => new Date(Date.UTC(2026, 9, 5) + m * MIN);
    const m = measureDowntime({
      window: { from: at(0), to: at(minutes) },
      outages: spans.map((s) => ({ from: at(s.from), to: at(s.to), weight: s.weight })),
      exclusions: excl.map((e) => ({ from: at(e.from), to: at(e.to) })),
    });
    const expected = reference(spans, excl, minutes);
    expect(m.downtimeMs / MIN).toBeCloseTo(expected.down, 6);
    expect(m.excludedMs / MIN).toBe(expected.excluded);
  });
});
