import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPagerDutyEvents } from '../../../src/pagerduty/events-client.ts';
import { parsePagerDutyWebhook, type PagerDutyWebhookEvent } from '../../../src/pagerduty/webhook-event.ts';
import { verifyPagerDutySignature } from '../../../src/pagerduty/webhook-signature.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../../src/sandbox/pagerduty-emulator/index.ts';

const routingKey = 'R0UT1NGKEY0000000000000000000001';
const secret = 'whsec-tplus';

/** What a receiver built from the adapter does: verify the raw body, then parse it. */
interface Received {
  webhookId: string | undefined;
  event: PagerDutyWebhookEvent;
}

describe('webhooks from the emulator checked by the adapter', () => {
  let pd: PagerDutyEmulator;
  let receiver: Server;
  let targetUrl = '';
  const received: Received[] = [];

  beforeAll(async () => {
    pd = await startPagerDutyEmulator({ routingKey, apiToken: 'unused', onCalls: [] });
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-pagerduty-signature'];
      if (!verifyPagerDutySignature({ secret, rawBody, header: typeof header === 'string' ? header : undefined })) {
        res.writeHead(401).end('bad signature');
        return;
      }
      received.push({
        webhookId: req.headers['x-webhook-id'] as string | undefined,
        event: parsePagerDutyWebhook(rawBody),
      });
      res.writeHead(202).end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/pagerduty`;
  });
  beforeEach(() => {
    pd.reset();
    received.length = 0;
  });
  afterAll(async () => {
    await pd.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('delivers a signed acknowledgement naming the dedup key, incident and responder, and moves the alert on', async () => {
    await createPagerDutyEvents({ routingKey, eventsUrl: pd.eventsUrl }).send({
      action: 'trigger',
      dedupKey: 'tplus-ticket-7',
      summary: 'S1: login down',
      source: 'tplus',
      severity: 'critical',
    });
    const result = await pd.sendWebhook(targetUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: 'tplus-ticket-7',
      agentSummary: 'Pat Primary',
      secret,
    });

    expect(result.status).toBe(202);
    expect(received).toHaveLength(1);
    expect(received[0]?.webhookId).toBe(result.webhookId);
    expect(received[0]?.event).toMatchObject({
      eventType: 'incident.acknowledged',
      incidentId: pd.alerts().get('tplus-ticket-7')?.incidentId,
      incidentKey: 'tplus-ticket-7',
      status: 'acknowledged',
      agentSummary: 'Pat Primary',
    });
    expect(pd.alerts().get('tplus-ticket-7')?.status).toBe('acknowledged');
  });

  it('repeats the given webhook id on a redelivery so the receiver can deduplicate', async () => {
    const first = await pd.sendWebhook(targetUrl, {
      eventType: 'incident.resolved',
      dedupKey: 'tplus-ticket-8',
      webhookId: 'wh-1',
      secret,
    });
    const again = await pd.sendWebhook(targetUrl, {
      eventType: 'incident.resolved',
      dedupKey: 'tplus-ticket-8',
      webhookId: 'wh-1',
      secret,
    });
    expect([first.webhookId, again.webhookId]).toEqual(['wh-1', 'wh-1']);
    expect(received.map((r) => r.webhookId)).toEqual(['wh-1', 'wh-1']);
  });

  it('is refused by the receiver when signed with another secret, forged, or unsigned', async () => {
    const options = { eventType: 'incident.resolved' as const, dedupKey: 'tplus-ticket-9' };
    expect((await pd.sendWebhook(targetUrl, { ...options, secret: 'whsec-attacker' })).status).toBe(401);
    expect(
      (await pd.sendWebhook(targetUrl, { ...options, secret, signatureOverride: `v1=${'ab'.repeat(32)}` })).status,
    ).toBe(401);
    expect((await pd.sendWebhook(targetUrl, { ...options, secret, omitSignature: true })).status).toBe(401);
    expect(received).toHaveLength(0);
  });
});
