import { createHmac } from 'node:crypto';
import type { OutboxEffect, OutboxItem } from '../usecases/ports.ts';
import type { StatusStore } from '../usecases/status-ports.ts';
import type { SubscriberStore } from '../usecases/subscription-ports.ts';
import { confirmationMail, updateMail, webhookPayload, type Mail, type Site } from '../status/subscription-messages.ts';

/** Sends one mail over SMTP; throws what the transport threw. */
export interface Mailer {
  send(mail: Mail & { messageId: string }): Promise<void>;
}

export interface SubscriberDeliverers {
  subscribers: SubscriberStore;
  statuses: StatusStore;
  site: Site;
  mailer?: Mailer;
  /** A webhook subscriber is disabled after this many failed deliveries in a row. */
  webhookFailureLimit: number;
  webhookTimeoutMs?: number;
  now: () => Date;
}

/** A failed email or webhook delivery, as the dispatcher classifies failures. */
export class SubscriberDeliveryError extends Error {
  constructor(
    message: string,
    readonly isRetryable: boolean,
    readonly isAmbiguous: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

type Delivered = { outcome: 'delivered'; result: null } | { outcome: 'dropped'; why: string };
type Of<K extends OutboxEffect['kind']> = Extract<OutboxEffect, { kind: K }>;

async function updateOf(d: SubscriberDeliverers, ref: { statusIncidentId: number; updateId: number }) {
  const incident = await d.statuses.get(ref.statusIncidentId);
  const update = incident?.updates.find((u) => u.id === ref.updateId);
  return incident && update ? { incident, update } : undefined;
}

/**
 * Mail has no idempotency key: an attempt that may have reached the server (a dispatcher that
 * died mid-send, a connection lost after the message was written) is not repeated, so a crash
 * can cost a mail but never sends one twice. Its Message-ID is the outbox key all the same.
 */
export async function deliverEmail(
  d: SubscriberDeliverers,
  item: OutboxItem,
  effect: Of<'email.send'>,
): Promise<Delivered> {
  if (!d.mailer) return { outcome: 'dropped', why: 'email is not configured (SMTP_URL)' };
  if (item.isAmbiguous)
    return { outcome: 'dropped', why: 'an earlier attempt may have sent it; mail is sent at most once' };
  const subscriber = await d.subscribers.get(effect.subscriberId);
  const wanted = effect.update ? 'active' : 'pending';
  if (subscriber?.state !== wanted) return { outcome: 'dropped', why: `the subscriber is no longer ${wanted}` };
  let mail: Mail;
  if (effect.update) {
    const found = await updateOf(d, effect.update);
    if (!found) return { outcome: 'dropped', why: 'the status update no longer exists' };
    mail = updateMail(d.site, subscriber, found.incident, found.update);
  } else mail = confirmationMail(d.site, subscriber);
  try {
    await d.mailer.send({ ...mail, messageId: `<${item.key}@${new URL(d.site.url).hostname}>` });
  } catch (error) {
    const e = error as { message?: string; responseCode?: number; command?: string };
    throw new SubscriberDeliveryError(
      `SMTP: ${e.message ?? String(error)}`,
      !(e.responseCode !== undefined && e.responseCode >= 500),
      // Refused by the server, or never connected: not sent. Anything else may have been.
      e.responseCode === undefined && e.command !== 'CONN',
    );
  }
  return { outcome: 'delivered', result: null };
}

/** Standard Webhooks signature: v1,base64(HMAC-SHA256(secret, `${id}.${timestamp}.${body}`)). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * POSTs the update with `webhook-id` (the outbox key: a receiver drops a repeat), timestamp and
 * signature. A failure is retried with the outbox's backoff; after the limit of failures in a
 * row the subscriber is disabled and nothing more is sent to it.
 */
export async function deliverWebhook(
  d: SubscriberDeliverers,
  item: OutboxItem,
  effect: Of<'webhook.post'>,
): Promise<Delivered> {
  const subscriber = await d.subscribers.get(effect.subscriberId);
  if (subscriber?.state !== 'active' || !subscriber.secret)
    return { outcome: 'dropped', why: 'the webhook subscriber is no longer active' };
  const found = await updateOf(d, effect.update);
  if (!found) return { outcome: 'dropped', why: 'the status update no longer exists' };
  const body = JSON.stringify({ id: item.key, ...webhookPayload(d.site, found.incident, found.update) });
  const timestamp = Math.floor(d.now().getTime() / 1000);
  let failure: SubscriberDeliveryError;
  try {
    const response = await fetch(subscriber.address, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(d.webhookTimeoutMs ?? 10_000),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'tplus-status-webhook',
        'webhook-id': item.key,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(subscriber.secret, item.key, timestamp, body),
      },
      body,
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) {
      await d.subscribers.recordSuccess(subscriber.id);
      return { outcome: 'delivered', result: null };
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    failure = new SubscriberDeliveryError(
      `webhook answered ${response.status}`,
      true,
      false,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  } catch (error) {
    failure = new SubscriberDeliveryError(`webhook unreachable: ${(error as Error).message}`, true, true);
  }
  const isDisabled = await d.subscribers.recordFailure(subscriber.id, {
    error: failure.message,
    limit: d.webhookFailureLimit,
    at: d.now(),
  });
  if (isDisabled)
    return { outcome: 'dropped', why: `webhook disabled after ${d.webhookFailureLimit} failures in a row` };
  throw failure;
}
