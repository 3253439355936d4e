import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, startEmulator } from '../support/harness.ts';
import { count, spawnTplus } from '../support/process.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

const subscribe = (port: number, email: string) =>
  fetch(`http://127.0.0.1:${port}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });

describe('status subscription mail across a SIGKILL', () => {
  let emulator: SlackEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'tplus-mail-crash-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends nothing twice when the process is killed after the SMTP server got the mail but before it answered', async () => {
    // The server takes the first message whole and never answers it: the sender dies waiting.
    const smtp = await startSmtpSink({ holdReply: (n) => n === 0 });
    const databasePath = join(dir, 'mail.db');
    const env = { SMTP_URL: smtp.url };
    try {
      const first = await spawnTplus({ databasePath, slackApiUrl: emulator.apiUrl, extraEnv: env });
      expect((await subscribe(first.port, 'held@customer.example')).status).toBe(201);
      await eventually(() => smtp.received[0], { timeoutMs: 10_000 });
      await first.kill9();
      expect(
        count(databasePath, "SELECT count(*) n FROM OutboxMessage WHERE kind = 'email.send' AND state = 'pending'"),
      ).toBe(1);

      const second = await spawnTplus({ databasePath, slackApiUrl: emulator.apiUrl, extraEnv: env });
      try {
        expect((await subscribe(second.port, 'after@customer.example')).status).toBe(201);
        await eventually(() => smtp.received.find((m) => m.to.includes('after@customer.example')), {
          timeoutMs: 10_000,
        });
        // The held item's lease (15 s) runs out; the restarted dispatcher finds it may have been sent and does not repeat it.
        await eventually(
          () =>
            count(
              databasePath,
              "SELECT count(*) n FROM OutboxMessage WHERE kind = 'email.send' AND state = 'pending'",
            ) === 0
              ? true
              : undefined,
          { timeoutMs: 30_000, intervalMs: 250 },
        );
        expect(smtp.received.map((m) => m.to.join())).toEqual(['held@customer.example', 'after@customer.example']);
        expect(
          count(databasePath, "SELECT count(*) n FROM OutboxMessage WHERE kind = 'email.send' AND state = 'delivered'"),
        ).toBe(2);
      } finally {
        await second.kill9();
      }
    } finally {
      await smtp.close();
    }
  }, 60_000);
});
