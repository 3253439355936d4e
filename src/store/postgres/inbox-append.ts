import type pg from 'pg';
import type { AppendResult, InboxAppend } from '../database-port.ts';
import type { NewInboxEntry } from '../../usecases/ports.ts';
import { toDbDate } from '../db-date.ts';

interface QueuedAppend {
  entry: NewInboxEntry;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const COLUMNS = 6;
const MAX_BATCH = 1000;

/**
 * The intake insert on PostgreSQL: requests that arrive in the same turn of the event loop go in
 * one INSERT (one commit, one round trip), and each resolves once it is committed. The unique
 * dedupe key decides duplicates, also between replicas.
 */
export function postgresInboxAppend(pool: pg.Pool): InboxAppend {
  const queue: QueuedAppend[] = [];

  async function flush(): Promise<void> {
    // At most MAX_BATCH rows a statement (PostgreSQL binds up to 65,535 values); the rest next.
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) setImmediate(() => void flush());
    const values = batch.flatMap(({ entry }) => [
      entry.source,
      entry.dedupeKey,
      entry.kind,
      entry.body,
      toDbDate(entry.receivedAt),
      entry.retryNum,
    ]);
    const rows = batch.map(
      (_, i) => `(${Array.from({ length: COLUMNS }, (__, c) => `$${i * COLUMNS + c + 1}`).join(', ')})`,
    );
    try {
      const result = await pool.query<{ id: number; dedupeKey: string }>(
        `INSERT INTO "InboxEvent" ("source", "dedupeKey", "kind", "body", "receivedAt", "retryNum")
         VALUES ${rows.join(', ')} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`,
        values,
      );
      const ids = new Map(result.rows.map((row) => [row.dedupeKey, row.id]));
      for (const { entry, resolve } of batch) {
        const id = ids.get(entry.dedupeKey);
        // A key twice in one batch: the first is the insert, the second its duplicate.
        ids.delete(entry.dedupeKey);
        resolve(
          id === undefined
            ? { isDuplicate: true }
            : { isDuplicate: false, entry: { ...entry, id, state: 'pending', attempts: 0 } },
        );
      }
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  return (entry) =>
    new Promise<AppendResult>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void flush());
      queue.push({ entry, resolve, reject });
    });
}
