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
  onError = () => {},
}: {
  databaseUrl: string;
  migrationsDir: string;
  /** PostgreSQL connections per process (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Connection errors seen after the start (a server restart): logged, then reconnected. */
  onError?: (error: unknown) => void;
}): Promise<OpenDatabase> {
  const target = parseDatabaseUrl(databaseUrl);
  try {
    return target.kind === 'sqlite'
      ? await openSqlite({ databaseUrl, migrationsDir })
      : await openPostgres({
          url: target.url,
          location: target.location,
          migrationsDir: postgresMigrationsDir(migrationsDir),
          poolSize,
          onError,
        });
  } catch (error) {
    throw new DatabaseOpenError(describeOpenFailure(target, error), { cause: error });
  }
}
