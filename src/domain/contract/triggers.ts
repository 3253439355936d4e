import { addCalendarDays } from '../calendar/index.ts';
import type { ContractIncident } from './affected.ts';
import { exclusionOf } from './affected.ts';

export interface S1CountHit {
  /** The S1 that made the count reach `count`: the trigger's key names it. */
  third: ContractIncident;
  /** How many S1s the window ending at `third` holds. */
  inWindow: number;
  /** The latest of them (at most `evidenceLimit`), oldest first, ending with `third`. */
  within: ContractIncident[];
}

/**
 * `count` or more S1s for a customer within any rolling `windowDays`: one hit each time the count
 * in the window ending at an S1's start reaches `count` after having been below it. Further S1s
 * while the count stays at or above `count` belong to the same breach and do not hit again (the
 * success owner already holds the evidence; 10,000 S1s must not mean 10,000 alerts); once the
 * window has rolled below `count`, a new third S1 hits again. The window is `windowDays` calendar
 * days in the customer's zone and half-open: the third S1 must start before the same wall-clock
 * time `windowDays` days after the first (an hour more or less than × 24 h across a DST change). S1s excluded from the promise
 * (caused upstream or by the customer) do not count. `incidents` are the customer's.
 */
export function s1CountTrigger({
  incidents,
  count,
  windowDays,
  timeZone,
  evidenceLimit = 25,
}: {
  incidents: readonly ContractIncident[];
  count: number;
  windowDays: number;
  /** The customer's calendar zone: the window's days are theirs. */
  timeZone: string;
  /** Evidence per hit is capped, so a long run of S1s cannot make a hit's evidence unbounded. */
  evidenceLimit?: number;
}): S1CountHit[] {
  const s1s = incidents
    .filter((i) => i.severity === 'S1' && exclusionOf(i) === null)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  const hits: S1CountHit[] = [];
  let first = 0;
  let isInBreach = false;
  for (let i = 0; i < s1s.length; i++) {
    const third = s1s[i] as ContractIncident;
    const start = third.startedAt.getTime();
    while (start >= addCalendarDays((s1s[first] as ContractIncident).startedAt.getTime(), windowDays, timeZone))
      first += 1;
    const inWindow = i - first + 1;
    if (inWindow < count) isInBreach = false;
    else if (!isInBreach) {
      isInBreach = true;
      hits.push({ third, inWindow, within: s1s.slice(Math.max(first, i + 1 - Math.max(count, evidenceLimit)), i + 1) });
    }
  }
  return hits;
}

export interface RcaDeadline {
  incidentId: number;
  customerId: string;
  dueAt: Date;
  metAt: Date | null;
}

/**
 * An RCA owed after an S1 is late once its due time has passed unmet (at the due instant it is
 * still on time), or when it was sent after it.
 */
export function isRcaLate(deadline: RcaDeadline, now: Date): boolean {
  return deadline.metAt ? deadline.metAt > deadline.dueAt : now > deadline.dueAt;
}

/** Below `threshold` in a completed month gives the customer a termination right. */
export function isUptimeBreach(uptimePercent: number, threshold: number): boolean {
  return uptimePercent < threshold - 1e-9;
}
