import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createTestDatabase } from './postgres-database.ts';
import { parseConfigText, parseEnv } from '../../src/config/load-config.ts';
import { manualClock, systemClock } from '../../src/engine/clock.ts';
import { buildTplus, type Tplus } from '../../src/tplus.ts';
import { startSlackEmulator, type SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import type { Clock } from '../../src/usecases/ports.ts';
import type { TplusConfig } from '../../src/config/schema.ts';

export const projectRoot = join(import.meta.dirname, '../..');
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-test-token';
export const ALERTS_TOKEN = 'alerts-token-0123456789abcdef';
export const INTERNAL_TOKEN = 'internal-token-0123456789abcdef';
export const PD = {
  routingKey: 'R0UTINGKEY0TEST00000000000000000',
  apiToken: 'pd-api-token-test',
  webhookSecret: 'pd-webhook-secret-test',
};
export const config = parseConfigText(readFileSync(join(projectRoot, 'tplus.config.example.yaml'), 'utf8'), 'example');

/** Ids of the example config, named for what they are in the tests. */
export const ids = {
  ourTeam: config.workspace.teamId,
  bot: config.workspace.botUserId,
  triage: config.triage.channelId,
  responder: config.responders.userIds[0] as string,
  acme: { team: 'T0ACME0001', channel: 'C0ACMESHR1', user: 'U0ACMEUSR1' },
  globex: { team: 'T0GLOBEX01', channel: 'C0GLOBEX01', user: 'U0GLOBUSR1' },
  internalNonResponder: 'U0INTERN01',
  strangerTeam: 'T0STRANGE1',
  unknownChannel: 'C0NOTACUST',
};

export function emulatorChannels(): { id: string; name: string }[] {
  return [
    { id: ids.triage, name: 'support-triage' },
    { id: ids.acme.channel, name: 'acme-support' },
    { id: ids.globex.channel, name: 'globex-shared' },
    { id: ids.unknownChannel, name: 'random-shared' },
  ];
}

export async function startEmulator(): Promise<SlackEmulator> {
  return startSlackEmulator({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    teamId: ids.ourTeam,
    botUserId: ids.bot,
    botId: config.workspace.botId,
    channels: emulatorChannels(),
  });
}

export async function startPagerDuty(): Promise<PagerDutyEmulator> {
  return startPagerDutyEmulator({
    routingKey: PD.routingKey,
    apiToken: PD.apiToken,
    onCalls: [
      {
        escalationPolicyId: 'PESCAL1',
        users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
      },
    ],
  });
}

export interface Harness {
  emulator: SlackEmulator;
  pagerduty: PagerDutyEmulator;
  webhookUrl: string;
  tplus: Tplus;
  url: string;
  clock: Clock;
  dir: string;
  send(
    kind: 'event' | 'interaction' | 'command',
    payload: Record<string, unknown>,
    extra?: { retryNum?: number; retryReason?: string },
  ): ReturnType<typeof sendSigned>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** tplus in this process on a fresh SQLite file (or PostgreSQL database), talking to the Slack emulator over loopback. */
export async function startHarness({
  clock,
  socketMode = false,
  emulator: given,
  configOverride,
  dir: givenDir,
  databaseUrl: givenUrl,
  database = 'sqlite',
  extraEnv = {},
}: {
  /** Another database than a SQLite file in `dir` (e.g. a PostgreSQL test database). */
  databaseUrl?: string;
  /** 'postgresql': a fresh database on the test server, dropped by close(). */
  database?: 'sqlite' | 'postgresql';
  clock?: ReturnType<typeof manualClock> | Clock;
  socketMode?: boolean;
  emulator?: SlackEmulator;
  /** Changes to the example config for this run (e.g. a tiny rate limit). */
  configOverride?: (config: TplusConfig) => TplusConfig;
  /** Reuse a database folder (a restart on the same SQLite file); removed by close() only when not given. */
  dir?: string;
  /** More environment variables (e.g. STATUSPAGE_API_KEY pointing at an emulator). */
  extraEnv?: Record<string, string>;
} = {}): Promise<Harness> {
  const emulator = given ?? (await startEmulator());
  const pagerduty = await startPagerDuty();
  const dir = givenDir ?? mkdtempSync(join(tmpdir(), 'tplus-test-'));
  const postgres = database === 'postgresql' && !givenUrl ? await createTestDatabase('harness') : undefined;
  const databaseUrl = givenUrl ?? postgres?.url;
  const env = parseEnv({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: databaseUrl ?? `file:${join(dir, 'tplus.db')}`,
    PAGERDUTY_ROUTING_KEY: PD.routingKey,
    PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
    PAGERDUTY_API_TOKEN: PD.apiToken,
    PAGERDUTY_API_URL: pagerduty.apiUrl,
    PAGERDUTY_WEBHOOK_SECRET: PD.webhookSecret,
    TPLUS_ALERTS_TOKEN: ALERTS_TOKEN,
    TPLUS_INTERNAL_TOKEN: INTERNAL_TOKEN,
    ...extraEnv,
  });
  const theClock = clock ?? systemClock;
  const tplus = await buildTplus({
    env,
    config: configOverride ? configOverride(structuredClone(config)) : config,
    clock: theClock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    projectRoot,
    dispatcher: { baseDelayMs: 50, maxDelayMs: 400 },
  });
  const port = await tplus.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  return {
    emulator,
    pagerduty,
    webhookUrl: `http://127.0.0.1:${port}/pagerduty/webhook`,
    tplus,
    url,
    clock: theClock,
    dir,
    send: (kind, payload, extra = {}) => sendSigned(url, { signingSecret: SIGNING_SECRET, kind, payload, ...extra }),
    async settle() {
      await tplus.intake.idle();
      for (let i = 0; i < 5; i += 1) {
        tplus.delivery.kick();
        await tplus.delivery.idle();
      }
    },
    async close() {
      await tplus.stop();
      if (!given) await emulator.close();
      await pagerduty.close();
      if (!givenDir) rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}

export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 5000, intervalMs = 20 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Ticket cards in triage (not runbook notices): posts whose outbox key is `ticket:<n>:card`. */
export function ticketCardsIn(emulator: SlackEmulator, channel: string): unknown[] {
  return emulator
    .messagesIn(channel)
    .filter((m) => /^ticket:\d+:card$/.test(String(m.metadata?.event_payload.key ?? '')));
}
