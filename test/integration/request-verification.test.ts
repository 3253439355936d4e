import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../../src/sandbox/driver/index.ts';
import { SIGNING_SECRET, startHarness, type Harness } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';

describe('requests that are not provably from Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  async function storedNothing(): Promise<void> {
    await h.settle();
    expect(await h.tplus.db.prisma.inboxEvent.count()).toBe(0);
    expect(await h.tplus.db.prisma.ticket.count()).toBe(0);
  }

  const event = () => mentionEvent({ text: 'platform down for everyone' });

  it('refuses a bad signature with 401', async () => {
    const response = await sendSigned(h.url, {
      signingSecret: 'not-the-secret-at-all',
      kind: 'event',
      payload: event(),
    });
    expect(response.status).toBe(401);
    await storedNothing();
  });

  it('refuses a missing signature with 401', async () => {
    const response = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event()),
    });
    expect(response.status).toBe(401);
    await storedNothing();
  });

  it('refuses a timestamp just over five minutes old, and one just over five minutes in the future', async () => {
    const old = await sendSigned(h.url, {
      signingSecret: SIGNING_SECRET,
      kind: 'event',
      payload: event(),
      timestampSkewSeconds: -301,
    });
    const future = await sendSigned(h.url, {
      signingSecret: SIGNING_SECRET,
      kind: 'event',
      payload: event(),
      timestampSkewSeconds: 301,
    });
    expect(old.status).toBe(401);
    expect(future.status).toBe(401);
    await storedNothing();
  });

  it('refuses a correctly signed but malformed body with 400', async () => {
    const response = await sendSigned(h.url, {
      signingSecret: SIGNING_SECRET,
      kind: 'event',
      payload: {},
      rawBodyOverride: '{"type": "event_callback", "event": ',
    });
    expect(response.status).toBe(400);
    await storedNothing();
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const huge = mentionEvent({ text: 'x'.repeat(1024 * 1024 + 10) });
    const response = await sendSigned(h.url, { signingSecret: SIGNING_SECRET, kind: 'event', payload: huge });
    expect(response.status).toBe(413);
    await storedNothing();
  });
  it('accepts a timestamp within the window (four minutes off either way)', async () => {
    const early = await sendSigned(h.url, {
      signingSecret: SIGNING_SECRET,
      kind: 'event',
      payload: event(),
      timestampSkewSeconds: -240,
    });
    const late = await sendSigned(h.url, {
      signingSecret: SIGNING_SECRET,
      kind: 'event',
      payload: event(),
      timestampSkewSeconds: 240,
    });
    expect([early.status, late.status]).toEqual([200, 200]);
    await h.settle();
    expect(await h.tplus.db.prisma.inboxEvent.count()).toBe(2);
  });
});
