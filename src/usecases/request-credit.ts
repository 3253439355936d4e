import { addCalendarDays } from '../domain/calendar/index.ts';
import { creditAmount, creditFor, affectsCustomer, monthOf } from '../domain/contract/index.ts';
import { incidentRef } from '../domain/incident.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import type { ContractStore, CreditClaimStore } from './contract-ports.ts';
import { measureCustomerMonth, type ContractPolicy } from './contract-policy.ts';
import type { Clock, OutboxEffect } from './ports.ts';

export type CreditRequestOutcome =
  | { ok: true; claimId: number }
  /** Shown on the modal field; nothing was stored. */
  | { ok: false; field: 'incident' | 'note'; message: string }
  /** The inbox entry was already applied (a replay): nothing new was stored. */
  | { ok: false; field: null; message: string };

export const claimReviewKey = (claimId: number): string => `credit-claim:${claimId}:review`;

/** "INC-12", "inc 12" or "12" → 12. */
export function parseIncidentRef(text: string): number | undefined {
  const match = /^\s*(?:inc[-\s]?)?(\d{1,9})\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * A customer asks for a service credit for an incident. The incident must have affected this
 * customer (the same answer when it does not exist, so other customers' incidents are never
 * revealed), the request must come within `claimWindowDays` of the incident's end (its start
 * while it is still open), and only once per incident. The credit is computed from the uptime of
 * the month the incident started in (the customer's zone), so far; the success owner approves it.
 */
export async function requestCredit({
  store,
  claims,
  policy,
  clock,
  request,
}: {
  store: ContractStore;
  claims: CreditClaimStore;
  policy: ContractPolicy;
  clock: Clock;
  request: {
    inboxId: number;
    inboxKey: string;
    customerId: string;
    channelId: string;
    userId: string;
    incidentText: string;
    note: string;
  };
}): Promise<CreditRequestOutcome> {
  const now = clock.now();
  const account = policy.account(request.customerId);
  if (!account)
    return {
      ok: false,
      field: 'incident',
      message: 'This channel is not connected to a support plan; no claim was made.',
    };
  if (request.note.length > 2000) return { ok: false, field: 'note', message: 'Keep the note under 2,000 characters.' };
  const id = parseIncidentRef(request.incidentText);
  if (id === undefined)
    return { ok: false, field: 'incident', message: 'Enter the incident id from our notices, like INC-12.' };
  const ref = incidentRef(id);
  const incident = await store.incident(id);
  if (!incident || !affectsCustomer(incident, account))
    return {
      ok: false,
      field: 'incident',
      message: `${ref} did not affect your services, so it cannot be claimed. Check the id in our notices.`,
    };
  const end = incident.resolvedAt ?? incident.startedAt;
  // Calendar days in the customer's zone: the window ends at the same wall-clock time, DST or not.
  if (now.getTime() > addCalendarDays(end.getTime(), policy.claimWindowDays, account.timeZone)) {
    return {
      ok: false,
      field: 'incident',
      message: `Credits must be requested within ${policy.claimWindowDays} days of the incident's end; ${ref} ended ${formatInstantForReader(end, account.timeZone)}.`,
    };
  }
  const earlier = await claims.find(account.id, id);
  if (earlier)
    return {
      ok: false,
      field: 'incident',
      message: `You already requested a credit for ${ref} on ${formatInstantForReader(earlier.requestedAt, account.timeZone)} (${earlier.state}).`,
    };
  const month = monthOf(incident.startedAt, account.timeZone);
  const uptime = await measureCustomerMonth({ store, policy, account, month, now });
  const credit = creditFor(uptime.uptimePercent, policy.tiers);
  const amount = account.monthlyFee
    ? creditAmount({
        percent: credit.percent,
        monthlyFee: account.monthlyFee.amount,
        capPercent: policy.creditCapPercent,
      })
    : null;
  const owed = `${credit.percent} %${amount !== null ? ` (${amount.toFixed(2)} ${account.monthlyFee?.currency})` : ''}`;
  const summary =
    `:receipt: *${account.name}* requests a service credit for *${ref}* (${incident.severity}), by <@${request.userId}>. ` +
    `Uptime in ${month}${uptime.isComplete ? '' : ' so far'}: ${uptime.uptimePercent.toFixed(3)} % (${uptime.downtimeMinutes.toFixed(1)} min down) → credit ${owed}.`;
  const claimId = await claims.create(
    {
      inboxKey: request.inboxKey,
      customerId: account.id,
      incidentId: id,
      month,
      requestedBy: request.userId,
      requestedAt: now,
      uptimePercent: uptime.uptimePercent,
      creditPercent: credit.percent,
      creditAmount: amount,
      currency: account.monthlyFee?.currency ?? null,
      note: request.note || null,
      channelId: request.channelId,
    },
    {
      causeInboxId: request.inboxId,
      effects: (claimId): OutboxEffect[] => [
        {
          kind: 'slack.post',
          key: claimReviewKey(claimId),
          channel: account.successOwner,
          message: { view: 'credit-claim', data: { claimId, summary, note: request.note } },
        },
        {
          kind: 'slack.post',
          key: `credit-claim:${claimId}:received`,
          channel: request.channelId,
          message: {
            view: 'text',
            data: {
              title: '',
              text: `:receipt: We received your service credit request for *${ref}*. Your success manager reviews it and we will tell you the outcome here.`,
            },
          },
        },
      ],
    },
  );
  return claimId === undefined
    ? { ok: false, field: null, message: `A credit request for ${ref} was already recorded.` }
    : { ok: true, claimId };
}
