import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations } from './migrate.ts';
import { cachingSqliteAdapter } from './statement-cache.ts';

export interface OpenDatabase {
  prisma: PrismaClient;
  /** A raw connection for the intake hot path (see InboxStore). */
  raw: Database.Database;
  path: string;
  close(): Promise<void>;
}

export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.replace(/^file:/, ''));
}

/** Opens the SQLite file, applies pending migrations, and returns both connections. */
export async function openDatabase({
  databaseUrl,
  migrationsDir,
}: {
  databaseUrl: string;
  migrationsDir: string;
}): Promise<OpenDatabase> {
  const path = sqlitePath(databaseUrl);
  mkdirSync(dirname(path), { recursive: true });
  const raw = new Database(path, { timeout: 5000 });
  // WAL lets readers run beside the writer; synchronous=NORMAL keeps every commit across a
  // process crash (kill -9), which is the failure the inbox guards against, at ~23 µs a commit.
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  applyMigrations(raw, migrationsDir);
  // The intake connection must never block the event loop waiting for a lock that Prisma's
  // transaction (held across awaits on the other connection) can only release on a later tick.
  raw.pragma('busy_timeout = 0');
  const prisma = new PrismaClient({ adapter: cachingSqliteAdapter({ url: `file:${path}`, timeout: 5000 }) });
  await prisma.$connect();
  await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return {
    prisma,
    raw,
    path,
    async close() {
      await prisma.$disconnect();
      raw.close();
    },
  };
}
