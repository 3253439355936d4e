import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import pg from 'pg';
import { numberPlaceholders } from '../../src/store/raw-sql.ts';
import { botCommand } from '../../bin/runtime.mjs';
import { BOT_TOKEN, projectRoot, SIGNING_SECRET } from './harness.ts';

export interface TplusProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: string[];
  kill9(): Promise<void>;
}

/**
 * Starts the real tplus process as it ships (the bundle test/global-setup.ts built, with the
 * production flags of bin/runtime.mjs) and resolves once it listens.
 */
export async function spawnTplus({
  databasePath,
  databaseUrl = `file:${databasePath}`,
  slackApiUrl,
  extraEnv = {},
}: {
  /** A SQLite file; or give `databaseUrl` (e.g. a PostgreSQL database). */
  databasePath?: string;
  databaseUrl?: string;
  slackApiUrl: string;
  extraEnv?: Record<string, string>;
}): Promise<TplusProcess> {
  const bot = botCommand();
  const child = spawn(bot.command, bot.args, {
    cwd: projectRoot,
    env: {
      ...bot.env,
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      PORT: '0',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      DATABASE_URL: databaseUrl,
      TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const { port } = await untilStarted(child, output);
  return {
    child,
    port,
    output,
    url: `http://127.0.0.1:${port}/slack/events`,
    kill9: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/**
 * Collects a tplus child's stdout and stderr lines into `output` and resolves with the port and pid
 * its 'tplus started' log line names; rejects if it exits first or says nothing for 20 s.
 */
export function untilStarted(child: ChildProcess, output: string[]): Promise<{ port: number; pid: number }> {
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tplus did not start:\n${output.join('\n')}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const record = JSON.parse(line) as { msg?: string; port?: number; pid?: number };
        if (record.msg === 'tplus started' && record.port) {
          clearTimeout(timer);
          resolve({ port: record.port, pid: record.pid ?? NaN });
        }
      } catch {
        /* not a log line */
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tplus exited with ${code}:\n${output.join('\n')}`));
    });
  });
}

/** One number from the process's SQLite file, read beside it (WAL lets a reader in). */
export function count(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** One number from either database, read beside the processes (`?` placeholders). */
export async function countIn(databaseUrl: string, sql: string, ...values: unknown[]): Promise<number> {
  if (databaseUrl.startsWith('file:')) {
    const db = new Database(databaseUrl.slice('file:'.length), { readonly: true });
    try {
      return Number((db.prepare(sql).get(...values) as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(numberPlaceholders(sql), values);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}
