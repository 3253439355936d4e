import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/** One committed migration: its folder name, its SQL and Prisma's checksum of that SQL. */
export interface CommittedMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** What `tplus doctor` shows: applied and pending by name; `changed` were edited after applying. */
export interface MigrationStatus {
  applied: string[];
  pending: string[];
  changed: string[];
}

/** The `<name>/migration.sql` folders of a migrations directory, in name (= time) order. */
export function readCommittedMigrations(migrationsDir: string): CommittedMigration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Pure: compares the committed migrations with the rows of `_prisma_migrations` that finished. */
export function compareMigrations(
  committed: CommittedMigration[],
  appliedChecksums: ReadonlyMap<string, string>,
): MigrationStatus {
  const status: MigrationStatus = { applied: [], pending: [], changed: [] };
  for (const { name, checksum } of committed) {
    const known = appliedChecksums.get(name);
    if (known === undefined) status.pending.push(name);
    else {
      status.applied.push(name);
      if (known !== checksum) status.changed.push(name);
    }
  }
  return status;
}

/** The error both migrators throw for an applied migration whose file was edited since. */
export function changedMigrationError(name: string): Error {
  return new Error(`migration ${name} was changed after it was applied (checksum differs)`);
}

/**
 * Read-only: which committed SQLite migrations the database has and which it lacks. A database
 * that was never migrated has no `_prisma_migrations` table: everything is pending.
 */
export function migrationStatus(db: Database.Database, migrationsDir: string): MigrationStatus {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  const rows = hasTable
    ? (db
        .prepare(
          'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .all() as { migration_name: string; checksum: string }[])
    : [];
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  return compareMigrations(readCommittedMigrations(migrationsDir), applied);
}
