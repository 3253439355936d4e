import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import type { PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, PD, SIGNING_SECRET, startEmulator, startPagerDuty } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';
import { count, spawnTplus, type TplusProcess } from '../support/process.ts';
import seedrandom from 'seedrandom';

/** A seeded generator (seedrandom), so a failing run can be replayed. */
const seeded = (seed: number): (() => number) => seedrandom(String(seed));

const KILLS = 20;
const MANAGER = 'U0EMGR0001';
const VP = 'U0VPENG001';
const SCALE = 240; // one wall second is four incident minutes: an S1's 2 hours pass in 30 s
const S1_STEPS_WITHOUT_ACK = [
  'page',
  'ack-expected',
  'repage',
  'incident-channel',
  'status-investigating',
  'scope-assessment',
  'manager',
  'vp-and-success',
];

describe('the real tplus process killed with SIGKILL at random moments of time-scaled S1 incidents', () => {
  let slack: SlackEmulator;
  let pagerduty: PagerDutyEmulator;
  let dir: string;
  let proc: TplusProcess | undefined;
  beforeAll(async () => {
    slack = await startEmulator();
    pagerduty = await startPagerDuty();
    dir = mkdtempSync(join(tmpdir(), 'tplus-kill-'));
  });
  afterAll(async () => {
    await proc?.kill9();
    await slack.close();
    await pagerduty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`runs every step's effect exactly once across ${KILLS} S1s and ${KILLS} kills and restarts`, async () => {
    const seed = Number(process.env.TPLUS_TEST_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const databasePath = join(dir, 'kill.db');
    const env = {
      TPLUS_START_AT: '2026-11-24T14:00:00.000Z',
      TPLUS_TIME_SCALE: String(SCALE),
      TPLUS_CLOCK_ANCHOR: new Date().toISOString(),
      PAGERDUTY_ROUTING_KEY: PD.routingKey,
      PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
      PAGERDUTY_API_TOKEN: PD.apiToken,
      PAGERDUTY_API_URL: pagerduty.apiUrl,
      PAGERDUTY_WEBHOOK_SECRET: PD.webhookSecret,
    };
    const start = () => spawnTplus({ databasePath, slackApiUrl: slack.apiUrl, extraEnv: env });
    proc = await start();
    let filed = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      // A new S1 before every kill: each of the 20 incidents is live during at least one kill, and
      // the later kills land in every phase (T+0 to T+120) of the earlier ones.
      const response = await sendSigned(proc.url, {
        signingSecret: SIGNING_SECRET,
        kind: 'event',
        payload: mentionEvent({
          text: `Production is down for all users, every request fails (seed ${seed}, #${kill})`,
        }),
      });
      expect(response.status).toBe(200);
      filed += 1;
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 1300));
      await proc.kill9();
      proc = await start();
    }
    // Let the last incident reach T+120 and everything drain.
    await eventually(
      () => {
        const pendingSteps = count(databasePath, "SELECT COUNT(*) AS n FROM IncidentStep WHERE state = 'pending'");
        const pendingOutbox = count(databasePath, "SELECT COUNT(*) AS n FROM OutboxMessage WHERE state = 'pending'");
        const incidents = count(databasePath, 'SELECT COUNT(*) AS n FROM Incident');
        return incidents === filed && pendingSteps === 0 && pendingOutbox === 0 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );

    const db = new Database(databasePath, { readonly: true });
    try {
      const incidents = db.prepare('SELECT id FROM Incident ORDER BY id').all() as { id: number }[];
      expect(incidents).toHaveLength(filed);
      for (const { id } of incidents) {
        const done = (
          db
            .prepare("SELECT stepId FROM IncidentStep WHERE incidentId = ? AND state = 'done' ORDER BY firedAt, id")
            .all(id) as { stepId: string }[]
        ).map((r) => r.stepId);
        expect([...done].sort(), `incident ${id} (seed ${seed})`).toEqual([...S1_STEPS_WITHOUT_ACK].sort());
      }
      expect(db.prepare("SELECT key, lastError FROM OutboxMessage WHERE state = 'dead'").all(), `seed ${seed}`).toEqual(
        [],
      );
      // Slack: every delivered post is in the emulator exactly once, and nothing else is doubled.
      const delivered = (
        db.prepare("SELECT key FROM OutboxMessage WHERE kind = 'slack.post' AND state = 'delivered'").all() as {
          key: string;
        }[]
      ).map((r) => r.key);
      const posted = slack.calls
        .filter((c) => c.method === 'chat.postMessage' && c.response?.ok)
        .map((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key);
      const counts = new Map<string, number>();
      for (const key of posted) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      expect(
        [...counts].filter(([, n]) => n > 1),
        `seed ${seed}`,
      ).toEqual([]);
      expect(
        delivered.filter((k) => !counts.has(k)),
        `seed ${seed}`,
      ).toEqual([]);
      // One incident channel each, with the engineering manager (T+60) and the VP (T+120) brought in:
      // one outbox item per person, and Slack took each invite once (a repeat answers already_in_channel).
      const channels = [...slack.workspace.channels.values()].filter((c) => c.name.startsWith('inc-'));
      expect(channels).toHaveLength(filed);
      for (const channel of channels) {
        for (const user of [MANAGER, VP]) {
          expect(channel.members.has(user), `${channel.name} ${user} (seed ${seed})`).toBe(true);
          const taken = slack.calls.filter(
            (c) =>
              c.method === 'conversations.invite' &&
              c.args.channel === channel.id &&
              c.args.users === user &&
              c.response?.ok === true,
          );
          expect(taken, `${channel.name} ${user} (seed ${seed})`).toHaveLength(1);
        }
      }
      const invites = db
        .prepare("SELECT key, state FROM OutboxMessage WHERE kind = 'slack.invite' ORDER BY key")
        .all() as { key: string; state: string }[];
      expect(invites.map((r) => r.key).sort()).toEqual(
        incidents.flatMap(({ id }) => [MANAGER, VP].map((u) => `incident:${id}:invite:${u}`)).sort(),
      );
      expect(new Set(invites.map((r) => r.state))).toEqual(new Set(['delivered']));
      // PagerDuty: one alert per incident, paged and re-paged (a re-sent trigger is deduplicated there by its key).
      expect(pagerduty.alerts().size).toBe(filed);
      for (const { id } of incidents) {
        const triggers = pagerduty.events.filter(
          (e) => e.dedup_key === `tplus-incident-${id}` && e.event_action === 'trigger',
        );
        expect(triggers.length, `incident ${id} (seed ${seed})`).toBeGreaterThanOrEqual(2);
      }
    } finally {
      db.close();
    }
  }, 240_000);
});
