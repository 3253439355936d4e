import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Applies the committed SQL migrations in prisma/migrations, recording them in Prisma's own
 * `_prisma_migrations` table with the same sha256 checksum, so `prisma migrate status/deploy`
 * agree with us. Running the Prisma CLI at every start costs about 2 s (measured), which the
 * crash/restart tests and operators would pay on every restart.
 */
export function applyMigrations(db: Database.Database, migrationsDir: string): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const applied = new Map(
    (
      db
        .prepare(
          'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .all() as {
        migration_name: string;
        checksum: string;
      }[]
    ).map((row) => [row.migration_name, row.checksum]),
  );
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
  const newlyApplied: string[] = [];
  for (const name of names) {
    const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const known = applied.get(name);
    if (known !== undefined) {
      if (known !== checksum) throw new Error(`migration ${name} was changed after it was applied (checksum differs)`);
      continue;
    }
    // IMMEDIATE: a second process starting at the same moment waits instead of applying twice.
    db.transaction(() => {
      const raced = db
        .prepare('SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL')
        .get(name);
      if (raced) return;
      db.exec(sql);
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, strftime('%s','now')*1000, ?, strftime('%s','now')*1000, 1)`,
      ).run(randomUUID(), checksum, name);
      newlyApplied.push(name);
    }).immediate();
  }
  return newlyApplied;
}
