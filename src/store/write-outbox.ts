import type { Prisma } from '../generated/prisma/client.ts';
import type { OutboxEffect } from '../usecases/ports.ts';
import { outboxRow } from './ticket-mapper.ts';

/**
 * Adds effects to the outbox inside the caller's transaction. A key already in the outbox is the
 * same effect decided again (e.g. a replay): the first one is kept.
 */
export async function writeOutboxEffects(tx: Prisma.TransactionClient, effects: readonly OutboxEffect[], at: Date): Promise<void> {
  if (effects.length === 0) return;
  const existing = new Set((await tx.outboxMessage.findMany({ where: { key: { in: effects.map((e) => e.key) } }, select: { key: true } })).map((r) => r.key));
  const fresh = effects.filter((e, i) => !existing.has(e.key) && effects.findIndex((other) => other.key === e.key) === i);
  if (fresh.length > 0) await tx.outboxMessage.createMany({ data: fresh.map((e) => outboxRow(e, at)) });
}
