import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostedByKey, OUTBOX_EVENT_TYPE } from '../../../src/engine/slack-delivery.ts';
import type { SlackEmulator } from '../../../src/sandbox/slack-emulator/index.ts';
import { BOT_TOKEN, ids, startEmulator } from '../../support/harness.ts';

describe('findPostedByKey: the look-up before a post whose first attempt may have landed', () => {
  let slack: SlackEmulator;
  let client: WebClient;
  beforeAll(async () => {
    slack = await startEmulator();
    client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await slack.close();
  });

  const post = (key: string) =>
    client.chat.postMessage({
      channel: ids.triage,
      text: key,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key } },
    });

  it('finds a post that 450 later messages pushed past the first page of history', async () => {
    const { ts } = await post('ticket:52:card');
    for (let n = 0; n < 450; n += 1) await post(`ticket:${100 + n}:card`);
    expect(await findPostedByKey(client, { channel: ids.triage, key: 'ticket:52:card' })).toEqual({
      channel: ids.triage,
      ts,
    });
    expect(await findPostedByKey(client, { channel: ids.triage, key: 'ticket:51:card' })).toBeUndefined();
  });

  it('reads only the messages after `since`, and still finds a post made after it', async () => {
    for (let n = 0; n < 450; n += 1) await post(`ticket:${1000 + n}:card`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    // Slack's `oldest` is exclusive, and the emulator's timestamps advance in whole milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { ts } = await post('ticket:2000:card');
    for (let n = 0; n < 3; n += 1) await post(`ticket:${2001 + n}:card`);
    const pagesRead = () => slack.callsTo('conversations.history').length;
    const before = pagesRead();
    expect(await findPostedByKey(client, { channel: ids.triage, key: 'ticket:2000:card', since })).toEqual({
      channel: ids.triage,
      ts,
    });
    // Not there: one page of the four messages since, where 900 messages of history would take five.
    expect(await findPostedByKey(client, { channel: ids.triage, key: 'ticket:1001:card', since })).toBeUndefined();
    expect(pagesRead() - before).toBe(2);
    expect(await findPostedByKey(client, { channel: ids.triage, key: 'ticket:1001:card' })).toBeDefined();
  });
});
