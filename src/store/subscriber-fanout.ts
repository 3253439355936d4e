import type { Prisma } from '../generated/prisma/client.ts';
import { isSubscribedTo } from '../domain/subscriptions/parse-subscription.ts';
import type { OutboxEffect } from '../usecases/ports.ts';
import { parseImpacts } from './status-mapper.ts';
import { writeOutboxEffects } from './write-outbox.ts';

/**
 * Inside the publication's own transaction: one outbox item per active subscriber the update
 * concerns, keyed by the update and the subscriber, so a replay or a crash sends nothing twice.
 */
export async function writeSubscriberNotifications(
  tx: Prisma.TransactionClient,
  { statusIncidentId, updateId, at }: { statusIncidentId: number; updateId: number; at: Date },
): Promise<void> {
  const subscribers = await tx.statusSubscriber.findMany({
    where: { state: 'active' },
    select: { id: true, kind: true, components: true },
  });
  if (subscribers.length === 0) return;
  const incident = await tx.statusIncident.findUnique({
    where: { id: statusIncidentId },
    select: { components: true },
  });
  const affected = parseImpacts(incident?.components ?? '[]').map((c) => c.componentId);
  const update = { statusIncidentId, updateId };
  const effects: OutboxEffect[] = subscribers
    .filter((s) => isSubscribedTo(JSON.parse(s.components) as string[], affected))
    .map((s) => {
      const key = `status-update:${updateId}:subscriber:${s.id}`;
      return s.kind === 'webhook'
        ? { kind: 'webhook.post', key, subscriberId: s.id, update }
        : { kind: 'email.send', key, subscriberId: s.id, update };
    });
  await writeOutboxEffects(tx, effects, at);
}
