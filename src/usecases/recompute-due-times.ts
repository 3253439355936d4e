import { DOCUMENT_TITLES } from '../domain/documents/index.ts';
import { decideDueTime, reasonsFor, termsText, type DueTimeTerms } from '../domain/due-times/index.ts';
import type { BusinessCalendar } from '../domain/calendar/index.ts';
import { planFollowUps, planReminders, type AffectedCustomer, type FollowUpTerms } from '../domain/follow-ups/index.ts';
import { firstResponseDueAt, formatInstantForReader } from '../domain/sla/index.ts';
import { cardRefresh } from './acknowledge-ticket.ts';
import type { DueTimeChange, DueTimeStore, FollowUpDueChange, TicketDueChange } from './due-time-ports.ts';
import type { Clock, OutboxEffect } from './ports.ts';

export interface RecomputeOutcome {
  version: number;
  /** What changed from the previous terms; empty on the first start, which only records them. */
  changes: string[];
  moved: number;
  kept: number;
}

/**
 * Runs at start: when the calendars, contract.businessDay, documents.deadlinesFrom or the
 * follow-up hours differ from the terms recorded last, the due times of open tickets (first
 * response) and open follow-ups that depend on what changed are computed again, each move (or why
 * one stays) goes on the ticket's or incident's timeline, and the terms are recorded, all in one
 * transaction. Deadlines already passed never move. The first start only records the terms.
 */
export async function recomputeDueTimes({
  store,
  terms,
  policy,
  clock,
}: {
  store: DueTimeStore;
  terms: DueTimeTerms;
  /** The document policy's follow-up part (DocumentPolicy fits). */
  policy: {
    customers: readonly (AffectedCustomer & { calendar: BusinessCalendar })[];
    terms: FollowUpTerms;
    internalTimeZone: string;
  };
  clock: Clock;
}): Promise<RecomputeOutcome | undefined> {
  const now = clock.now();
  const content = termsText(terms);
  const latest = await store.latestTerms();
  if (latest?.content === content) return undefined;
  const version = (latest?.version ?? 0) + 1;
  if (!latest) {
    const isStored = await store.recordTerms(
      { version, content, changes: [], at: now },
      { tickets: [], followUps: [], effects: [] },
    );
    return isStored ? { version, changes: [], moved: 0, kept: 0 } : undefined;
  }
  const before = JSON.parse(latest.content) as DueTimeTerms;
  const calendarOf = (customerId: string) => policy.customers.find((c) => c.id === customerId)?.calendar;
  const zoneOf = (customerId: string) => calendarOf(customerId)?.timeZone ?? policy.internalTimeZone;
  const change = (what: string, customerId: string, from: Date, to: Date, reasons: string[]) =>
    describeChange({ what, from, to, reasons, now, timeZone: zoneOf(customerId) });

  const tickets: TicketDueChange[] = [];
  const effects: OutboxEffect[] = [];
  for (const ticket of await store.openTickets()) {
    const reasons = reasonsFor(before, terms, ticket.customerId, 'ticket');
    const calendar = calendarOf(ticket.customerId);
    if (reasons.length === 0 || !calendar) continue;
    const to = firstResponseDueAt({ ...ticket, calendar, businessDay: terms.businessDay });
    const decided = change('First-response due time', ticket.customerId, ticket.firstResponseDueAt, to, reasons);
    if (!decided) continue;
    tickets.push({ ticketId: ticket.id, ...decided });
    if (decided.isMoved) effects.push(cardRefresh(ticket.id, now, 'due-time'));
  }

  const followUps: FollowUpDueChange[] = [];
  for (const deadline of await store.openFollowUps()) {
    const reasons = reasonsFor(before, terms, deadline.customerId, 'follow-up');
    if (reasons.length === 0) continue;
    const planned = planFollowUps({
      incident: deadline.incident,
      customers: policy.customers,
      terms: policy.terms,
      severities: [deadline.incident.severity],
      calendarOf: (id) => calendarOf(id) as NonNullable<ReturnType<typeof calendarOf>>,
    }).find((p) => p.kind === deadline.kind && p.customerId === deadline.customerId);
    if (!planned) continue;
    const title = `${DOCUMENT_TITLES[deadline.kind]}${deadline.customerId ? ` for ${deadline.customerId}` : ''} due time`;
    const decided = change(title, deadline.customerId, deadline.dueAt, planned.dueAt, reasons);
    if (!decided) continue;
    const calendar = planned.isBusinessDays ? calendarOf(deadline.customerId) : undefined;
    const reminders = planReminders({ dueAt: planned.dueAt, ...(calendar ? { calendar } : {}), now });
    followUps.push({ deadlineId: deadline.id, incidentId: deadline.incident.id, reminders, ...decided });
  }

  const changes = [
    ...new Set(['', ...Object.keys(terms.customerCalendars)].flatMap((c) => reasonsFor(before, terms, c, 'follow-up'))),
  ];
  const isStored = await store.recordTerms({ version, content, changes, at: now }, { tickets, followUps, effects });
  if (!isStored) return undefined;
  const all = [...tickets, ...followUps];
  return { version, changes, moved: all.filter((c) => c.isMoved).length, kept: all.filter((c) => !c.isMoved).length };
}

function describeChange({
  what,
  from,
  to,
  reasons,
  now,
  timeZone,
}: {
  what: string;
  from: Date;
  to: Date;
  reasons: string[];
  now: Date;
  timeZone: string;
}): DueTimeChange | undefined {
  const decision = decideDueTime({ from, to, now });
  if (decision === 'passed' || decision === 'unchanged') return undefined;
  const at = (d: Date) => formatInstantForReader(d, timeZone);
  const because = reasons.join('; ');
  const text =
    decision === 'move'
      ? `${what} moved from ${at(from)} to ${at(to)}: ${because}.`
      : `${what} stays ${at(from)}: the new terms (${because}) would put it at ${at(to)}, already past.`;
  return { from, to, isMoved: decision === 'move', text, reasons };
}
