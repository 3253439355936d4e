import {
  affectsCustomer,
  isRcaLate,
  isUptimeBreach,
  monthOf,
  previousMonth,
  s1CountTrigger,
} from '../domain/contract/index.ts';
import { monthWindow } from '../domain/uptime/index.ts';
import { addCalendarDays } from '../domain/calendar/index.ts';
import { incidentRef } from '../domain/incident.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import type { ContractStore, NewTrigger } from './contract-ports.ts';
import { measureCustomerMonth, type ContractAccount, type ContractPolicy } from './contract-policy.ts';
import type { Clock, OutboxEffect } from './ports.ts';

const DAY = 86_400_000;
/** An RCA sent late trips the trigger when it is sent; look back far enough to survive a long outage of tplus. */
const SENT_LOOKBACK_DAYS = 35;
const MAX_LISTED = 10;

interface Candidate {
  trigger: NewTrigger;
  /** What the success owner and the executive contact read; composed only for a trigger about to fire. */
  text: () => string;
}

/** One DM per person (the success owner may also be the executive contact), keyed by the trigger. */
function alerts(account: ContractAccount, key: string, text: string): OutboxEffect[] {
  const people = [...new Set([account.successOwner, account.executiveContact].filter((u): u is string => Boolean(u)))];
  return people.map((user) => ({
    kind: 'slack.post',
    key: `termination:${key}:dm-${user}`,
    channel: user,
    message: { view: 'text', data: { text, title: '' } },
  }));
}

/**
 * A month's uptime below the threshold: once the month is over, or already while it runs when the
 * downtime so far exceeds what the threshold allows for the whole month (no remaining day can
 * bring it back; announced maintenance still to come only shortens the month). Judged only when
 * every incident counting in it is resolved: an open incident has no cause yet (upstream or
 * customer-caused is set at resolution).
 */
async function judgeUptime({
  store,
  policy,
  account,
  month,
  now,
}: {
  store: ContractStore;
  policy: ContractPolicy;
  account: ContractAccount;
  month: string;
  now: Date;
}) {
  const { uptimeBelow } = policy.termination;
  const uptime = await measureCustomerMonth({ store, policy, account, month, now });
  if (uptime.incidents.some((i) => i.resolvedAt === null && i.downtimeMinutes > 0)) return undefined;
  const full = monthWindow(month, account.timeZone);
  const allowedMinutes = ((100 - uptimeBelow) / 100) * ((full.to.getTime() - full.from.getTime()) / 60_000);
  const isBreach = uptime.isComplete
    ? isUptimeBreach(uptime.uptimePercent, uptimeBelow)
    : uptime.downtimeMinutes > allowedMinutes + 1e-9;
  if (!isBreach) return undefined;
  const incidents = uptime.incidents.filter((i) => i.downtimeMinutes > 0).map((i) => incidentRef(i.id));
  const figure = uptime.isComplete
    ? `uptime in ${month} was ${uptime.uptimePercent.toFixed(3)} % (${uptime.downtimeMinutes.toFixed(1)} min down)`
    : `${uptime.downtimeMinutes.toFixed(1)} min down so far in ${month}, more than the ${allowedMinutes.toFixed(1)} min the whole month allows: its uptime will end`;
  return {
    evidence: {
      month,
      isMonthComplete: uptime.isComplete,
      uptimePercent: uptime.uptimePercent,
      downtimeMinutes: uptime.downtimeMinutes,
      threshold: uptimeBelow,
      incidents,
    },
    text: `:warning: *Termination trigger for ${account.name}*: ${figure} below the ${uptimeBelow} % the contract guarantees. Incidents: ${incidents.join(', ') || 'none'}.`,
  };
}

/**
 * Fires the contract's termination triggers once each: three S1s in a rolling window, a month
 * below the uptime threshold (see judgeUptime), an S1's RCA past its due time. Each alerts the
 * customer's success owner and executive contact with the evidence. Safe to run every minute:
 * a trigger key that already fired is skipped before anything is measured again.
 */
