import { describe, expect, it } from 'vitest';
import {
  averageMonthBudgetMinutes,
  budgetConsumption,
  errorBudget,
  isRcaLate,
  isUptimeBreach,
  s1CountTrigger,
  type ContractIncident,
} from '../../../../src/domain/contract/index.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-06-01T12:00:00Z');

function s1AtDay(id: number, day: number, extra: Partial<ContractIncident> = {}): ContractIncident {
  const startedAt = new Date(T0.getTime() + day * DAY);
  return {
    id,
    customerId: 'acme',
    severity: 'S1',
    title: 't',
    components: [],
    startedAt,
    acknowledgedAt: null,
    resolvedAt: new Date(startedAt.getTime() + 3_600_000),
    isUpstreamCause: false,
    upstreamProvider: null,
    isCustomerCaused: false,
    ...extra,
  };
}
const hits = (incidents: ContractIncident[]) =>
  s1CountTrigger({ incidents, count: 3, windowDays: 90, timeZone: 'America/New_York' }).map((h) => [
    h.third.id,
    h.within.map((i) => i.id),
  ]);

describe('three S1s in any rolling 90 days', () => {
  it('hits once for a long run of S1s that stays in breach, with capped evidence', () => {
    const many = Array.from({ length: 2000 }, (_, i) => s1AtDay(i + 1, i * 0.01));
    const found = s1CountTrigger({ incidents: many, count: 3, windowDays: 90, timeZone: 'UTC', evidenceLimit: 5 });
    expect(found.map((h) => [h.third.id, h.inWindow, h.within.map((i) => i.id)])).toEqual([[3, 3, [1, 2, 3]]]);
  });
  it('hits again once the window rolled below three and a new third S1 arrives', () => {
    const found = hits([
      s1AtDay(1, 0),
      s1AtDay(2, 10),
      s1AtDay(3, 20),
      s1AtDay(4, 30),
      s1AtDay(5, 200),
      s1AtDay(6, 210),
      s1AtDay(7, 220),
    ]);
    expect(found).toEqual([
      [3, [1, 2, 3]],
      [7, [5, 6, 7]],
    ]);
  });
  it('does not fire on two S1s', () => {
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50)])).toEqual([]);
  });
  it('fires on the third S1 at day 0, 50, 89', () => {
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50), s1AtDay(3, 89)])).toEqual([[3, [1, 2, 3]]]);
  });
  it('does not fire at day 0, 50, 95: the window rolled past the first', () => {
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50), s1AtDay(3, 95)])).toEqual([]);
  });
  it('is half-open: a third S1 exactly 90 days after the first is outside, a millisecond earlier inside', () => {
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50), s1AtDay(3, 90)])).toEqual([]);
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50), s1AtDay(3, 90 - 1 / DAY)])).toEqual([[3, [1, 2, 3]]]);
  });
  it('counts 90 calendar days in the customer’s zone, across the fall-back night', () => {
    const at = (iso: string, id: number) => s1AtDay(id, 0, { startedAt: new Date(iso) });
    const hitsIn = (timeZone: string, firstIso: string, thirdIso: string) =>
      s1CountTrigger({
        incidents: [at(firstIso, 1), at('2026-10-15T12:00:00Z', 2), at(thirdIso, 3)],
        count: 3,
        windowDays: 90,
        timeZone,
      }).length;
    // Tue 1 Sep 2026 12:00 EDT: the window ends Mon 30 Nov 12:00 EST (17:00Z), an hour after 90 × 24 h.
    expect(hitsIn('America/New_York', '2026-09-01T16:00:00Z', '2026-11-30T16:30:00Z')).toBe(1);
    expect(hitsIn('America/New_York', '2026-09-01T16:00:00Z', '2026-11-30T16:59:59.999Z')).toBe(1);
    expect(hitsIn('America/New_York', '2026-09-01T16:00:00Z', '2026-11-30T17:00:00Z')).toBe(0);
    // Tue 1 Sep 12:00 CEST: the window ends Mon 30 Nov 12:00 CET (11:00Z).
    expect(hitsIn('Europe/Berlin', '2026-09-01T10:00:00Z', '2026-11-30T10:59:59.999Z')).toBe(1);
    expect(hitsIn('Europe/Berlin', '2026-09-01T10:00:00Z', '2026-11-30T11:00:00Z')).toBe(0);
  });
  it('fires again on a fourth S1 that makes three in a later window', () => {
    expect(hits([s1AtDay(1, 0), s1AtDay(2, 50), s1AtDay(3, 95), s1AtDay(4, 120)])).toEqual([[4, [2, 3, 4]]]);
  });
  it('ignores S2s and S1s caused upstream or by the customer, in any order', () => {
    expect(
      hits([
        s1AtDay(3, 89),
        s1AtDay(1, 0, { isCustomerCaused: true }),
        s1AtDay(2, 50),
        s1AtDay(4, 60, { severity: 'S2' }),
        s1AtDay(5, 70, { isUpstreamCause: true }),
      ]),
    ).toEqual([]);
  });
});

describe('RCA late after an S1', () => {
  const dueAt = new Date('2026-11-02T16:00:00Z');
  it('is on time just before and at the due instant, late just after', () => {
    expect(isRcaLate({ incidentId: 1, customerId: 'acme', dueAt, metAt: null }, new Date(dueAt.getTime() - 1))).toBe(
      false,
    );
    expect(isRcaLate({ incidentId: 1, customerId: 'acme', dueAt, metAt: null }, dueAt)).toBe(false);
    expect(isRcaLate({ incidentId: 1, customerId: 'acme', dueAt, metAt: null }, new Date(dueAt.getTime() + 1))).toBe(
      true,
    );
  });
  it('judges a sent RCA by when it was sent, not by now', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(isRcaLate({ incidentId: 1, customerId: 'acme', dueAt, metAt: dueAt }, later)).toBe(false);
    expect(isRcaLate({ incidentId: 1, customerId: 'acme', dueAt, metAt: new Date(dueAt.getTime() + 1) }, later)).toBe(
      true,
    );
  });
});

describe('uptime below the termination threshold', () => {
  it('is strictly below 95 %', () => {
    expect(isUptimeBreach(95, 95)).toBe(false);
    expect(isUptimeBreach(94.99, 95)).toBe(true);
  });
});

describe('error budget', () => {
  it('is 44.64 min for 99.9 % of a 31-day month, 43.2 for 30 days, 40.32 for 28 days', () => {
    expect(errorBudget(99.9, '2026-10').budgetMinutes).toBeCloseTo(44.64, 9);
    expect(errorBudget(99.9, '2026-11').budgetMinutes).toBeCloseTo(43.2, 9);
    expect(errorBudget(99.9, '2026-02').budgetMinutes).toBeCloseTo(40.32, 9);
  });
  it('is 43.8 min for 99.9 % of the average month', () => {
    expect(averageMonthBudgetMinutes(99.9)).toBeCloseTo(43.83, 2);
  });
  it('gives an incident’s consumption in minutes and percent of the month’s budget', () => {
    expect(budgetConsumption(22.32, errorBudget(99.9, '2026-10'))).toEqual({
      minutes: 22.32,
      percentOfBudget: expect.closeTo(50, 9) as number,
    });
  });
});
