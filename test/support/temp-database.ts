import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/store/database.ts';
import { projectRoot } from './harness.ts';

/**
 * A fresh, migrated SQLite file for each test of the calling `describe`, closed and deleted after
 * it. Read `.db` inside a test (it is replaced before each one).
 */
export function tempDatabase(prefix: string): { readonly db: OpenDatabase } {
  let dir: string | undefined;
  let db: OpenDatabase | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `tplus-${prefix}-`));
    db = await openDatabase({
      databaseUrl: `file:${join(dir, 'test.db')}`,
      migrationsDir: join(projectRoot, 'prisma/migrations'),
    });
  });
  afterEach(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!db) throw new Error('tempDatabase: used outside a test');
      return db;
    },
  };
}
