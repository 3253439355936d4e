import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src/store/migrate.ts';
import { migrationStatus, readCommittedMigrations } from '../../../src/store/migration-status.ts';
import { projectRoot } from '../../support/harness.ts';

describe('SQLite migration status', () => {
  let dir: string;
  let migrationsDir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-migration-status-'));
    migrationsDir = join(dir, 'migrations');
    cpSync(join(projectRoot, 'prisma/migrations'), migrationsDir, { recursive: true });
    db = new Database(join(dir, 'test.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports every migration pending on a new file, and creates nothing there', () => {
    const names = readCommittedMigrations(migrationsDir).map((migration) => migration.name);
    expect(migrationStatus(db, migrationsDir)).toEqual({ applied: [], pending: names, changed: [] });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });

  it('reports none pending once migrated, and names a migration edited since', () => {
    applyMigrations(db, migrationsDir);
    const names = readCommittedMigrations(migrationsDir).map((migration) => migration.name);
    expect(migrationStatus(db, migrationsDir)).toEqual({ applied: names, pending: [], changed: [] });
    const first = names[0] ?? '';
    appendFileSync(join(migrationsDir, first, 'migration.sql'), '\n-- edited\n');
    expect(migrationStatus(db, migrationsDir).changed).toEqual([first]);
  });
});
