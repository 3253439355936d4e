import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPostgresMigrations } from '../../../src/store/postgres/migrate.ts';
import { projectRoot } from '../../support/harness.ts';
import { createTestDatabase, testPostgresUrl } from '../../support/postgres-database.ts';
import { postgresBinDir } from '../../support/postgres-server.ts';

const run = promisify(execFile);
const created: { drop(): Promise<void> }[] = [];

async function freshDatabase(prefix: string): Promise<string> {
  const database = await createTestDatabase(prefix);
  created.push(database);
  return database.url;
}

/** The SQL Prisma writes for the whole current PostgreSQL schema, as for a first migration. */
async function schemaFromEmpty(): Promise<string> {
  // The CLI's PostgreSQL adapter connects before it diffs; it changes nothing on the server.
  const { stdout } = await run(
    join(projectRoot, 'node_modules/.bin/prisma'),
    ['migrate', 'diff', '--config', 'prisma.pg.config.ts', '--from-empty'].concat([
      '--to-schema-datamodel',
      'prisma/postgresql/schema.prisma',
      '--script',
    ]),
    { cwd: projectRoot, env: { ...process.env, DATABASE_URL_POSTGRES: testPostgresUrl() } },
  );
  return stdout;
}

/**
 * pg_dump's schema, comparable across two ways of building it: no comments or session-bound
 * lines, and each table's columns sorted (a column added by a later migration comes last, where
 * a schema built in one go has it in the model's order).
 */
async function dumpSchema(url: string): Promise<string> {
  const { stdout } = await run(join(postgresBinDir(), 'pg_dump'), [
    '--schema-only',
    '--no-owner',
    '--exclude-table=_prisma_migrations',
    url,
  ]);
  const lines = stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('--') && !/^\\(un)?restrict /.test(line));
  const normalised: string[] = [];
  let columns: string[] | undefined;
  for (const line of lines) {
    if (columns && line === ');') {
      normalised.push(...columns.sort(), line);
      columns = undefined;
    } else if (columns) columns.push(line.replace(/,$/, ''));
    else {
      normalised.push(line);
      if (/^CREATE TABLE .* \($/.test(line)) columns = [];
    }
  }
  return normalised.join('\n');
}

describe('the PostgreSQL schema', () => {
  afterAll(async () => {
    await Promise.all(created.map((database) => database.drop()));
  });

  it('is what scripts/postgres-schema.mjs writes from prisma/schema.prisma', async () => {
    await expect(
      run(process.execPath, ['scripts/postgres-schema.mjs', '--check'], { cwd: projectRoot }),
    ).resolves.toBeDefined();
  });

  it(
    'built by the committed migrations equals the schema built in one go (npm run migration:postgres)',
    { timeout: 90_000 },
    async () => {
      const migratedUrl = await freshDatabase('schema_migrated');
      const migrated = new pg.Pool({ connectionString: migratedUrl, max: 1 });
      try {
        await applyPostgresMigrations(migrated, join(projectRoot, 'prisma/postgresql/migrations'));
      } finally {
        await migrated.end();
      }
      const directUrl = await freshDatabase('schema_direct');
      const direct = new pg.Client({ connectionString: directUrl });
      await direct.connect();
      try {
        await direct.query(await schemaFromEmpty());
      } finally {
        await direct.end();
      }
      const hint =
        'prisma/schema.prisma changed without its PostgreSQL migration: npm run migration:postgres -- <name>';
      expect(await dumpSchema(migratedUrl), hint).toEqual(await dumpSchema(directUrl));
    },
  );
});