export async function checkContractTriggers({
  store,
  policy,
  clock,
  pace,
  memo,
}: {
  store: ContractStore;
  policy: ContractPolicy;
  clock: Clock;
  /**
   * Kept between runs: the S1-count and uptime judgements change only when incidents or
   * maintenances do, or a customer's month turns, so an unchanged stamp skips them (at 10,000
   * incidents they cost about a second of CPU a run).
   */
  memo?: { judgedAt?: string };
  /**
   * Called between customers and between triggers, so a long check lets requests in (Prisma over SQLite resolves in
   * microtasks).
   */
  pace?: () => Promise<void>;
}): Promise<number> {
  const now = clock.now();
  const when = (at: Date, account: ContractAccount) => formatInstantForReader(at, account.timeZone);
  const candidates: Candidate[] = [];
  const { s1Count, s1WindowDays } = policy.termination;
  // Two windows back: a hit is found from the S1s that precede its third within one window.
  const judgedAt = `${await store.incidentsStamp()}|${policy
    .accounts()
    .map((a) => monthOf(now, a.timeZone))
    .join(',')}`;
  const isUnchanged = memo?.judgedAt === judgedAt;
  const recent = isUnchanged
    ? []
    : await store.incidentsOverlapping(new Date(now.getTime() - 2 * s1WindowDays * DAY), now, 'S1');
  for (const account of isUnchanged ? [] : policy.accounts()) {
    const theirs = recent.filter((i) => affectsCustomer(i, account));
    // Only hits whose third S1 is inside the current window: on a first run over an old database,
    // triples from months ago are history, not news for the success owner.
    const hits = s1CountTrigger({
      incidents: theirs,
      count: s1Count,
      windowDays: s1WindowDays,
      timeZone: account.timeZone,
    }).filter((h) => now.getTime() < addCalendarDays(h.third.startedAt.getTime(), s1WindowDays, account.timeZone));
    for (const hit of hits) {
      const key = `s1-count:${account.id}:${hit.third.id}`;
      // The DM names the latest S1s (the evidence row keeps them all): a Slack message has a size limit.
      const shown = hit.within.slice(-MAX_LISTED);
      const list = () =>
        `${shown.map((i) => `${incidentRef(i.id)} started ${when(i.startedAt, account)}`).join('; ')}${hit.inWindow > shown.length ? `; and ${hit.inWindow - shown.length} earlier` : ''}`;
      candidates.push({
        trigger: {
          key,
          customerId: account.id,
          kind: 's1-count',
          firedAt: now,
          evidence: {
            s1InWindow: hit.inWindow,
            incidents: hit.within.map((i) => ({
              id: i.id,
              ref: incidentRef(i.id),
              startedAt: i.startedAt.toISOString(),
            })),
            windowDays: s1WindowDays,
          },
        },
        text: () =>
          `:warning: *Termination trigger for ${account.name}*: ${hit.inWindow} S1 incidents within ${s1WindowDays} days (the contract allows fewer than ${s1Count}). ${list()}.`,
      });
    }
    // Last month once it is over, and this month as soon as no remaining day could save it.
    const thisMonth = monthOf(now, account.timeZone);
    for (const month of [previousMonth(thisMonth), thisMonth]) {
      candidates.push({
        trigger: {
          key: `uptime:${account.id}:${month}`,
          customerId: account.id,
          kind: 'uptime',
          firedAt: now,
          evidence: { month },
        },
        text: () => '',
      });
    }
  }
  for (const deadline of await store.lateRcaCandidates(now, SENT_LOOKBACK_DAYS)) {
    const account = policy.account(deadline.customerId);
    if (!account || !isRcaLate(deadline, now)) continue;
    const ref = incidentRef(deadline.incidentId);
    const delivered = deadline.metAt ? `delivered ${when(deadline.metAt, account)}` : 'not delivered yet';
    candidates.push({
      trigger: {
        key: `rca-late:${account.id}:${deadline.incidentId}`,
        customerId: account.id,
        kind: 'rca-late',
        firedAt: now,
        evidence: {
          incidentId: deadline.incidentId,
          ref,
          dueAt: deadline.dueAt.toISOString(),
          deliveredAt: deadline.metAt?.toISOString() ?? null,
        },
      },
      text: () =>
        `:warning: *Termination trigger for ${account.name}*: the RCA of S1 ${ref} was due ${when(deadline.dueAt, account)} and is ${delivered}.`,
    });
  }
  const fired = await store.firedKeys(candidates.map((c) => c.trigger.key));
  let count = 0;
  for (const candidate of candidates.filter((c) => !fired.has(c.trigger.key))) {
    const account = policy.account(candidate.trigger.customerId) as ContractAccount;
    await pace?.();
    if (candidate.trigger.kind === 'uptime') {
      const judged = await judgeUptime({
        store,
        policy,
        account,
        month: String(candidate.trigger.evidence.month),
        now,
      });
      if (!judged) continue;
      candidate.trigger.evidence = judged.evidence;
      candidate.text = () => judged.text;
    }
    if (await store.fireTrigger(candidate.trigger, alerts(account, candidate.trigger.key, candidate.text())))
      count += 1;
  }
  if (memo) memo.judgedAt = judgedAt;
  return count;
}
