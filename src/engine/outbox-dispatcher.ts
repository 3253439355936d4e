import type { Logger } from 'pino';
import type { Clock, LeasedOutboxItem, OutboxEffect, OutboxStore } from '../usecases/ports.ts';
import { PagerDutyDeliveryError } from '../pagerduty/index.ts';
import { StatuspageDeliveryError } from '../statuspage/statuspage-client.ts';
import { deliverEffect, type Deliverers } from './deliver-effect.ts';
import { SubscriberDeliveryError } from './subscriber-delivery.ts';
import { classifySlackFailure, type SlackFailure } from './slack-delivery.ts';
import { createLanePool } from './lane-pool.ts';
import { laneOf } from './outbox-lanes.ts';
import { createPlatformBreakers } from './platform-breakers.ts';

export interface DispatcherOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A transient failure is retried until the item is this old; a Slack outage can last hours. */
  giveUpAfterMs?: number;
  /** How long a claimed item stays ours, in wall-clock time: longer than a platform call's timeout. */
  leaseMs?: number;
  /** The longest a platform call may take (the clients' timeout): a call needs this much lease left. */
  callTimeoutMs?: number;
  /** Wall clock for leases; the domain clock may be scaled in the sandbox. */
  wallNow?: () => Date;
  /** Destinations delivered to side by side. */
  concurrency?: number;
  random?: () => number;
}

function classifyFailure(error: unknown): SlackFailure {
  if (
    error instanceof PagerDutyDeliveryError ||
    error instanceof StatuspageDeliveryError ||
    error instanceof SubscriberDeliveryError
  ) {
    return {
      message: error.message,
      isAmbiguous: error.isAmbiguous,
      isPermanent: !error.isRetryable,
      retryAfterMs: error.retryAfterMs,
    };
  }
  return classifySlackFailure(error);
}

/**
 * Delivers outbox items: Slack posts, updates, pins and channels, and PagerDuty events. Each Slack
 * post carries its outbox key in message metadata, so after an answer that leaves doubt (5xx,
 * timeout, crash mid-call) the dispatcher looks for the key before posting again; PagerDuty
 * events carry the incident's dedup key, which PagerDuty itself deduplicates.
 */
