import type { Logger } from 'pino';
import type { Clock, OutboxStore } from '../usecases/ports.ts';
import { PagerDutyDeliveryError } from '../pagerduty/index.ts';
import { deliverEffect, type Deliverers } from './deliver-effect.ts';
import { classifySlackFailure, type SlackFailure } from './slack-delivery.ts';

export interface DispatcherOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A transient failure is retried until the item is this old; a Slack outage can last hours. */
  giveUpAfterMs?: number;
  leaseMs?: number;
  random?: () => number;
}

function classifyFailure(error: unknown): SlackFailure {
  if (error instanceof PagerDutyDeliveryError) {
    return { message: error.message, isAmbiguous: error.isAmbiguous, isPermanent: !error.isRetryable, retryAfterMs: error.retryAfterMs };
  }
  return classifySlackFailure(error);
}

/**
 * Delivers outbox items: Slack posts, updates, pins and channels, and PagerDuty events. Each Slack
 * post carries its outbox key in message metadata, so after an answer that leaves doubt (5xx,
 * timeout, crash mid-call) the dispatcher looks for the key before posting again; PagerDuty
 * events carry the incident's dedup key, which PagerDuty itself deduplicates.
 */
export function createOutboxDispatcher({ outbox, clock, logger, deliverers, options = {} }: {
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  deliverers: Omit<Deliverers, 'outbox'>;
  options?: DispatcherOptions;
}) {
  const { baseDelayMs = 1000, maxDelayMs = 30_000, giveUpAfterMs = 24 * 60 * 60_000, leaseMs = 15_000, random = Math.random } = options;
  const d: Deliverers = { ...deliverers, outbox };

  function backoff(attempts: number): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts, 20));
    return ceiling / 2 + random() * (ceiling / 2);
  }

  /** Delivers what is due now, oldest first; returns how many were delivered. */
  async function runOnce(limit = 50): Promise<number> {
    const now = clock.now();
    const items = await outbox.claimDue(now, limit, new Date(now.getTime() + leaseMs));
    let delivered = 0;
    for (const item of items) {
      try {
        const outcome = await deliverEffect(d, item);
        if (outcome.outcome === 'waiting') {
          await outbox.reschedule(item.id, { error: 'waiting for the item it depends on', nextAttemptAt: new Date(clock.now().getTime() + 500), isAmbiguous: false, isDead: false });
          continue;
        }
        if (outcome.outcome === 'dropped') logger.warn({ key: item.key, why: outcome.why }, 'outbox item dropped');
        await outbox.markDelivered(item.id, outcome.outcome === 'delivered' ? outcome.result : null, clock.now());
        delivered += 1;
      } catch (error) {
        const failure = classifyFailure(error);
        const attempts = item.attempts + 1;
        const isDead = failure.isPermanent || clock.now().getTime() - item.createdAt.getTime() > giveUpAfterMs;
        const delay = Math.max(failure.retryAfterMs ?? 0, backoff(attempts));
        (isDead ? logger.error : logger.warn).call(logger, { key: item.key, attempts, error: failure.message, isDead }, 'outbox delivery failed');
        await outbox.reschedule(item.id, {
          error: failure.message,
          nextAttemptAt: new Date(clock.now().getTime() + delay),
          isAmbiguous: failure.isAmbiguous,
          isDead,
        });
      }
    }
    return delivered;
  }

  return { runOnce };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
