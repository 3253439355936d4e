import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { OpenDatabase } from './database-port.ts';
import { applyMigrations } from './migrate.ts';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from './sqlite-checkpointer.ts';
import { sqliteInboxAppend } from './sqlite-inbox-append.ts';
import { cachingSqliteAdapter } from './statement-cache.ts';

/**
 * Each connection's page cache, in KiB. better-sqlite3 builds SQLite with a 16 MiB default (SQLite's
 * own is 2 MiB), and a cache fills as the file grows: over the 10-minute soak at 2,000 tickets/min
 * the two connections' caches were most of the RSS growth (heaptrack: 14 MB of cached pages held
 * after a 5-minute soak, while the JavaScript heap's live size grew 1.2 MB in 7 minutes). With
 * this bound the soak's RSS grew 1.5 and 3.2 % (minute 2 to 10) in two runs, against 11 %. A page
 * not cached is read from the operating system's cache of the file: in alternating runs against
 * 16 MiB, bench:engine's drain of 10,000 steps took 14.7 and 15.8 s against 14.0 and 14.4 s (about
 * 7 % slower), its peak RSS was 187 and 184 MB against 200 and 191, and intake acks/s at 10
 * connections did not change (median of 6 runs each, 8,600/s against 8,470/s).
 */
export const PAGE_CACHE_KIB = 2048;

export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.replace(/^file:/, ''));
}

/** Opens the SQLite file, applies pending migrations, and returns both connections. */
export async function openSqlite({
  databaseUrl,
  migrationsDir,
  onError,
}: {
  databaseUrl: string;
  migrationsDir: string;
  /** Set for a long-running process: checkpoints then run on a worker thread (sqlite-checkpointer.ts). */
  onError?: (error: unknown) => void;
}): Promise<OpenDatabase & { path: string }> {
  const path = sqlitePath(databaseUrl);
  mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path, { timeout: 5000 });
  // WAL lets readers run beside the writer; synchronous=NORMAL keeps every commit across a
  // process crash (kill -9), which is the failure the inbox guards against, at ~23 µs a commit.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const migrated = applyMigrations(raw, migrationsDir);
  // The intake connection must never block the event loop waiting for a lock that Prisma's
  // transaction (held across awaits on the other connection) can only release on a later tick.
  raw.pragma('busy_timeout = 0');
  const prisma = new PrismaClient({ adapter: cachingSqliteAdapter({ url: `file:${path}`, timeout: 5000 }) });
  await prisma.$connect();
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  await prisma.$queryRawUnsafe(`PRAGMA cache_size = -${PAGE_CACHE_KIB}`);
  const checkpointer = onError && startCheckpointer(path, (message) => onError(new Error(`checkpoint: ${message}`)));
  if (checkpointer) {
    raw.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    await prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  }
  // Reads beside Prisma (scrapes, the status page's version) run synchronously on the raw
  // connection: indexed, and they never wait for Prisma's write lock (WAL readers do not).
  const statements = new Map<string, Database.Statement>();
  return {
    kind: 'sqlite',
    location: path,
    path,
    prisma,
    appendInbox: sqliteInboxAppend(raw),
    async read<T>(sql: string, ...values: unknown[]) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = raw.prepare(sql)));
      return statement.all(...values) as T[];
    },
    // Several processes on one file each run the once-a-minute checks; their writes are keyed.
    exclusiveLock: { holds: async () => true },
    async ping() {
      return raw.open;
    },
    migrated,
    async close() {
      await checkpointer?.close();
      await prisma.$disconnect();
      raw.close();
    },
  };
}
