import type Database from 'better-sqlite3';
import type { InboxEvent, PrismaClient } from '../generated/prisma/client.ts';
import type { InboxEntry, InboxStore, NewInboxEntry } from '../usecases/ports.ts';
import { toDbDate } from './db-date.ts';

const BUSY_RETRY_MS = 1;
const BUSY_GIVE_UP_MS = 2000;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

type AppendResult = Awaited<ReturnType<InboxStore['append']>>;
interface QueuedAppend {
  entry: NewInboxEntry;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export function createInboxStore({ raw, prisma }: { raw: Database.Database; prisma: PrismaClient }): InboxStore {
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

  return {
    append(entry: NewInboxEntry) {
      return new Promise<AppendResult>((resolve, reject) => {
        if (queue.length === 0 && busySince === undefined) setImmediate(flush);
        queue.push({ entry, resolve, reject });
      });
    },
    // Raw SQL on the per-event path: a Prisma query costs about 4x a raw one (see bench:engine).
    async pending(limit) {
      const rows = await prisma.$queryRawUnsafe<InboxEvent[]>(
        `SELECT * FROM InboxEvent WHERE state = 'pending' ORDER BY id LIMIT ?`,
        limit,
      );
      return rows.map(toEntry);
    },
    async get(id) {
      const row = await prisma.inboxEvent.findUnique({ where: { id } });
      return row ? toEntry(row) : undefined;
    },
    async markDone(id, outcome, at) {
      await prisma.$executeRawUnsafe(
        `UPDATE InboxEvent SET state = 'done', outcome = ?, processedAt = ? WHERE id = ? AND state = 'pending'`,
        outcome,
        toDbDate(at),
        id,
      );
    },
    async recordFailure(id, error, { isFinal, at }) {
      await prisma.inboxEvent.update({
        where: { id },
        data: {
          attempts: { increment: 1 },
          lastError: error.slice(0, 2000),
          ...(isFinal ? { state: 'failed', processedAt: at } : {}),
        },
      });
    },
    async counts() {
      const groups = await prisma.inboxEvent.groupBy({ by: ['state'], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.state, g._count._all]));
    },
  };
}

function toEntry(row: {
  id: number;
  source: string;
  dedupeKey: string;
  kind: string;
  body: string;
  receivedAt: Date;
  retryNum: number;
  state: string;
  attempts: number;
}): InboxEntry {
  return {
    id: row.id,
    source: row.source as InboxEntry['source'],
    dedupeKey: row.dedupeKey,
    kind: row.kind as InboxEntry['kind'],
    body: row.body,
    receivedAt: row.receivedAt,
    retryNum: row.retryNum,
    state: row.state as InboxEntry['state'],
    attempts: row.attempts,
  };
}
