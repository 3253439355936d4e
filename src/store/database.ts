import { openSqlite } from './sqlite-database.ts';
import { openPostgres, postgresMigrationsDir } from './postgres/open-postgres.ts';
import { describeOpenFailure, parseDatabaseUrl } from './database-url.ts';
import type { OpenDatabase } from './database-port.ts';

export type { OpenDatabase } from './database-port.ts';
export { sqlitePath } from './sqlite-database.ts';

/** A database that could not be opened: the message is one line, without credentials. */
export class DatabaseOpenError extends Error {}

/**
 * Opens DATABASE_URL's database and applies pending migrations: a `file:` URL is SQLite (its
 * migrations in `migrationsDir`), `postgresql://` is PostgreSQL (prisma/postgresql/migrations).
 */
export async function openDatabase({
  databaseUrl,
  migrationsDir,
  poolSize = 10,
  onError,
}: {
  databaseUrl: string;
  migrationsDir: string;
  /** PostgreSQL connections per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /**
   * Errors seen after the start, logged and survived: PostgreSQL's connection errors (a server
   * restart, then reconnected), SQLite's background checkpoints (retried).
   */
  onError?: (error: unknown) => void;
}): Promise<OpenDatabase> {
  const target = parseDatabaseUrl(databaseUrl);
  try {
    return target.kind === 'sqlite'
      ? await openSqlite({ databaseUrl, migrationsDir, onError })
      : await openPostgres({
          url: target.url,
          location: target.location,
          migrationsDir: postgresMigrationsDir(migrationsDir),
          poolSize,
          onError: onError ?? (() => {}),
        });
  } catch (error) {
    throw new DatabaseOpenError(describeOpenFailure(target, error), { cause: error });
  }
}
