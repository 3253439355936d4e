import { randomBytes } from 'node:crypto';
import { parseSubscription } from '../domain/subscriptions/parse-subscription.ts';
import type { Clock } from './ports.ts';
import type { StatusSubscriber, SubscriberStore } from './subscription-ports.ts';

export type SubscribeResult =
  | { ok: false; status: 400; message: string }
  | {
      ok: true;
      status: 201 | 200;
      outcome: 'created' | 'already-pending' | 'already-active';
      subscriber: StatusSubscriber;
      /** Given once, when a webhook subscription is created: the key its requests are signed with. */
      secret?: string;
    };

/**
 * A subscription request from the public: checked first (a bad address or a plain-http webhook
 * is refused with a sentence and nothing is stored), then stored with a fresh token, and for
 * email, a confirmation mail in the same transaction.
 */
export async function subscribeToStatus({
  input,
  store,
  clock,
  componentIds,
  allowLoopbackHttp = false,
}: {
  input: { email?: unknown; webhookUrl?: unknown; components?: unknown };
  store: SubscriberStore;
  clock: Clock;
  componentIds: readonly string[];
  allowLoopbackHttp?: boolean;
}): Promise<SubscribeResult> {
  const parsed = parseSubscription({ input, componentIds, allowLoopbackHttp });
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  const token = randomBytes(24).toString('base64url');
  const secret = parsed.value.kind === 'webhook' ? `whsec_${randomBytes(24).toString('base64')}` : null;
  const { subscriber, outcome } = await store.subscribe({ request: parsed.value, token, secret, at: clock.now() });
  return {
    ok: true,
    status: outcome === 'created' ? 201 : 200,
    outcome,
    subscriber,
    ...(outcome === 'created' && secret ? { secret } : {}),
  };
}
