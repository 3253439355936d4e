import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { count, spawnTplus, type TplusProcess } from '../support/process.ts';
import {
  ids,
  eventually,
  SIGNING_SECRET,
  startEmulator,
  startHarness,
  type Harness,
  ticketCardsIn,
} from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';

describe('while the Slack Web API refuses every call for 60 s', () => {
  // The real process, so the ack time is what a sender sees, not shared with this test's event loop.
  let emulator: SlackEmulator;
  let dir: string;
  let proc: TplusProcess;
  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'tplus-outage-'));
    proc = await spawnTplus({ databasePath: join(dir, 'outage.db'), slackApiUrl: emulator.apiUrl });
  });
  afterAll(async () => {
    await proc.kill9();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still acks signed events within 100 ms and keeps them; when Slack is back each ticket is answered once', async () => {
    const db = join(dir, 'outage.db');
    // Warm the test's own HTTP client (its first fetch sets up a connection pool), not tplus's Slack path.
    await fetch(proc.url.replace('/slack/events', '/healthz'));
    emulator.failAll({ mode: '5xx', forMs: 60_000 });
    const started = Date.now();
    const events: ReturnType<typeof mentionEvent>[] = [];
    const ackMs: number[] = [];
    // One event every 2 s across the outage, as customers keep writing.
    while (Date.now() - started < 58_000) {
      const event = mentionEvent({ text: `Exports are failing for all users (report ${events.length + 1})` });
      events.push(event);
      const response = await sendSigned(proc.url, { signingSecret: SIGNING_SECRET, kind: 'event', payload: event });
      expect(response.status).toBe(200);
      ackMs.push(response.ms);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(Math.max(...ackMs)).toBeLessThan(100);
    expect(count(db, 'SELECT COUNT(*) AS n FROM InboxEvent')).toBe(events.length);
    // Nothing reached Slack during the outage.
    expect(emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.httpStatus === 200)).toHaveLength(0);

    await eventually(
      async () => {
        const answered = events.every(
          (e) => emulator.messagesIn(ids.acme.channel, { threadTs: (e.event as { ts: string }).ts }).length >= 1,
        );
        return answered || undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200 },
    );
    await eventually(() => (ticketCardsIn(emulator, ids.triage).length >= events.length ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    expect(count(db, 'SELECT COUNT(*) AS n FROM Ticket')).toBe(events.length);
    for (const e of events) {
      expect(emulator.messagesIn(ids.acme.channel, { threadTs: (e.event as { ts: string }).ts })).toHaveLength(1);
    }
    expect(ticketCardsIn(emulator, ids.triage)).toHaveLength(events.length);
  }, 150_000);
});

describe('when Slack posts a message but answers 500', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('finds its own post by metadata and does not post it twice', async () => {
    h.emulator.failNext(1, '5xx-after-commit');
    const event = mentionEvent({ text: 'Dashboard login broken for everyone in our org' });
    await h.send('event', event);
    await eventually(
      async () => (await h.tplus.db.prisma.outboxMessage.count({ where: { state: 'pending' } })) === 0 || undefined,
      { timeoutMs: 10_000 },
    );
    await h.settle();
    const ts = (event.event as { ts: string }).ts;
    expect(h.emulator.messagesIn(ids.acme.channel, { threadTs: ts })).toHaveLength(1);
    expect(
      h.emulator.callsTo('conversations.replies').length + h.emulator.callsTo('conversations.history').length,
    ).toBeGreaterThanOrEqual(1);
    expect(ticketCardsIn(h.emulator, ids.triage)).toHaveLength(1);
  });
});