export function createOutboxDispatcher({
  outbox,
  clock,
  logger,
  deliverers,
  options = {},
}: {
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  deliverers: Omit<Deliverers, 'outbox'>;
  options?: DispatcherOptions;
}) {
  const {
    baseDelayMs = 1000,
    maxDelayMs = 30_000,
    giveUpAfterMs = 24 * 60 * 60_000,
    leaseMs = 15_000,
    callTimeoutMs = 10_000,
    random = Math.random,
    wallNow = () => new Date(),
    concurrency = 4,
  } = options;
  const d: Deliverers = {
    ...deliverers,
    outbox,
    // The item's age on the domain clock, counted back from the wall clock Slack's timestamps
    // follow, less a minute of clock skew. The sandbox's clock runs as fast as the wall clock or
    // faster, so this errs towards reading more.
    postedNoEarlierThan: (item) =>
      new Date(wallNow().getTime() - Math.max(0, clock.now().getTime() - item.createdAt.getTime()) - 60_000),
    isStillHeld: (item) => holdLease(item as LeasedOutboxItem),
  };

  // One breaker per platform (platform-breakers.ts): after a 429, or transient failures in a row,
  // the platform's other items wait instead of each failing in turn, which would hammer a Slack
  // in trouble and keep the event loop busy with writes while events wait for their ack.
  const breakers = createPlatformBreakers({ backoff });
  // Each webhook endpoint is its own platform: one subscriber's failing server must not hold up the others.
  const platformOf = (effect: OutboxEffect) =>
    effect.kind === 'webhook.post' ? `webhook:${effect.subscriberId}` : (effect.kind.split('.')[0] as string);
  const KINDS: Record<string, string[]> = {
    slack: ['slack.post', 'slack.update', 'slack.pin', 'slack.create-channel', 'slack.invite', 'slack.publish-home'],
    pagerduty: ['pagerduty.event'],
    statuspage: ['statuspage.sync'],
    email: ['email.send'],
  };

  function backoff(attempts: number): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts, 20));
    return ceiling / 2 + random() * (ceiling / 2);
  }

  // Lanes (outbox-lanes.ts): items for the same destination go in order, one at a time; different
  // destinations go side by side (a post costs a network round trip, mostly waiting). The pool
  // outlives a claim, so a call that hangs until its timeout holds up its own lane only: the
  // next claim goes ahead as soon as a slot is free.
  let isHalted = false;
  const pool = createLanePool<LeasedOutboxItem>({
    concurrency,
    laneOf: (item) => laneOf(item.effect),
    run: async (item) => {
      if (isHalted) await outbox.release(item);
      else await deliverOne(item);
    },
    onError: (error, item) =>
      logger.error({ err: error, key: item.key }, 'outbox outcome not recorded; the item is retried after its lease'),
  });

  /**
   * Claims what is due now, oldest first, and hands it to the lanes; resolves once there is room
   * for more (at once when nothing was due). Returns how many items it claimed: 0 when nothing
   * is due now. An item claimed comes due again only later (delivered, backed off, waiting for
   * the item it depends on, or held until its platform's breaker closes), so claiming until 0
   * ends.
   */
  async function runOnce(limit = 50): Promise<number> {
    const now = clock.now();
    const open = breakers.openAt(now.getTime());
    const wall = wallNow();
    const items = await outbox.claimDue(
      now,
      limit,
      { now: wall, until: new Date(wall.getTime() + leaseMs) },
      { skipKinds: open.flatMap((p) => KINDS[p] ?? []) },
    );
    if (items.length === 0) return 0;
    pool.add(items);
    await pool.room();
    return items.length;
  }

  /**
   * Makes sure the lease outlasts the call about to be made: an item that waited in its lane (or a
   * process that was frozen) renews a short lease first, and one whose lease was taken over is
   * left to the dispatcher that holds it now. A call is never started on a lease that could run
   * out before the call's own timeout.
   */
  async function holdLease(item: LeasedOutboxItem): Promise<boolean> {
    const wall = wallNow();
    if (item.leaseUntil.getTime() - wall.getTime() > callTimeoutMs) return true;
    const until = new Date(wall.getTime() + leaseMs);
    if (await outbox.renew(item, { now: wall, until })) {
      item.leaseUntil = until;
      return true;
    }
    logger.warn({ key: item.key }, 'outbox lease ran out before delivery; left to its new holder');
    return false;
  }

  async function deliverOne(item: LeasedOutboxItem): Promise<boolean> {
    const platform = platformOf(item.effect);
    if (breakers.isOpen(platform, clock.now().getTime())) {
      // Not due again before the breaker closes: the next claim must not pick it up at once.
      await outbox.release(item, new Date(breakers.openUntil(platform)));
      return false;
    }
    if (!(await holdLease(item))) return false;
    try {
      const outcome = await deliverEffect(d, item);
      if (outcome.outcome === 'waiting') {
        await outbox.reschedule(item, {
          error: 'waiting for the item it depends on',
          nextAttemptAt: new Date(clock.now().getTime() + 500),
          isAmbiguous: false,
          isDead: false,
        });
        return false;
      }
      if (outcome.outcome === 'taken-over') return false;
      if (outcome.outcome === 'dropped') logger.warn({ key: item.key, why: outcome.why }, 'outbox item dropped');
      breakers.succeeded(platform);
      const result = outcome.outcome === 'delivered' ? outcome.result : null;
      if (!(await outbox.markDelivered(item, result, clock.now()))) {
        logger.warn({ key: item.key }, 'outbox item delivered after its lease was taken over; the new holder decides');
        return false;
      }
      return true;
    } catch (error) {
      const failure = classifyFailure(error);
      const attempts = item.attempts + 1;
      const isDead = failure.isPermanent || clock.now().getTime() - item.createdAt.getTime() > giveUpAfterMs;
      const delay = Math.max(failure.retryAfterMs ?? 0, backoff(attempts));
      if (!failure.isPermanent) breakers.failed(platform, clock.now().getTime(), failure);
      (isDead ? logger.error : logger.warn).call(
        logger,
        { key: item.key, attempts, error: failure.message, isDead },
        'outbox delivery failed',
      );
      await outbox.reschedule(item, {
        error: failure.message,
        nextAttemptAt: new Date(clock.now().getTime() + delay),
        isAmbiguous: failure.isAmbiguous,
        isDead,
      });
      return false;
    }
  }

  return {
    runOnce,
    /** Resolves once every claimed item has been carried out. */
    idle: () => pool.idle(),
    get isBusy(): boolean {
      return pool.isBusy;
    },
    /** Stops starting deliveries: items still waiting in a lane are given back untouched. */
    halt(): void {
      isHalted = true;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
