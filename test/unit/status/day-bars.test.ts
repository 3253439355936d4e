import { describe, expect, it } from 'vitest';
import type { ComponentState, Interval } from '../../../src/domain/uptime/index.ts';
import { barDays, componentBar } from '../../../src/status/day-bars.ts';

// New York, November (EST, UTC-5): local midnight is 05:00Z.
const zone = 'America/New_York';
const now = new Date('2026-11-25T15:00:00Z');
const weights = { partialOutage: 0.3, degradedPerformance: 0 };
const local = (s: string) => new Date(`${s}-05:00`);
const change = (state: ComponentState, at: string) => ({ state, at: local(at) });

function bar(changes: { state: ComponentState; at: Date }[], maintenance: Interval[] = []) {
  const result = componentBar({ changes, maintenance, now, days: barDays(now, zone), weights });
  return { ...result, day: (date: string) => result.days.find((d) => d.date === date) };
}

describe('a component’s 90-day bar', () => {
  it('has 90 local days ending today, each without downtime when nothing happened', () => {
    const b = bar([]);
    expect(b.days).toHaveLength(90);
    expect(b.days[0]?.date).toBe('2026-08-28');
    expect(b.days[89]).toEqual({
      date: '2026-11-25',
      className: 'operational',
      text: 'Nov 25: No downtime',
      downtimeMs: 0,
      incidents: [],
      hasDetails: false,
    });
    expect(b.uptimePercent).toBe(100);
    expect(b.state).toBe('operational');
  });

  it.each([
    ['ends a minute before midnight', '2026-11-23T23:59:00', { '2026-11-23': '1 h 29 min', '2026-11-24': undefined }],
    ['ends at midnight', '2026-11-24T00:00:00', { '2026-11-23': '1 h 30 min', '2026-11-24': undefined }],
    ['ends a minute after midnight', '2026-11-24T00:01:00', { '2026-11-23': '1 h 30 min', '2026-11-24': '1 min' }],
    ['ends 45 min after midnight', '2026-11-24T00:45:00', { '2026-11-23': '1 h 30 min', '2026-11-24': '45 min' }],
  ])('splits a major outage from 22:30 local that %s between the two local days', (_, end, expected) => {
    const b = bar([change('major_outage', '2026-11-23T22:30:00'), change('operational', end)]);
    for (const [date, down] of Object.entries(expected)) {
      const day = b.day(date);
      if (down === undefined)
        expect(day).toMatchObject({ className: 'operational', text: expect.stringMatching(/: No downtime$/) });
      else
        expect(day).toMatchObject({
          className: 'major',
          text: expect.stringContaining(`${down} down (major outage ${down})`),
        });
    }
  });

  it('cuts days in the page’s time zone, not UTC: an outage at 02:00Z belongs to the previous local day', () => {
    const b = bar([
      { state: 'major_outage', at: new Date('2026-11-24T02:00:00Z') },
      { state: 'operational', at: new Date('2026-11-24T03:00:00Z') },
    ]);
    expect(b.day('2026-11-23')?.text).toBe('Nov 23: 1 h down (major outage 1 h)');
    expect(b.day('2026-11-24')?.className).toBe('operational');
  });

  it('counts a partial outage at its weight and says so', () => {
    const b = bar([change('partial_outage', '2026-11-20T10:00:00'), change('operational', '2026-11-20T12:00:00')]);
    expect(b.day('2026-11-20')).toEqual({
      date: '2026-11-20',
      className: 'partial',
      text: 'Nov 20: 36 min down (partial outage 2 h at 30 %)',
      downtimeMs: 36 * 60_000,
      incidents: [],
      hasDetails: true,
    });
  });

  it('shows degraded performance without counting it as downtime by default', () => {
    const b = bar([
      change('degraded_performance', '2026-11-19T10:00:00'),
      change('operational', '2026-11-19T10:20:00'),
    ]);
    expect(b.day('2026-11-19')).toMatchObject({
      className: 'degraded',
      text: 'Nov 19: No downtime (degraded performance 20 min at 0 %)',
      downtimeMs: 0,
    });
  });

  it('colours a day by its worst state', () => {
    const b = bar([
      change('partial_outage', '2026-11-18T10:00:00'),
      change('major_outage', '2026-11-18T11:00:00'),
      change('operational', '2026-11-18T11:10:00'),
    ]);
    expect(b.day('2026-11-18')).toMatchObject({
      className: 'major',
      text: 'Nov 18: 28 min down (major outage 10 min, partial outage 1 h at 30 %)',
    });
  });

  it('excludes maintenance that overlaps an outage: only the outage outside the window counts', () => {
    const maintenance = [{ from: local('2026-11-22T01:00:00'), to: local('2026-11-22T03:00:00') }];
    const b = bar(
      [change('major_outage', '2026-11-22T02:00:00'), change('operational', '2026-11-22T04:00:00')],
      maintenance,
    );
    expect(b.day('2026-11-22')).toEqual({
      date: '2026-11-22',
      className: 'major',
      text: 'Nov 22: 1 h down (major outage 1 h, maintenance 2 h)',
      downtimeMs: 3_600_000,
      incidents: [],
      hasDetails: true,
    });
  });

  it('names the incidents that touched a day with the downtime each accounts for on it, split at local midnight', () => {
    const result = componentBar({
      changes: [change('major_outage', '2026-11-23T23:00:00'), change('operational', '2026-11-24T00:30:00')],
      maintenance: [],
      now,
      days: barDays(now, zone),
      weights,
      incidents: [
        {
          name: 'API down',
          href: '/incidents/abc',
          from: local('2026-11-23T23:00:00'),
          to: local('2026-11-24T00:30:00'),
        },
        {
          name: 'Slow emails',
          href: '/incidents/def',
          from: local('2026-11-24T08:00:00'),
          to: local('2026-11-24T09:00:00'),
        },
      ],
    });
    const day = (date: string) => result.days.find((d) => d.date === date);
    expect(day('2026-11-23')?.incidents).toEqual([{ name: 'API down', href: '/incidents/abc', downtime: '1 h down' }]);
    expect(day('2026-11-24')?.incidents).toEqual([
      { name: 'API down', href: '/incidents/abc', downtime: '30 min down' },
      { name: 'Slow emails', href: '/incidents/def', downtime: 'no downtime' },
    ]);
    expect(day('2026-11-24')?.hasDetails).toBe(true);
    expect(day('2026-11-22')).toMatchObject({ incidents: [], hasDetails: false });
  });

  it('shows a maintenance day without outage as maintenance, with no downtime', () => {
    const b = bar([change('under_maintenance', '2026-11-21T01:00:00'), change('operational', '2026-11-21T02:30:00')]);
    expect(b.day('2026-11-21')).toMatchObject({
      className: 'maintenance',
      text: 'Nov 21: No downtime (maintenance 1 h 30 min)',
      downtimeMs: 0,
    });
  });

  it('measures today only up to now and reports the current state', () => {
    const b = bar([change('major_outage', '2026-11-25T09:00:00')]);
    expect(b.day('2026-11-25')?.text).toBe('Nov 25: 1 h down (major outage 1 h)');
    expect(b.state).toBe('major_outage');
  });

  it('gives the 90-day uptime with maintenance left out', () => {
    // 89 days and 10 hours considered (Aug 28 00:00 EDT to Nov 25 10:00 EST), one hour down.
    const b = bar([change('major_outage', '2026-11-24T10:00:00'), change('operational', '2026-11-24T11:00:00')]);
    const consideredHours = 89 * 24 + 1 + 10;
    expect(b.uptimePercent).toBeCloseTo((100 * (consideredHours - 1)) / consideredHours, 10);
  });

  it('keeps the state from before the window: an outage that started long ago fills the first days', () => {
    // August is daylight time in New York (UTC-4): 06:00 local is 10:00Z.
    const b = bar([
      change('major_outage', '2026-01-01T00:00:00'),
      { state: 'operational', at: new Date('2026-08-29T10:00:00Z') },
    ]);
    expect(b.days[0]?.text).toBe('Aug 28: 24 h down (major outage 24 h)');
    expect(b.days[1]?.text).toBe('Aug 29: 6 h down (major outage 6 h)');
  });
});
