import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, ids, SIGNING_SECRET, startEmulator, ticketCardsIn } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';
import { countIn, spawnTplus } from '../support/process.ts';
import { DATABASE_KINDS, freshDatabaseUrl } from '../support/temp-database.ts';

describe.each(DATABASE_KINDS)('the real tplus process killed with SIGKILL, on %s', (database) => {
  let emulator: SlackEmulator;
  const databases: { drop(): Promise<void> }[] = [];
  const fresh = async (prefix: string) => {
    const target = await freshDatabaseUrl(database, prefix);
    databases.push(target);
    return target.url;
  };
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
    for (const target of databases) await target.drop();
  });

  it('files and answers, exactly once, an event that was acknowledged but not processed before the kill', async () => {
    emulator.reset();
    const databaseUrl = await fresh('held');
    const first = await spawnTplus({
      databaseUrl,
      slackApiUrl: emulator.apiUrl,
      extraEnv: { TPLUS_SANDBOX_HOLD_INBOX: '1' },
    });
    const event = mentionEvent({ text: 'All API requests fail with 503, production is down' });
    const ts = (event.event as { ts: string }).ts;
    const response = await sendSigned(first.url, { signingSecret: SIGNING_SECRET, kind: 'event', payload: event });
    expect(response.status).toBe(200);
    await first.kill9();
    expect(await countIn(databaseUrl, `SELECT count(*) AS n FROM "InboxEvent" WHERE "state" = 'pending'`)).toBe(1);
    expect(await countIn(databaseUrl, 'SELECT count(*) AS n FROM "Ticket"')).toBe(0);

    const second = await spawnTplus({ databaseUrl, slackApiUrl: emulator.apiUrl });
    await eventually(() => (emulator.messagesIn(ids.acme.channel, { threadTs: ts }).length > 0 ? true : undefined), {
      timeoutMs: 15_000,
    });
    await eventually(() => (ticketCardsIn(emulator, ids.triage).length > 0 ? true : undefined), { timeoutMs: 15_000 });
    await second.kill9();
    const third = await spawnTplus({ databaseUrl, slackApiUrl: emulator.apiUrl });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await third.kill9();

    expect(await countIn(databaseUrl, 'SELECT count(*) AS n FROM "Ticket"')).toBe(1);
    expect(emulator.messagesIn(ids.acme.channel, { threadTs: ts })).toHaveLength(1);
    expect(ticketCardsIn(emulator, ids.triage)).toHaveLength(1);
  }, 90_000);

  it('loses nothing and doubles nothing when killed at random moments during a burst', async () => {
    emulator.reset();
    const databaseUrl = await fresh('burst');
    const events = Array.from({ length: 12 }, (_, i) =>
      mentionEvent({ text: `Report ${i + 1}: the export API is down for all users` }),
    );
    let next = 0;
    for (let round = 0; round < 4; round += 1) {
      const proc = await spawnTplus({ databaseUrl, slackApiUrl: emulator.apiUrl });
      const killAfter = 20 + Math.floor(Math.random() * 300);
      const killer = new Promise<void>((resolve) => setTimeout(() => void proc.kill9().then(resolve), killAfter));
      // Slack retries what it did not see acked; we do the same for events sent before the kill.
      const sends = events.slice(next, next + 3).map((e) =>
        sendSigned(proc.url, { signingSecret: SIGNING_SECRET, kind: 'event', payload: e }).catch(() => ({
          status: 0,
        })),
      );
      const statuses = await Promise.all(sends);
      next += statuses.filter((s) => s.status === 200).length === 3 ? 3 : 0;
      await killer;
    }
    // Deliver whatever is left (and replay the rest, as Slack would), then let it finish.
    const last = await spawnTplus({ databaseUrl, slackApiUrl: emulator.apiUrl });
    for (const e of events)
      await sendSigned(last.url, {
        signingSecret: SIGNING_SECRET,
        kind: 'event',
        payload: e,
        retryNum: 1,
        retryReason: 'http_timeout',
      });
    await eventually(
      () =>
        events.every(
          (e) => emulator.messagesIn(ids.acme.channel, { threadTs: (e.event as { ts: string }).ts }).length > 0,
        )
          ? true
          : undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await eventually(() => (ticketCardsIn(emulator, ids.triage).length >= events.length ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await last.kill9();
    expect(await countIn(databaseUrl, 'SELECT count(*) AS n FROM "Ticket"')).toBe(events.length);
    for (const e of events)
      expect(emulator.messagesIn(ids.acme.channel, { threadTs: (e.event as { ts: string }).ts })).toHaveLength(1);
    expect(ticketCardsIn(emulator, ids.triage)).toHaveLength(events.length);
  }, 120_000);
});
