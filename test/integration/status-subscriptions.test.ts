import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { signWebhook } from '../../src/engine/subscriber-delivery.ts';
import { eventually, startHarness, type Harness } from '../support/harness.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

interface Hit {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver on loopback answering every request with `status`. */
async function startReceiver(status: () => number): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, hits, server };
}

describe('status subscriptions by email and by webhook', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let base: string;
  const post = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const local = (url: string) => url.replace('https://status.example.com', base);
  const publish = async (components: string[], body: string) => {
    const opened = await h.tplus.status.publish({
      target: { create: { kind: 'incident', name: `Trouble on ${components.join(', ')}`, impact: 'major' } },
      status: 'investigating',
      body,
      components: components.map((componentId) => ({ componentId, state: 'partial_outage' as const })),
      actor: 'U0TEST',
      at: clock.now(),
    });
    return opened?.statusIncidentId as number;
  };
  const deliver = async () => {
    clock.advance(1000);
    await h.settle();
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await startHarness({
      clock,
      extraEnv: { SMTP_URL: smtp.url, TPLUS_WEBHOOK_ALLOW_LOOPBACK: '1' },
      configOverride: (c) => ({
        ...c,
        statusPage: { ...c.statusPage, subscriptions: { ...c.statusPage.subscriptions, webhookFailureLimit: 3 } },
      }),
    });
    base = new URL(h.webhookUrl).origin;
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it('subscribe → confirmation mail → confirm → update mail with unsubscribe link → one-click unsubscribe works', async () => {
    const res = await post('/subscriptions', { email: 'Ops@Customer.example' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: 'email', state: 'pending' });
    // Nothing but the confirmation until it is confirmed.
    await publish(['api'], 'Before confirmation.');
    await deliver();
    const confirmation = await eventually(() => smtp.received.find((m) => m.to.includes('ops@customer.example')));
    expect(smtp.received).toHaveLength(1);
    const link = /https:\/\/status\.example\.com\/subscriptions\/confirm\?token=[\w-]+/.exec(
      smtp.text(confirmation),
    )?.[0];
    expect(link).toBeDefined();
    // Opening the link (a mail scanner does) changes nothing; the button's POST confirms.
    const shown = await fetch(local(link as string));
    expect(await shown.text()).toContain('Confirm your subscription');
    expect(
      (await post(new URL(link as string).pathname + new URL(link as string).search, '', 'text/plain')).status,
    ).toBe(200);

    await publish(['api'], 'Errors on the Public API <b>now</b>.');
    await deliver();
    const update = await eventually(() =>
      smtp.received.find((m) => m.headers.get('subject')?.includes('Trouble on api')),
    );
    const text = smtp.text(update);
    expect(text).toContain('Errors on the Public API <b>now</b>.');
    expect(update.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(update.headers.get('from')).toBe('Example Cloud status <status@example.com>');
    const unsubscribe = /^<(https:\/\/status\.example\.com\/subscriptions\/unsubscribe\?token=[\w-]+)>$/.exec(
      update.headers.get('list-unsubscribe') ?? '',
    )?.[1];
    expect(text).toContain(`Unsubscribe with one click: ${unsubscribe}`);
    // The mail client's one-click POST (RFC 8058).
    const gone = await post(
      new URL(unsubscribe as string).pathname + new URL(unsubscribe as string).search,
      'List-Unsubscribe=One-Click',
      'application/x-www-form-urlencoded',
    );
    expect(gone.status).toBe(200);
    expect(await gone.text()).toContain('Nothing more is sent to ops@customer.example');
    const before = smtp.received.length;
    await publish(['api'], 'After unsubscribing.');
    await deliver();
    await deliver();
    expect(smtp.received).toHaveLength(before);
  });

  it('sends a per-component subscriber only the updates about its component', async () => {
    expect((await post('/subscriptions', { email: 'exports@customer.example', components: ['exports'] })).status).toBe(
      201,
    );
    await deliver();
    const confirmation = await eventually(() => smtp.received.find((m) => m.to.includes('exports@customer.example')));
    const token = /token=([\w-]+)/.exec(smtp.text(confirmation))?.[1] as string;
    expect((await post(`/subscriptions/confirm?token=${token}`, '', 'text/plain')).status).toBe(200);
    await publish(['dashboard'], 'Dashboard slow.');
    await publish(['exports'], 'Exports slow.');
    await deliver();
    await eventually(() => smtp.received.find((m) => m.headers.get('subject')?.includes('Trouble on exports')));
    const mine = smtp.received.filter((m) => m.to.includes('exports@customer.example'));
    expect(mine.map((m) => m.headers.get('subject'))).toEqual([
      'Confirm your subscription to Example Cloud status',
      '[Example Cloud status] Trouble on exports: Investigating',
    ]);
  });

  it('signs webhook deliveries, retries a 5xx with backoff and disables the subscriber after the limit', async () => {
    let answer = 200;
    const receiver = await startReceiver(() => answer);
    try {
      const res = await post('/subscriptions', { webhookUrl: receiver.url });
      expect(res.status).toBe(201);
      const { secret } = (await res.json()) as { secret: string };
      expect(secret).toMatch(/^whsec_/);
      await publish(['api'], 'Webhook one.');
      await deliver();
      const first = await eventually(() => receiver.hits[0]);
      const id = String(first.headers['webhook-id']);
      const timestamp = Number(first.headers['webhook-timestamp']);
      expect(first.headers['webhook-signature']).toBe(signWebhook(secret, id, timestamp, first.body));
      expect(JSON.parse(first.body)).toMatchObject({ id, type: 'incident.updated', update: { body: 'Webhook one.' } });

      answer = 503;
      await publish(['api'], 'Webhook two.');
      for (let i = 0; i < 20 && receiver.hits.length < 4; i++) await deliver();
      const retries = receiver.hits.slice(1);
      expect(retries).toHaveLength(3);
      expect(new Set(retries.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const row = await h.tplus.db.prisma.statusSubscriber.findFirst({ where: { kind: 'webhook' } });
      expect(row).toMatchObject({ state: 'disabled', failures: 3, lastError: 'webhook answered 503' });
      answer = 200;
      await publish(['api'], 'Webhook three.');
      for (let i = 0; i < 5; i++) await deliver();
      expect(receiver.hits).toHaveLength(4);
    } finally {
      receiver.server.close();
    }
  });

  it.each([
    [{ email: 'not an address' }, 'is not an email address we can send to'],
    [{ email: 'a@b' }, 'is not an email address we can send to'],
    [{ webhookUrl: 'http://hooks.customer.example/status' }, 'must use https://'],
    [{ webhookUrl: 'https://10.0.0.7/status' }, 'must point at a public host'],
    [{ webhookUrl: 'https://user:pw@hooks.customer.example/' }, 'must not carry a user name or password'],
    [{ email: 'x@customer.example', components: ['nope'] }, 'Unknown component "nope"'],
    [{}, 'Give either an email address or a webhook URL'],
  ])('refuses %j with a clear message and stores nothing', async (body, message) => {
    const before = await h.tplus.db.prisma.statusSubscriber.count();
    const outbox = await h.tplus.db.prisma.outboxMessage.count();
    const res = await post('/subscriptions', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_subscription', message: expect.stringContaining(message) });
    expect(await h.tplus.db.prisma.statusSubscriber.count()).toBe(before);
    expect(await h.tplus.db.prisma.outboxMessage.count()).toBe(outbox);
  });

  it('answers the page’s form (no JavaScript) with a page, a bad address included', async () => {
    const bad = await post('/subscriptions', 'email=nobody%40&components=', 'application/x-www-form-urlencoded');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not an email address we can send to');
    const good = await post(
      '/subscriptions',
      'email=form%40customer.example&components=',
      'application/x-www-form-urlencoded',
    );
    expect(good.status).toBe(201);
    expect(await good.text()).toContain('We sent you a mail with a link to confirm');
  });
});
