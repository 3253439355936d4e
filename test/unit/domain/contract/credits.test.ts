import { describe, expect, it } from 'vitest';
import {
  creditAmount,
  creditFor,
  customerMonthlyUptime,
  type ContractIncident,
} from '../../../../src/domain/contract/index.ts';
import { ZContract } from '../../../../src/config/contract-schema.ts';

const tiers = ZContract.parse({}).credits;
const MIN = 60_000;
const customer = { id: 'acme', components: ['api'] };

/** An S1 on Acme's API starting at `from` and lasting `minutes`. */
function s1(id: number, from: string, minutes: number, extra: Partial<ContractIncident> = {}): ContractIncident {
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

const uptimeOf = (month: string, incidents: ContractIncident[], now = new Date('2027-01-01T00:00:00Z')) =>
  customerMonthlyUptime({
    month,
    timeZone: 'UTC',
    now,
    customer,
    incidents,
    maintenances: [],
    weights: { S1: 1 },
    noticeHours: 48,
  });

describe('creditFor: the contract tiers at their boundaries', () => {
  it.each([
    [100, 0, false],
    [99.9, 0, false],
    [99.89, 10, false],
    [99.895, 10, false],
    [99.0, 10, false],
    [98.99, 25, false],
    [95.0, 25, false],
    [94.99, 50, true],
    [0, 50, true],
  ])('%s %% uptime earns %s %% (termination right: %s)', (uptime, percent, terminationRight) => {
    expect(creditFor(uptime, tiers)).toEqual({ percent, terminationRight });
  });

  it('reads an uptime a hair below 99.9 as 10 %, but floating-point noise at 99.9 as 99.9', () => {
    expect(creditFor(99.8999, tiers).percent).toBe(10);
    expect(creditFor(99.89999999999999, tiers).percent).toBe(0);
  });
});

describe('credit tiers from a month of downtime (November 2026, 30 days = 43,200 min, UTC)', () => {
  it.each([
    ['43.2 min is exactly 99.9 %: nothing owed', 43.2, 99.9, 0],
    ['47.52 min is 99.89 %: 10 %', 47.52, 99.89, 10],
    ['45.36 min is 99.895 % (in the contract wording gap): 10 %', 45.36, 99.895, 10],
    ['432 min is 99.0 %: 10 %', 432, 99.0, 10],
    ['436.32 min is 98.99 %: 25 %', 436.32, 98.99, 25],
    ['2,160 min is 95.0 %: 25 %', 2160, 95.0, 25],
    ['2,164.32 min is 94.99 %: 50 % and a termination right', 2164.32, 94.99, 50],
  ])('%s', (_name, minutes, uptime, percent) => {
    const u = uptimeOf('2026-11', [s1(1, '2026-11-10T00:00:00Z', minutes)]);
    expect(u.uptimePercent).toBeCloseTo(uptime, 9);
    expect(u.downtimeMinutes).toBeCloseTo(minutes, 9);
    expect(creditFor(u.uptimePercent, tiers).percent).toBe(percent);
  });

  it('one millisecond more than 43.2 min of downtime owes 10 %', () => {
    const u = customerMonthlyUptime({
      month: '2026-11',
      timeZone: 'UTC',
      now: new Date('2027-01-01T00:00:00Z'),
      customer,
      maintenances: [],
      weights: { S1: 1 },
      noticeHours: 48,
      incidents: [
        {
          ...s1(1, '2026-11-10T00:00:00Z', 43.2),
          resolvedAt: new Date(Date.parse('2026-11-10T00:00:00Z') + 43.2 * MIN + 1),
        },
      ],
    });
    expect(creditFor(u.uptimePercent, tiers).percent).toBe(10);
  });
});

describe('creditAmount', () => {
  it('is the percent of one month’s fee, to the cent', () => {
    expect(creditAmount({ percent: 10, monthlyFee: 12_000, capPercent: 100 })).toBe(1200);
    expect(creditAmount({ percent: 25, monthlyFee: 3333.33, capPercent: 100 })).toBe(833.33);
  });
  it('is capped at the configured share of one month’s fee', () => {
    expect(creditAmount({ percent: 50, monthlyFee: 4000, capPercent: 30 })).toBe(1200);
  });
});
