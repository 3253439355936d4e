import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  changedMigrationError,
  compareMigrations,
  readCommittedMigrations,
  type MigrationStatus,
} from '../migration-status.ts';

/**
 * The key of the session-level advisory lock every replica takes before it migrates. Fixed (not
 * derived from the database name): one tplus database per server is what we deploy, and any
 * other lock user picks its own keys.
 */
export const MIGRATION_LOCK_KEY = '7311090001';

// Prisma's own layout, so `prisma migrate status` reads the same rows we write.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

async function appliedChecksums(client: pg.ClientBase): Promise<Map<string, string>> {
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
}

/**
 * Applies prisma/postgresql/migrations in name order, each in its own transaction, recording it
 * in `_prisma_migrations` with Prisma's sha256 checksum (`prisma migrate deploy` cannot run
 * against PostgreSQL offline; see shared/notes/prisma-offline.md). Everything happens on one
 * connection holding the advisory lock, table creation included, so replicas starting together
 * on an empty database wait for each other and the first one migrates it. Returns the names it
 * applied; throws, applying nothing, when an applied migration was edited since.
 */
export async function applyPostgresMigrations(pool: pg.Pool, migrationsDir: string): Promise<string[]> {
  const committed = readCommittedMigrations(migrationsDir);
  const client = await pool.connect();
  let isLocked = false;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    isLocked = true;
    await client.query(CREATE_MIGRATIONS_TABLE);
    const status = compareMigrations(committed, await appliedChecksums(client));
    const [changed] = status.changed;
    if (changed !== undefined) throw changedMigrationError(changed);
    const newlyApplied: string[] = [];
    for (const migration of committed.filter((m) => status.pending.includes(m.name))) {
      await client.query('BEGIN');
      try {
        // No parameters: the simple query protocol runs the file's many statements in one call.
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    // A lost connection drops its session lock anyway; release it before the client goes back.
    const unlocked = isLocked
      ? await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).then(
          () => true,
          () => false,
        )
      : true;
    client.release(!unlocked);
  }
}

/** Read-only, for `tplus doctor`: a database never migrated has every migration pending. */
export async function postgresMigrationStatus(pool: pg.Pool, migrationsDir: string): Promise<MigrationStatus> {
  const committed = readCommittedMigrations(migrationsDir);
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"')::text AS table`,
    );
    const applied = rows[0]?.table ? await appliedChecksums(client) : new Map<string, string>();
    return compareMigrations(committed, applied);
  } finally {
    client.release();
  }
}
