import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock, OutboxItem, OutboxStore, TicketStore } from '../usecases/ports.ts';
import type { MessageRenderer } from '../slack/render-message.ts';
import { classifySlackFailure, findPostedByKey, OUTBOX_EVENT_TYPE } from './slack-delivery.ts';

export interface DispatcherOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A transient failure is retried until the item is this old; a Slack outage can last hours. */
  giveUpAfterMs?: number;
  leaseMs?: number;
  random?: () => number;
}

/**
 * Delivers outbox items to Slack. Each post carries its outbox key in message metadata, so
 * after an answer that leaves doubt (5xx, timeout, crash mid-call) the dispatcher looks for the
 * key in the channel before posting again: a post that may have succeeded is never doubled.
 */
export function createOutboxDispatcher({ outbox, tickets, client, clock, render, logger, options = {} }: {
  outbox: OutboxStore;
  tickets: TicketStore;
  client: WebClient;
  clock: Clock;
  render: MessageRenderer;
  logger: Logger;
  options?: DispatcherOptions;
}) {
  const { baseDelayMs = 1000, maxDelayMs = 30_000, giveUpAfterMs = 24 * 60 * 60_000, leaseMs = 15_000, random = Math.random } = options;

  async function deliver(item: OutboxItem): Promise<'delivered' | 'waiting'> {
    const effect = item.effect;
    const now = clock.now();
    if (effect.kind === 'slack.pin') {
      const target = await outbox.resultOf(effect.target.key);
      if (!target) return 'waiting';
      await client.pins.add({ channel: target.channel, timestamp: target.ts }).catch((error: unknown) => {
        if ((error as { data?: { error?: string } }).data?.error !== 'already_pinned') throw error;
      });
      await outbox.markDelivered(item.id, null, now);
      return 'delivered';
    }
    const rendered = await render(effect.message);
    if (!rendered) {
      logger.warn({ key: item.key }, 'outbox message refers to something that no longer exists; dropped');
      await outbox.markDelivered(item.id, null, now);
      return 'delivered';
    }
    if (effect.kind === 'slack.update') {
      const target = await outbox.resultOf(effect.target.key);
      if (!target) return 'waiting';
      await client.chat.update({ channel: target.channel, ts: target.ts, text: rendered.text, blocks: rendered.blocks as never });
      await outbox.markDelivered(item.id, target, now);
      return 'delivered';
    }
    const parent = effect.threadOf ? await outbox.resultOf(effect.threadOf.key) : undefined;
    if (effect.threadOf && !parent) return 'waiting';
    const channel = effect.channel || parent?.channel || '';
    const threadTs = effect.threadTs ?? parent?.ts;
    let posted = item.isAmbiguous ? await findPostedByKey(client, { channel, threadTs, key: item.key }) : undefined;
    if (!posted) {
      const response = await client.chat.postMessage({
        channel, text: rendered.text, blocks: rendered.blocks as never, thread_ts: threadTs, unfurl_links: false, unfurl_media: false,
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: item.key } },
      });
      posted = { channel: String(response.channel ?? channel), ts: String(response.ts) };
    }
    if (effect.anchorsTicketId !== undefined) await tickets.setThread(effect.anchorsTicketId, posted.ts);
    await outbox.markDelivered(item.id, posted, now);
    return 'delivered';
  }

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
        const outcome = await deliver(item);
        if (outcome === 'delivered') delivered += 1;
        else await outbox.reschedule(item.id, { error: 'waiting for the message it depends on', nextAttemptAt: new Date(clock.now().getTime() + 500), isAmbiguous: false, isDead: false });
      } catch (error) {
        const failure = classifySlackFailure(error);
        const attempts = item.attempts + 1;
        const isDead = failure.isPermanent || clock.now().getTime() - item.createdAt.getTime() > giveUpAfterMs;
        const delay = Math.max(failure.retryAfterMs ?? 0, backoff(attempts));
        (isDead ? logger.error : logger.warn).call(logger, { key: item.key, attempts, error: failure.message, isDead }, 'outbox delivery failed');
        await outbox.reschedule(item.id, {
          error: failure.message,
          nextAttemptAt: new Date(clock.now().getTime() + delay),
          isAmbiguous: failure.isAmbiguous && item.effect.kind === 'slack.post',
          isDead,
        });
      }
    }
    return delivered;
  }

  return { runOnce };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
