import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPostgresMigrations, postgresMigrationStatus } from '../../../src/store/postgres/migrate.ts';
import { readCommittedMigrations } from '../../../src/store/migration-status.ts';
import { createTestDatabase } from '../../support/postgres-database.ts';
import { projectRoot } from '../../support/harness.ts';

const committedDir = join(projectRoot, 'prisma/postgresql/migrations');
const committed = readCommittedMigrations(committedDir).map((migration) => migration.name);
const init = '20261205150000_init';

describe('PostgreSQL migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pools: pg.Pool[];
  let migrationsDir: string;
  const newPool = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    pools.push(pool);
    return pool;
  };

  beforeEach(async () => {
    database = await createTestDatabase('migrate');
    pools = [];
    // A copy the tests may add to or edit.
    migrationsDir = mkdtempSync(join(tmpdir(), 'tplus-pg-migrations-'));
    cpSync(committedDir, migrationsDir, { recursive: true });
  });
  afterEach(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  const addMigration = (name: string, sql: string) => {
    mkdirSync(join(migrationsDir, name));
    writeFileSync(join(migrationsDir, name, 'migration.sql'), sql);
  };
  const recorded = async (pool: pg.Pool) =>
    (
      await pool.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
        'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      )
    ).rows;

  it('creates every table of the schema on a fresh database, once', async () => {
    const pool = newPool();
    const applied = await applyPostgresMigrations(pool, migrationsDir);
    expect(applied).toEqual(committed);
    const { rows } = await pool.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const tables = rows.map((row) => row.name);
    for (const table of ['InboxEvent', 'Ticket', 'Incident', 'OutboxMessage', 'ResponderGroup', '_prisma_migrations']) {
      expect(tables).toContain(table);
    }
    expect(await recorded(pool)).toEqual(
      committed.map((name) => ({
        migration_name: name,
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        applied_steps_count: 1,
      })),
    );
    expect(await applyPostgresMigrations(pool, migrationsDir)).toEqual([]);
    expect(await recorded(pool)).toHaveLength(committed.length);
  });

  it('applies only a migration added since the last start', async () => {
    const pool = newPool();
    await applyPostgresMigrations(pool, migrationsDir);
    addMigration('29991231000000_probe', 'CREATE TABLE "Probe" ("id" INTEGER);\n');
    expect(await applyPostgresMigrations(pool, migrationsDir)).toEqual(['29991231000000_probe']);
    expect((await recorded(pool)).map((row) => row.migration_name)).toEqual([...committed, '29991231000000_probe']);
  });

  it('refuses a migration that was changed after it was applied, and applies nothing after it', async () => {
    const pool = newPool();
    await applyPostgresMigrations(pool, migrationsDir);
    appendFileSync(join(migrationsDir, init, 'migration.sql'), '\n-- edited\n');
    addMigration('29991231000000_probe', 'CREATE TABLE "Probe" ("id" INTEGER);\n');
    await expect(applyPostgresMigrations(pool, migrationsDir)).rejects.toThrow(
      `migration ${init} was changed after it was applied (checksum differs)`,
    );
    const status = await postgresMigrationStatus(pool, migrationsDir);
    expect(status).toEqual({
      applied: committed,
      pending: ['29991231000000_probe'],
      changed: [init],
    });
  });

  it('rolls back a migration that fails and records nothing for it', async () => {
    const pool = newPool();
    await applyPostgresMigrations(pool, migrationsDir);
    addMigration('29991231000000_broken', 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT nope;\n');
    await expect(applyPostgresMigrations(pool, migrationsDir)).rejects.toThrow(/nope/);
    expect((await recorded(pool)).map((row) => row.migration_name)).toEqual(committed);
    expect((await pool.query(`SELECT to_regclass('"Half"') AS t`)).rows[0]).toEqual({ t: null });
  });

  it('migrates an empty database once when two replicas start at the same moment', async () => {
    const results = await Promise.all([
      applyPostgresMigrations(newPool(), migrationsDir),
      applyPostgresMigrations(newPool(), migrationsDir),
    ]);
    // One replica applied them all; the other, having waited for the lock, found nothing to do.
    expect(results.map((names) => names.length).sort()).toEqual([0, committed.length]);
    expect((await recorded(newPool())).map((row) => row.migration_name)).toEqual(committed);
  });

  it('reports every migration pending before and none after', async () => {
    const pool = newPool();
    expect(await postgresMigrationStatus(pool, migrationsDir)).toEqual({
      applied: [],
      pending: committed,
      changed: [],
    });
    await applyPostgresMigrations(pool, migrationsDir);
    expect(await postgresMigrationStatus(pool, migrationsDir)).toEqual({
      applied: committed,
      pending: [],
      changed: [],
    });
  });
});
