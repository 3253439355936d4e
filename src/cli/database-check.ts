import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describeOpenFailure, parseDatabaseUrl } from '../store/database-url.ts';
import { migrationStatus, readCommittedMigrations, type MigrationStatus } from '../store/migration-status.ts';
import { postgresMigrationStatus } from '../store/postgres/migrate.ts';
import { postgresMigrationsDir } from '../store/postgres/open-postgres.ts';
import { sqlitePath } from '../store/sqlite-database.ts';

function describeStatus({ applied, pending, changed }: MigrationStatus): string {
  if (changed.length > 0)
    return `migrations CHANGED after they were applied: ${changed.join(', ')} (the start refuses them)`;
  if (pending.length > 0)
    return `${pending.length} migration(s) pending, applied at the next start: ${pending.join(', ')}`;
  return `migrations current (${applied.length} applied)`;
}

/**
 * `tplus doctor`'s database line: which database, and whether its migrations are current. It
 * only reads (a doctor never migrates). `error` is the one line to print when it cannot be read.
 */
export async function databaseLine(
  databaseUrl: string,
  projectRoot: string,
): Promise<{ line: string; error?: string }> {
  const target = parseDatabaseUrl(databaseUrl);
  const migrationsDir = join(projectRoot, 'prisma/migrations');
  if (target.kind === 'sqlite') {
    const path = sqlitePath(databaseUrl);
    if (!existsSync(path)) {
      const count = readCommittedMigrations(migrationsDir).length;
      return {
        line: `database: SQLite ${path} (not created yet: the first start creates it and applies ${count} migrations)`,
      };
    }
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return { line: `database: SQLite ${path}; ${describeStatus(migrationStatus(db, migrationsDir))}` };
      } finally {
        db.close();
      }
    } catch (error) {
      const message = describeOpenFailure(target, error);
      return { line: `database: ${message}`, error: message };
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 1, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {});
  try {
    const status = await postgresMigrationStatus(pool, postgresMigrationsDir(migrationsDir));
    return { line: `database: PostgreSQL ${target.location} as ${target.user}; ${describeStatus(status)}` };
  } catch (error) {
    const message = describeOpenFailure(target, error);
    return { line: `database: ${message}`, error: message };
  } finally {
    await pool.end().catch(() => {});
  }
}
