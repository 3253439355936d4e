import { describe, expect, it } from 'vitest';
import {
  customerMonthlyUptime,
  type ContractIncident,
  type MaintenanceWindow,
} from '../../../../src/domain/contract/index.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const acme = { id: 'acme', components: ['api', 'dashboard'] };
const AFTER = new Date('2027-06-01T00:00:00Z');

function incident(id: number, from: string, minutes: number, extra: Partial<ContractIncident> = {}): ContractIncident {
  const startedAt = new Date(from);
  return {
    id,
    customerId: 'acme',
    severity: 'S1',
    title: `incident ${id}`,
    components: ['api'],
    startedAt,
    acknowledgedAt: null,
    resolvedAt: new Date(startedAt.getTime() + minutes * MIN),
    isUpstreamCause: false,
    upstreamProvider: null,
    isCustomerCaused: false,
    ...extra,
  };
}

function measure(
  month: string,
  incidents: ContractIncident[],
  {
    maintenances = [],
    now = AFTER,
    timeZone = 'UTC',
    weights = { S1: 1 },
  }: { maintenances?: MaintenanceWindow[]; now?: Date; timeZone?: string; weights?: Record<string, number> } = {},
) {
  return customerMonthlyUptime({
    month,
    timeZone,
    now,
    customer: acme,
    incidents,
    maintenances,
    weights,
    noticeHours: 48,
  });
}

describe('customerMonthlyUptime', () => {
  it.each([
    ['February 2026 (28 days)', '2026-02', 28],
    ['November 2026 (30 days)', '2026-11', 30],
    ['October 2026 (31 days)', '2026-10', 31],
  ])('measures %s over its own length', (_name, month, days) => {
    const u = measure(month, [incident(1, `${month}-10T00:00:00Z`, 60)]);
    expect(u.consideredMinutes).toBe(days * 1440);
    expect(u.downtimeMinutes).toBe(60);
    expect(u.uptimePercent).toBeCloseTo(100 - (100 * 60) / (days * 1440), 12);
  });

  it('measures a month in the customer’s zone: November in New York has 30 days and one hour (DST ends)', () => {
    const u = measure('2026-11', [], { timeZone: 'America/New_York' });
    expect(u.window.from.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(u.consideredMinutes).toBe(30 * 1440 + 60);
  });

  it('counts only the part of an incident inside the month when it crosses the boundary, on both sides', () => {
    const crossing = incident(1, '2026-10-31T23:00:00Z', 180);
    expect(measure('2026-10', [crossing]).downtimeMinutes).toBe(60);
    expect(measure('2026-11', [crossing]).downtimeMinutes).toBe(120);
    expect(measure('2026-11', [crossing]).incidents[0]).toMatchObject({
      id: 1,
      minutesInMonth: 120,
      downtimeMinutes: 120,
      exclusion: null,
    });
  });

  it('counts an open incident up to now, and measures the month so far', () => {
    const now = new Date('2026-11-02T00:00:00Z');
    const u = measure('2026-11', [incident(1, '2026-11-01T23:00:00Z', 0, { resolvedAt: null })], { now });
    expect(u.isComplete).toBe(false);
    expect(u.downtimeMinutes).toBe(60);
    expect(u.consideredMinutes).toBe(1440);
  });

  it.each([
    [
      'upstream-caused',
      { isUpstreamCause: true, upstreamProvider: 'AWS' },
      'upstream provider (AWS) outside our control',
    ],
    ['customer-caused', { isCustomerCaused: true }, 'caused by the customer'],
    ['an S2 (not downtime by default)', { severity: 'S2' as const }, 'S2 does not count as downtime'],
  ])('excludes an %s incident and says why', (_name, extra, reason) => {
    const u = measure('2026-10', [incident(1, '2026-10-10T00:00:00Z', 600, extra)]);
    expect(u.downtimeMinutes).toBe(0);
    expect(u.uptimePercent).toBe(100);
    expect(u.incidents).toEqual([expect.objectContaining({ id: 1, downtimeMinutes: 0, exclusion: reason })]);
  });

  it('weights severities as configured: a partial S2 counts its share', () => {
    const u = measure('2026-10', [incident(1, '2026-10-10T00:00:00Z', 100, { severity: 'S2' })], {
      weights: { S1: 1, S2: 0.3 },
    });
    expect(u.downtimeMinutes).toBeCloseTo(30, 9);
  });

  it('ignores incidents on components the customer does not use, raised by another customer', () => {
    const u = measure('2026-10', [
      incident(1, '2026-10-10T00:00:00Z', 600, { customerId: 'globex', components: ['exports'] }),
    ]);
    expect(u.incidents).toEqual([]);
    expect(u.downtimeMinutes).toBe(0);
  });

  it('counts another customer’s incident on a shared component', () => {
    const u = measure('2026-10', [
      incident(1, '2026-10-10T00:00:00Z', 30, { customerId: 'globex', components: ['dashboard'] }),
    ]);
    expect(u.downtimeMinutes).toBe(30);
  });

  it('excludes maintenance announced 48 h ahead, but not short-notice (forced) maintenance', () => {
    const from = new Date('2026-10-10T02:00:00Z');
    const window = { id: 9, components: ['api'], from, to: new Date(from.getTime() + 2 * HOUR) };
    const during = incident(1, '2026-10-10T02:00:00Z', 120);
    const announced = measure('2026-10', [during], {
      maintenances: [{ ...window, announcedAt: new Date(from.getTime() - 48 * HOUR) }],
    });
    expect(announced.downtimeMinutes).toBe(0);
    expect(announced.excludedMinutes).toBe(120);
    expect(announced.consideredMinutes).toBe(31 * 1440 - 120);
    expect(announced.incidents[0]?.exclusion).toBe('during announced maintenance');
    const shortNotice = measure('2026-10', [during], {
      maintenances: [{ ...window, announcedAt: new Date(from.getTime() - 48 * HOUR + 1) }],
    });
    expect(shortNotice.downtimeMinutes).toBe(120);
    expect(shortNotice.excludedMinutes).toBe(0);
    expect(shortNotice.maintenances[0]?.isExcluded).toBe(false);
  });

  it('ignores maintenance on components the customer does not use', () => {
    const from = new Date('2026-10-10T02:00:00Z');
    const u = measure('2026-10', [incident(1, '2026-10-10T02:00:00Z', 120)], {
      maintenances: [
        {
          id: 9,
          components: ['exports'],
          from,
          to: new Date(from.getTime() + 2 * HOUR),
          announcedAt: new Date('2026-10-01T00:00:00Z'),
        },
      ],
    });
    expect(u.downtimeMinutes).toBe(120);
    expect(u.maintenances).toEqual([]);
  });

  it('counts overlapping incidents once in the month’s downtime', () => {
    const u = measure('2026-10', [incident(1, '2026-10-10T00:00:00Z', 60), incident(2, '2026-10-10T00:30:00Z', 60)]);
    expect(u.downtimeMinutes).toBe(90);
  });
});
