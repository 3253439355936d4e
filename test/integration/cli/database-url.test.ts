import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botCommand } from '../../../bin/runtime.mjs';
import { projectRoot } from '../../support/harness.ts';
import { createTestDatabase, testPostgresUrl } from '../../support/postgres-database.ts';

const PASSWORD = 'right-horse-battery';
const WRONG = 'wrong-horse-staple';

/** Runs `tplus start` (the shipped bundle) or `tplus doctor` with this DATABASE_URL. */
function run(what: 'start' | 'doctor', databaseUrl: string) {
  const env = {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-database-url',
    SLACK_SIGNING_SECRET: 'database-url-secret',
    TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
    DATABASE_URL: databaseUrl,
  };
  const bot = botCommand();
  const [command, args] =
    what === 'start' ? [bot.command, bot.args] : [process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'doctor']];
  const result = spawnSync(command, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...(what === 'start' ? bot.env : {}), ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('a bad DATABASE_URL', () => {
  let url: URL;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    // A role that must give its password: scram for it alone on the run's server (others keep trust).
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS pwuser`);
    await admin.query(`CREATE ROLE pwuser LOGIN PASSWORD '${PASSWORD}'`);
    const { rows } = await admin.query<{ hba_file: string }>('SHOW hba_file');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const hba = rows[0]!.hba_file;
    const rule = 'host all pwuser 127.0.0.1/32 scram-sha-256';
    if (!readFileSync(hba, 'utf8').includes(rule)) writeFileSync(hba, `${rule}\n${readFileSync(hba, 'utf8')}`);
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
    const database = await createTestDatabase('badurl');
    drop = database.drop;
    url = new URL(database.url);
  });
  afterAll(async () => drop());

  const withUser = (password: string, host = url.host) => `postgresql://pwuser:${password}@${host}${url.pathname}`;

  it.each([
    [
      'an unknown scheme',
      `mysql://pwuser:${WRONG}@db.internal/tplus`,
      /DATABASE_URL: must start with file: \(SQLite\) or postgresql:\/\/ \(PostgreSQL\), not mysql:/,
    ],
    [
      'an unreachable host',
      () => withUser(WRONG, '127.0.0.1:1'),
      /cannot reach PostgreSQL at 127\.0\.0\.1:1\/badurl_\w+: connection refused$/,
    ],
    [
      'a wrong password',
      () => withUser(WRONG),
      /PostgreSQL at 127\.0\.0\.1:\d+\/badurl_\w+ refused the login of user pwuser \(wrong password or no access\)$/,
    ],
  ])(
    '%s: one clear line at start and from doctor, never the password',
    (_what, given, expected) => {
      const databaseUrl = typeof given === 'function' ? given() : given;
      for (const what of ['start', 'doctor'] as const) {
        const result = run(what, databaseUrl);
        expect(result.status, `${what}: ${result.stderr}`).not.toBe(0);
        expect(result.stderr.split('\n').filter((l) => l.trim() !== '').length, result.stderr).toBeLessThanOrEqual(2);
        expect(result.stderr).toMatch(expected);
        expect(`${result.stdout}${result.stderr}`).not.toContain(WRONG);
      }
    },
    60_000,
  );

  it('the right password opens it: doctor names the database and its pending migrations, not the password', () => {
    const result = run('doctor', withUser(PASSWORD));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^database: PostgreSQL 127\.0\.0\.1:\d+\/badurl_\w+ as pwuser; \d+ migration\(s\) pending/m,
    );
    expect(result.stdout).not.toContain(PASSWORD);
  }, 30_000);
});
