import {
  addBusinessDays,
  addBusinessMinutes,
  type BusinessCalendar,
  type BusinessDayDefinition,
} from '../calendar/index.ts';
import type { Severity, Tier } from '../types.ts';
import { FIRST_RESPONSE_TARGETS } from './targets.ts';

const MINUTE_MS = 60_000;

export type SlaState = 'met' | 'breached' | 'running' | 'overdue';

/** When the first response is due for a ticket filed at `filedAt`; `businessDay` is contract.businessDay. */
export function firstResponseDueAt(args: {
  filedAt: Date;
  tier: Tier;
  severity: Severity;
  calendar: BusinessCalendar;
  businessDay: BusinessDayDefinition;
}): Date {
  const { filedAt, tier, severity, calendar, businessDay } = args;
  const target = FIRST_RESPONSE_TARGETS[tier][severity];
  switch (target.kind) {
    case 'elapsed':
      // Absolute time: a DST night neither adds nor removes minutes.
      return new Date(filedAt.getTime() + target.minutes * MINUTE_MS);
    case 'business-minutes':
      return addBusinessMinutes(calendar, filedAt, target.minutes);
    case 'business-days':
      return addBusinessDays(calendar, filedAt, target.days, businessDay);
  }
}

/**
 * The due instant itself is still on time: a response at exactly `dueAt` is 'met', and with no
 * response the clock is 'running' at `now === dueAt` and 'overdue' from the next millisecond. This
 * matches the engine, which records a breach only once `now` is strictly past the due time.
 */
export function slaState(args: { dueAt: Date; firstResponseAt?: Date | null; now: Date }): SlaState {
  const { dueAt, firstResponseAt, now } = args;
  if (firstResponseAt) return firstResponseAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  return now.getTime() <= dueAt.getTime() ? 'running' : 'overdue';
}

/**
 * Whole minutes left until `dueAt`, rounded down; negative once overdue (one millisecond late is -1),
 * so `>= 0` agrees with slaState's 'running'.
 */
export function minutesUntilDue(args: { dueAt: Date; now: Date }): number {
  return Math.floor((args.dueAt.getTime() - args.now.getTime()) / MINUTE_MS);
}
