import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by test/global-setup.ts: the admin URL of the PostgreSQL server started for this run. */
export const TEST_POSTGRES_URL_ENV = 'TPLUS_TEST_POSTGRES_URL';

export function testPostgresUrl(): string {
  const url = process.env[TEST_POSTGRES_URL_ENV];
  if (!url) throw new Error(`${TEST_POSTGRES_URL_ENV} is not set: test/global-setup.ts starts the server`);
  return url;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the test server (or on `adminUrl`), uniquely named from `prefix`.
 * `drop()` removes it even while connections to it are still open.
 */
export async function createTestDatabase(
  prefix: string,
  adminUrl: string = testPostgresUrl(),
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const name = `${safePrefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
