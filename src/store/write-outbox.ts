import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { Aborted, claimCause } from './claim-cause.ts';
import type { OutboxEffect } from '../usecases/ports.ts';
import { outboxRow } from './ticket-mapper.ts';
import { dialectOf, execute, insertRows } from './raw-sql.ts';

/**
 * Adds effects to the outbox inside the caller's transaction. A key already in the outbox is the
 * same effect decided again (e.g. a replay): the first one is kept. One statement for the whole
 * list (the unique key does the check), because every statement inside a transaction holds the
 * write lock a little longer.
 */
export async function writeOutboxEffects(
  tx: Prisma.TransactionClient,
  effects: readonly OutboxEffect[],
  at: Date,
): Promise<void> {
  if (effects.length === 0) return;
  await insertRows(
    tx,
    'OutboxMessage',
    effects.map((e) => outboxRow(e, at)),
    'ON CONFLICT("key") DO NOTHING',
  );
}

/** Lines of an incident's timeline, written in the caller's transaction. */
export async function writeIncidentEvents(
  tx: Prisma.TransactionClient,
  incidentId: number,
  at: Date,
  events: readonly { kind: string; actor: string; text: string; detail?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await insertRows(
    tx,
    'IncidentEvent',
    events.map((e) => ({
      incidentId,
      at,
      kind: e.kind,
      actor: e.actor,
      text: e.text,
      detail: JSON.stringify(e.detail ?? {}),
    })),
  );
}

/**
 * One transaction: claims the inbox entry that caused the decision (a replay writes nothing), runs
 * the conditional `change` (false rolls everything back), then writes its consequences.
 */
export async function applyClaimed(
  prisma: PrismaClient,
  cause: { causeInboxId?: number | undefined; at: Date },
  change: (tx: Prisma.TransactionClient) => Promise<boolean>,
  write: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<boolean> {
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await claimCause(tx, cause))) return false;
      if (!(await change(tx))) throw new Aborted();
      await write(tx);
      return true;
    });
  } catch (error) {
    if (error instanceof Aborted) return false;
    throw error;
  }
}

/**
 * Inserts one outbox row keyed `<prefix><n>`, n fresh for each row, with the key also in its
 * payload, when `condition` holds: one statement, no read. SQLite numbers it after the largest
 * id (one writer at a time); PostgreSQL takes the id sequence's next value, so two replicas
 * writing at once never pick the same key.
 */
export async function insertNumberedOutbox(
  tx: Prisma.TransactionClient,
  row: { prefix: string; effect: OutboxEffect; dependsOnKey: string | null; at: Date },
  condition: string,
  ...conditionValues: unknown[]
): Promise<boolean> {
  const isPostgres = dialectOf(tx) === 'postgresql';
  const payload = isPostgres ? `jsonb_set(CAST(? AS jsonb), '{key}', to_jsonb(k))::text` : `json_set(?, '$.key', k)`;
  const number = isPostgres
    ? `nextval(pg_get_serial_sequence('"OutboxMessage"', 'id'))`
    : `(SELECT COALESCE(MAX("id"), 0) + 1 FROM "OutboxMessage")`;
  const changed = await execute(
    tx,
    `INSERT INTO "OutboxMessage" ("key", "kind", "payload", "dependsOnKey", "nextAttemptAt", "createdAt")
     SELECT k, ?, ${payload}, ?, ?, ?
       FROM (SELECT CAST(? AS TEXT) || ${number} AS k) AS numbered
      WHERE ${condition}`,
    row.effect.kind,
    JSON.stringify(row.effect),
    row.dependsOnKey,
    row.at,
    row.at,
    row.prefix,
    ...conditionValues,
  );
  return changed === 1;
}
