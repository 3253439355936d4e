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

const SCALE = 240;
const INCIDENTS = 4;

describe('two tplus processes on one SQLite database', () => {
  let slack: SlackEmulator;
  let pagerduty: PagerDutyEmulator;
  let dir: string;
  const procs: TplusProcess[] = [];
  beforeAll(async () => {
    slack = await startEmulator();
    pagerduty = await startPagerDuty();
    dir = mkdtempSync(join(tmpdir(), 'tplus-two-'));
  });
  afterAll(async () => {
    for (const p of procs) await p.kill9();
    await slack.close();
    await pagerduty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run the same incidents without any step or post happening twice', async () => {
    const databasePath = join(dir, 'shared.db');
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
    procs.push(await spawnTplus({ databasePath, slackApiUrl: slack.apiUrl, extraEnv: env }));
    procs.push(await spawnTplus({ databasePath, slackApiUrl: slack.apiUrl, extraEnv: env }));
    for (let i = 0; i < INCIDENTS; i += 1) {
      // Alternate the process Slack happens to reach, as behind a load balancer.
      const target = procs[i % 2] as TplusProcess;
      const response = await sendSigned(target.url, {
        signingSecret: SIGNING_SECRET,
        kind: 'event',
        payload: mentionEvent({ text: `Production is down for all users, every request fails (#${i})` }),
      });
      expect(response.status).toBe(200);
    }
    await eventually(
      () => {
        const incidents = count(databasePath, 'SELECT COUNT(*) AS n FROM Incident');
        const done = count(databasePath, "SELECT COUNT(*) AS n FROM IncidentStep WHERE state = 'done'");
        const pending = count(databasePath, "SELECT COUNT(*) AS n FROM OutboxMessage WHERE state = 'pending'");
        return incidents === INCIDENTS && done === INCIDENTS * 8 && pending === 0 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );

    const db = new Database(databasePath, { readonly: true });
    try {
      // Events reached both processes (alternating), and both tick and deliver on the same rows.
      const tickets = db.prepare('SELECT COUNT(*) AS n FROM Ticket').get() as { n: number };
      expect(tickets.n).toBe(INCIDENTS);
      const steps = db
        .prepare(
          "SELECT incidentId, stepId, COUNT(*) AS n FROM IncidentStep WHERE state = 'done' GROUP BY incidentId, stepId HAVING n > 1",
        )
        .all();
      expect(steps).toEqual([]);
      const events = db
        .prepare("SELECT incidentId, COUNT(*) AS n FROM IncidentEvent WHERE kind = 'step' GROUP BY incidentId")
        .all() as { n: number }[];
      expect(events.map((e) => e.n)).toEqual(Array(INCIDENTS).fill(8));
    } finally {
      db.close();
    }
    const keys = slack.calls
      .filter((c) => c.method === 'chat.postMessage' && c.response?.ok)
      .map((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '');
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect([...slack.workspace.channels.values()].filter((c) => c.name.startsWith('inc-'))).toHaveLength(INCIDENTS);
    expect(
      slack
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'U0EMGR0001' || String(c.args.channel).startsWith('D0EMGR'))
        .filter((c) => c.response?.ok),
    ).toHaveLength(INCIDENTS);
    expect(pagerduty.alerts().size).toBe(INCIDENTS);
  }, 150_000);
});
