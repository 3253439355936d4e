import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import seedrandom from 'seedrandom';
import { numberPlaceholders } from '../../src/store/raw-sql.ts';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import type { PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import { PD, projectRoot, SIGNING_SECRET } from './harness.ts';
import type { TplusProcess } from './process.ts';

/** A seeded generator (seedrandom), so a failing run can be replayed with TPLUS_TEST_SEED. */
export function seeded(seed: number): () => number {
  return seedrandom(String(seed));
}

export function testSeed(): number {
  return Number(process.env.TPLUS_TEST_SEED ?? Date.now() % 100_000);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rows from a PostgreSQL database, read beside the processes (`?` placeholders, quoted identifiers). */
export async function rowsIn<T>(databaseUrl: string, sql: string, ...values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(numberPlaceholders(sql), values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The PostgreSQL migrations tplus ships, by folder name. */
export function shippedPostgresMigrations(): string[] {
  return readdirSync(join(projectRoot, 'prisma/postgresql/migrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The environment that points a replica at the PagerDuty emulator. */
export function pagerDutyEnv(pagerduty: PagerDutyEmulator): Record<string, string> {
  return {
    PAGERDUTY_ROUTING_KEY: PD.routingKey,
    PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
    PAGERDUTY_API_TOKEN: PD.apiToken,
    PAGERDUTY_API_URL: pagerduty.apiUrl,
    PAGERDUTY_WEBHOOK_SECRET: PD.webhookSecret,
  };
}

export interface Health {
  httpStatus: number;
  status?: string;
  replica?: string;
  database?: { kind: string; isReachable: boolean };
}

/** GET /healthz of a replica; `httpStatus` 0 when it does not answer within 2 s. */
export async function healthOf(proc: TplusProcess): Promise<Health> {
  try {
    const response = await fetch(`http://127.0.0.1:${proc.port}/healthz`, { signal: AbortSignal.timeout(2000) });
    return { httpStatus: response.status, ...((await response.json()) as Omit<Health, 'httpStatus'>) };
  } catch {
    return { httpStatus: 0 };
  }
}

export interface Delivery {
  /** Every answer, in order: an HTTP status, or 0 when the connection failed. */
  answers: number[];
  /** Whether an attempt was answered 200 (the event is then Slack's to forget). */
  isAcked: boolean;
}

/**
 * Sends one event as Slack does behind a load balancer: to `pick(attempt)`'s replica, and after a
 * failed connection or a non-200 answer again with the same body (same event_id) and
 * X-Slack-Retry-Num, to whichever replica the balancer picks next, until one answers 200 or
 * `deadline` (wall ms) passes.
 */
export async function sendAsSlack(
  pick: (attempt: number) => TplusProcess | undefined,
  payload: Record<string, unknown>,
  { deadline, retryDelayMs = 100 }: { deadline: number; retryDelayMs?: number },
): Promise<Delivery> {
  const answers: number[] = [];
  for (let attempt = 0; ; attempt += 1) {
    const target = pick(attempt);
    if (target) {
      try {
        const response = await sendSigned(target.url, {
          signingSecret: SIGNING_SECRET,
          kind: 'event',
          payload,
          ...(attempt > 0 ? { retryNum: attempt, retryReason: 'http_error' } : {}),
        });
        answers.push(response.status);
        if (response.status === 200) return { answers, isAcked: true };
      } catch {
        answers.push(0);
      }
    }
    if (Date.now() > deadline) return { answers, isAcked: false };
    await sleep(retryDelayMs);
  }
}

/** Whether the child is still running (not exited, not killed). */
export function isAlive(proc: TplusProcess): boolean {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}
