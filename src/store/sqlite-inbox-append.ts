import type Database from 'better-sqlite3';
import type { AppendResult, InboxAppend } from './database-port.ts';
import type { NewInboxEntry } from '../usecases/ports.ts';
import { toDbDate } from './db-date.ts';

const BUSY_RETRY_MS = 1;
const BUSY_GIVE_UP_MS = 2000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

interface QueuedAppend {
  entry: NewInboxEntry;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** The intake insert on SQLite: a raw better-sqlite3 connection, group-committed. */
export function sqliteInboxAppend(raw: Database.Database): InboxAppend {
  const insert = raw.prepare(
    `INSERT INTO InboxEvent (source, dedupeKey, kind, body, receivedAt, retryNum) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(dedupeKey) DO NOTHING`,
  );
  // Group commit: requests that arrive in the same turn of the event loop are committed in one
  // transaction, which costs about one commit instead of one each. Each resolves only after it.
  const insertAll = raw.transaction((batch: QueuedAppend[]) =>
    batch.map(({ entry }) =>
      insert.run(entry.source, entry.dedupeKey, entry.kind, entry.body, toDbDate(entry.receivedAt), entry.retryNum),
    ),
  );
  let queue: QueuedAppend[] = [];
  let busySince: number | undefined;

  function flush(): void {
    const batch = queue;
    queue = [];
    try {
      const infos = insertAll(batch);
      busySince = undefined;
      batch.forEach(({ entry, resolve }, i) => {
        const info = infos[i] as Database.RunResult;
        resolve(
          info.changes === 0
            ? { isDuplicate: true }
            : {
                isDuplicate: false,
                entry: { ...entry, id: Number(info.lastInsertRowid), state: 'pending', attempts: 0 },
              },
        );
      });
    } catch (error) {
      // Another connection holds the write lock (a Prisma transaction between awaits): yield to
      // the event loop so it can finish, then try the same batch again.
      busySince ??= Date.now();
      if (isBusy(error) && Date.now() - busySince <= BUSY_GIVE_UP_MS) {
        queue = batch.concat(queue);
        setTimeout(flush, BUSY_RETRY_MS);
        return;
      }
      busySince = undefined;
      for (const { reject } of batch) reject(error);
    }
  }

  return (entry: NewInboxEntry) =>
    new Promise<AppendResult>((resolve, reject) => {
      if (queue.length === 0 && busySince === undefined) setImmediate(flush);
      queue.push({ entry, resolve, reject });
    });
}
