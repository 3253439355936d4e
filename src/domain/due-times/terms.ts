import type { BusinessDayDefinition, CalendarSpec } from '../calendar/index.ts';
import type { DeadlineAnchor } from '../follow-ups/index.ts';
import { canonicalJson } from '../sla-page/canonical.ts';

/** Everything a due time is computed from besides the ticket or incident itself. */
export interface DueTimeTerms {
  calendars: Record<string, CalendarSpec>;
  /** Customer id → the id of the calendar it uses. */
  customerCalendars: Record<string, string>;
  businessDay: BusinessDayDefinition;
  deadlinesFrom: DeadlineAnchor;
  followUps: { timelineHours: number; postmortemHours: number; executiveSummaryHours: number; rcaBusinessDays: number };
}

/** The text stored and compared: the same terms give the same text whatever order the config lists them in. */
export const termsText = (terms: DueTimeTerms): string => canonicalJson(terms);

/**
 * Why the due times of `customerId` (a ticket's first response, or a follow-up; '' is the
 * internal post-mortem) may have moved from `before` to `after`, in the config's own words; empty
 * when nothing they depend on changed.
 */
export function reasonsFor(
  before: DueTimeTerms,
  after: DueTimeTerms,
  customerId: string,
  kind: 'ticket' | 'follow-up',
): string[] {
  const reasons: string[] = [];
  if (customerId !== '') {
    const was = before.customerCalendars[customerId];
    const now = after.customerCalendars[customerId];
    if (was !== now) reasons.push(`customer ${customerId} now uses calendar ${now ?? '(none)'}`);
    else if (now !== undefined && canonicalJson(before.calendars[now]) !== canonicalJson(after.calendars[now]))
      reasons.push(`calendar ${now} changed`);
  }
  if (before.businessDay !== after.businessDay)
    reasons.push(`contract.businessDay changed from ${before.businessDay} to ${after.businessDay}`);
  if (kind === 'follow-up') {
    if (before.deadlinesFrom !== after.deadlinesFrom)
      reasons.push(`documents.deadlinesFrom changed from ${before.deadlinesFrom} to ${after.deadlinesFrom}`);
    if (canonicalJson(before.followUps) !== canonicalJson(after.followUps)) reasons.push('contract.followUps changed');
  }
  return reasons;
}

export type DueTimeDecision = 'move' | 'unchanged' | 'passed' | 'would-be-past';

/**
 * Whether a recomputed due time replaces the old one at `now`. A deadline that has passed stays
 * where it was (met or missed, it is history), and so does one the new terms would put in the past:
 * a config change must not make a deadline missed before anyone could act on it. The due instant
 * itself is still on time (as for the SLA clock), so a deadline due exactly `now` may still move.
 */
export function decideDueTime({ from, to, now }: { from: Date; to: Date; now: Date }): DueTimeDecision {
  if (from.getTime() < now.getTime()) return 'passed';
  if (from.getTime() === to.getTime()) return 'unchanged';
  return to.getTime() < now.getTime() ? 'would-be-past' : 'move';
}
