import { buildBundle } from '../bin/build.mjs';
import { startPostgres, type PostgresServer } from './support/postgres-server.ts';
import { TEST_POSTGRES_URL_ENV } from './support/postgres-database.ts';

let postgres: PostgresServer | undefined;

/**
 * Tests of the real process run the bundle that ships, built from the sources being tested. One
 * PostgreSQL server serves the whole run: its admin URL is put in the environment here, before
 * vitest forks its workers, so every test file (and every process a test spawns) sees it. Tests
 * take a database of their own from it with createTestDatabase().
 */
export async function setup(): Promise<void> {
  const [server] = await Promise.all([startPostgres(), buildBundle()]);
  postgres = server;
  process.env[TEST_POSTGRES_URL_ENV] = server.url;
}

export async function teardown(): Promise<void> {
  await postgres?.stop();
}
