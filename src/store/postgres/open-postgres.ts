import { join, resolve } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresPrismaClient } from '../../generated/prisma-pg/client.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { OpenDatabase } from '../database-port.ts';
import { numberPlaceholders } from '../raw-sql.ts';
import { applyPostgresMigrations } from './migrate.ts';
import { postgresInboxAppend } from './inbox-append.ts';
import { postgresExclusiveLock } from './exclusive-lock.ts';

/** PostgreSQL's migrations sit beside SQLite's: prisma/postgresql/migrations. */
export const postgresMigrationsDir = (sqliteMigrationsDir: string) =>
  join(resolve(sqliteMigrationsDir), '..', 'postgresql', 'migrations');

/**
 * One pool per replica, shared by Prisma's adapter and the few statements sent beside it (the
 * intake insert, scrapes); the once-a-minute lock has a connection of its own.
 */
export async function openPostgres({
  url,
  location,
  migrationsDir,
  poolSize,
  onError,
}: {
  url: string;
  location: string;
  migrationsDir: string;
  poolSize: number;
  onError: (error: unknown) => void;
}): Promise<OpenDatabase> {
  const config = { connectionString: url, connectionTimeoutMillis: 5000 };
  const pool = new pg.Pool({ ...config, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped (a restart) is reported here; without a listener the
  // process would exit. The pool opens a new one on the next query.
  pool.on('error', onError);
  try {
    const migrated = await applyPostgresMigrations(pool, migrationsDir);
    const prisma = new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;
    await prisma.$connect();
    const exclusiveLock = postgresExclusiveLock(config, onError);
    return {
      kind: 'postgresql',
      location,
      prisma,
      appendInbox: postgresInboxAppend(pool),
      async read<T>(sql: string, ...values: unknown[]) {
        return (await pool.query(numberPlaceholders(sql), values)).rows as T[];
      },
      exclusiveLock,
      async ping() {
        try {
          await pool.query('SELECT 1');
          return true;
        } catch {
          return false;
        }
      },
      migrated,
      async close() {
        await exclusiveLock.close();
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
