import { creditAmount, creditFor, monthOf, nextMonth } from '../domain/contract/index.ts';
import { incidentRef } from '../domain/incident.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import type { ContractStore, CreditClaimStore } from './contract-ports.ts';
import { measureCustomerMonth, type ContractPolicy } from './contract-policy.ts';
import type { Clock, OutboxEffect } from './ports.ts';
import { claimReviewKey } from './request-credit.ts';

export type CreditDecisionOutcome = { ok: true; appliedCycle: string | null } | { ok: false; message: string };

/**
 * The success owner (or a configured approver, from our own workspace) approves or rejects a
 * credit claim. The credit is computed again at the decision, so a claim made mid-month is paid
 * on the month's final uptime once it is over. An approved credit applies to the billing cycle
 * after the decision's month. The customer hears the outcome in the channel they asked from.
 */
export async function decideCredit({
  store,
  claims,
  policy,
  clock,
  ourTeamId,
  decision,
}: {
  store: ContractStore;
  claims: CreditClaimStore;
  policy: ContractPolicy;
  clock: Clock;
  ourTeamId: string;
  decision: {
    inboxId: number;
    claimId: number;
    state: 'approved' | 'rejected';
    userId: string;
    teamId: string | undefined;
  };
}): Promise<CreditDecisionOutcome> {
  const now = clock.now();
  const claim = await claims.get(decision.claimId);
  const account = claim ? policy.account(claim.customerId) : undefined;
  if (!claim || !account)
    return { ok: false, message: 'That credit claim does not exist (any more). Nothing was changed.' };
  const isAllowed =
    decision.teamId === ourTeamId &&
    (decision.userId === account.successOwner || policy.approvers.has(decision.userId));
  if (!isAllowed)
    return {
      ok: false,
      message: `Only ${account.name}'s success owner or a configured approver can decide credit claims. Nothing was changed.`,
    };
  const ref = incidentRef(claim.incidentId);
  if (claim.state !== 'pending')
    return {
      ok: false,
      message: `The claim for ${ref} was already ${claim.state} by <@${claim.decidedBy}> on ${formatInstantForReader(claim.decidedAt as Date, account.timeZone)}. Nothing was changed.`,
    };
  const uptime = await measureCustomerMonth({ store, policy, account, month: claim.month, now });
  const credit = creditFor(uptime.uptimePercent, policy.tiers);
  const amount = account.monthlyFee
    ? creditAmount({
        percent: credit.percent,
        monthlyFee: account.monthlyFee.amount,
        capPercent: policy.creditCapPercent,
      })
    : null;
  const owed = `${credit.percent} % of your monthly fee${amount !== null ? ` (${amount.toFixed(2)} ${account.monthlyFee?.currency})` : ''}`;
  const appliedCycle = decision.state === 'approved' ? nextMonth(monthOf(now, account.timeZone)) : null;
  const figure = `uptime in ${claim.month}${uptime.isComplete ? '' : ' so far'}: ${uptime.uptimePercent.toFixed(3)} %`;
  const toCustomer =
    decision.state === 'approved'
      ? `:white_check_mark: Your service credit request for *${ref}* is approved: ${owed}, from your ${figure}. It is applied to your ${appliedCycle} invoice.`
      : `Your service credit request for *${ref}* was not approved (${figure}). Your success manager will explain and answer any questions.`;
  const effects: OutboxEffect[] = [
    {
      kind: 'slack.post',
      key: `credit-claim:${claim.id}:outcome`,
      channel: claim.channelId,
      message: { view: 'text', data: { title: '', text: toCustomer } },
    },
    {
      kind: 'slack.update',
      key: `credit-claim:${claim.id}:decided`,
      target: { key: claimReviewKey(claim.id) },
      message: {
        view: 'text',
        data: {
          title: '',
          text: `:receipt: ${account.name}'s credit claim for *${ref}*: *${decision.state}* by <@${decision.userId}> (${figure} → ${owed.replace('your ', '')}${appliedCycle ? `, applied to ${appliedCycle}` : ''}). The customer was told.`,
        },
      },
    },
  ];
  const isDecided = await claims.decide({
    id: claim.id,
    state: decision.state,
    by: decision.userId,
    at: now,
    appliedCycle,
    causeInboxId: decision.inboxId,
    effects,
    figures: { uptimePercent: uptime.uptimePercent, creditPercent: credit.percent, creditAmount: amount },
  });
  return isDecided
    ? { ok: true, appliedCycle }
    : { ok: false, message: `The claim for ${ref} was decided meanwhile. Nothing was changed.` };
}
