import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/store/database.ts';
import { projectRoot } from './harness.ts';
import { createTestDatabase } from './postgres-database.ts';

/** Both databases tplus runs on: suites that touch SQL run once for each (`describe.each`). */
export const DATABASE_KINDS = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** A fresh, empty database of that kind: a SQLite file, or a database on the test server. */
export async function freshDatabaseUrl(
  kind: DatabaseKind,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'postgresql') return createTestDatabase(prefix);
  const dir = mkdtempSync(join(tmpdir(), `tplus-${prefix}-`));
  return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh, migrated database for each test of the calling `describe`, closed and deleted after
 * it. Read `.db` inside a test (it is replaced before each one).
 */
export function tempDatabase(prefix: string, kind: DatabaseKind = 'sqlite'): { readonly db: OpenDatabase } {
  let fresh: { drop(): Promise<void> } | undefined;
  let db: OpenDatabase | undefined;
  beforeEach(async () => {
    const target = await freshDatabaseUrl(kind, prefix);
    fresh = target;
    db = await openDatabase({ databaseUrl: target.url, migrationsDir: join(projectRoot, 'prisma/migrations') });
  });
  afterEach(async () => {
    await db?.close();
    await fresh?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('tempDatabase: used outside a test');
      return db;
    },
  };
}
