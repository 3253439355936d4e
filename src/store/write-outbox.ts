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

/** An outbox row keyed `<prefix><n>`, inserted only when its `condition` (SQL, `?` values) holds. */
export interface NumberedOutboxRow {
  prefix: string;
  effect: OutboxEffect;
  dependsOnKey: string | null;
  at: Date;
  condition: string;
  conditionValues: readonly unknown[];
}

/**
 * Inserts outbox rows keyed `<prefix><n>`, n fresh for each row, with the key also in its
 * payload, each when its condition holds: one statement for all of them, no read. SQLite numbers
 * them after the largest id (one writer at a time, so the prefixes of one call must differ);
 * PostgreSQL takes the id sequence's next value, so two replicas writing at once never pick the
 * same key. Resolves to the number of rows inserted.
 */
export async function insertNumberedOutbox(
  tx: Prisma.TransactionClient,
  rows: readonly NumberedOutboxRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  if (new Set(rows.map((r) => r.prefix)).size !== rows.length)
    throw new Error('insertNumberedOutbox: one prefix twice in one statement');
  const isPostgres = dialectOf(tx) === 'postgresql';
  const payload = isPostgres ? `jsonb_set(CAST(? AS jsonb), '{key}', to_jsonb(k))::text` : `json_set(?, '$.key', k)`;
  const number = isPostgres
    ? `nextval(pg_get_serial_sequence('"OutboxMessage"', 'id'))`
    : `(SELECT COALESCE(MAX("id"), 0) + 1 FROM "OutboxMessage")`;
  // The branches of a UNION do not take their types from the target columns in PostgreSQL.
  const at = isPostgres ? 'CAST(? AS TIMESTAMP(3))' : '?';
  const selects = rows.map(
    (row) => `SELECT k, ?, ${payload}, ?, ${at}, ${at}
       FROM (SELECT CAST(? AS TEXT) || ${number} AS k) AS numbered
      WHERE ${row.condition}`,
  );
  return execute(
    tx,
    `INSERT INTO "OutboxMessage" ("key", "kind", "payload", "dependsOnKey", "nextAttemptAt", "createdAt")
     ${selects.join('\n     UNION ALL ')}`,
    ...rows.flatMap((row) => [
      row.effect.kind,
      JSON.stringify(row.effect),
      row.dependsOnKey,
      row.at,
      row.at,
      row.prefix,
      ...row.conditionValues,
    ]),
  );
}
