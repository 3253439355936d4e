import type { Prisma } from '../generated/prisma/client.ts';
import { updateWhere } from './raw-sql.ts';

/**
 * Marks the inbox entry that caused a decision as applied, inside the decision's transaction;
 * false means it already was (a replay after a crash): the caller aborts and writes nothing.
 */
export async function claimCause(
  tx: Prisma.TransactionClient,
  { causeInboxId, at }: { causeInboxId?: number | undefined; at: Date },
): Promise<boolean> {
  if (causeInboxId === undefined) return true;
  const count = await updateWhere(
    tx,
    'InboxEvent',
    { state: 'done', outcome: 'applied', processedAt: at },
    `"id" = ? AND "state" = 'pending'`,
    causeInboxId,
  );
  return count === 1;
}

/** Thrown inside a transaction to roll it back when a conditional change found nothing to change. */
export class Aborted extends Error {}
