import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { ACTION } from '../../src/slack/ids.ts';
import { home, openHome, publishesTo } from '../support/app-home.ts';
import { eventually, ids, SIGNING_SECRET, startEmulator } from '../support/harness.ts';
import { buttonPress, mentionEvent, resolveSubmission } from '../support/payloads.ts';
import { count, spawnTplus, type TplusProcess } from '../support/process.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const MANAGER = 'U0EMGR0001';
const ACME_SUCCESS = 'U0CSACME01';

describe('the App Home of the real tplus process', () => {
  let slack: SlackEmulator;
  let dir: string;
  let proc: TplusProcess;
  let databasePath: string;
  const send = async (kind: 'event' | 'interaction', payload: Record<string, unknown>) =>
    expect((await sendSigned(proc.url, { signingSecret: SIGNING_SECRET, kind, payload })).status).toBe(200);
  beforeAll(async () => {
    slack = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'tplus-home-'));
    databasePath = join(dir, 'home.db');
    proc = await spawnTplus({
      databasePath,
      slackApiUrl: slack.apiUrl,
      // One wall second is a minute of tplus time.
      extraEnv: {
        TPLUS_START_AT: '2026-11-24T14:00:00.000Z',
        TPLUS_TIME_SCALE: '60',
        TPLUS_CLOCK_ANCHOR: new Date().toISOString(),
      },
    });
  });
  afterAll(async () => {
    await proc.kill9();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the responder, the manager and customer success their part of an S1, and delivers a refresh after a 429 storm', async () => {
    await send('event', mentionEvent({ text: OUTAGE }));
    await eventually(() => count(databasePath, 'SELECT COUNT(*) AS n FROM Incident') === 1, { timeoutMs: 10_000 });
    for (const user of [ids.responder, MANAGER, ACME_SUCCESS]) await openHome(proc.url, user);
    await eventually(() => [ids.responder, MANAGER, ACME_SUCCESS].every((u) => publishesTo(slack, u).length > 0), {
      timeoutMs: 10_000,
    });
    const responder = home(slack, ids.responder);
    expect(responder.get('waiting')!.text.text).toBe('Waiting for acknowledgement (1)');
    expect(responder.get('waiting:1')!.text.text).toMatch(/^\*TPL-1\* · S1 · Acme Corp · /);
    expect(responder.get('waiting:1')!.accessory).toMatchObject({ action_id: ACTION.acknowledge, value: '1' });
    expect(responder.get('incident:1')!.text.text).toMatch(/^\*INC-1\* · S1 · Acme Corp · [^]*\nNext: /);
    expect([...home(slack, MANAGER).keys()]).toEqual(['on-call', 'incidents', 'incident:1']);
    expect(home(slack, ACME_SUCCESS).get('follow-ups:none')).toBeDefined();

    // Acknowledged from the Home's own button; during a 429 storm the refresh waits, then arrives.
    slack.failAll({ mode: '429', retryAfterSeconds: 1, forMs: 2_000 });
    const stormEnds = Date.now() + 2_000;
    await send('interaction', buttonPress({ actionId: ACTION.acknowledge, value: '1' }));
    await eventually(() => home(slack, ids.responder).get('mine:1') !== undefined, {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    const after = publishesTo(slack, ids.responder)
      .filter((c) => c.httpStatus === 200)
      .at(-1)!;
    expect(after.at.getTime()).toBeGreaterThanOrEqual(stormEnds - 50);
    expect(publishesTo(slack, ids.responder).some((c) => c.httpStatus === 429)).toBe(true);
    expect(home(slack, ids.responder).get('waiting')!.text.text).toBe('Waiting for acknowledgement (0)');

    // Resolved: customer success sees the follow-ups, by due time.
    await send('interaction', resolveSubmission(1, 'Rolled back the faulty deploy; error rate back to normal.'));
    await eventually(() => home(slack, ACME_SUCCESS).get('follow-up:1:timeline') !== undefined, {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    expect([...home(slack, ACME_SUCCESS).keys()].filter((k) => k.startsWith('follow-up:'))).toEqual([
      'follow-up:1:timeline',
      'follow-up:1:executive-summary',
      'follow-up:1:rca',
    ]);
    expect(home(slack, MANAGER).has('incident:1')).toBe(false);
    expect(count(databasePath, "SELECT COUNT(*) AS n FROM OutboxMessage WHERE state = 'dead'")).toBe(0);
  }, 90_000);
});
