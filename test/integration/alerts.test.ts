import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTS_TOKEN, startHarness, type Harness } from '../support/harness.ts';

const alertmanager = (status: 'firing' | 'resolved', fingerprint = 'fp-checkout-1') => ({
  version: '4',
  status,
  receiver: 'tplus',
  groupKey: '{}:{alertname="SyntheticCheckoutDown"}',
  alerts: [
    {
      status,
      fingerprint,
      labels: { alertname: 'SyntheticCheckoutDown', job: 'synthetics' },
      annotations: { summary: 'Synthetic checkout probe failing from 3 regions' },
      startsAt: '2026-11-25T09:00:00Z',
    },
  ],
});

describe('monitoring alerts at POST /alerts', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await startHarness();
    url = h.url.replace('/slack/events', '/alerts');
  });
  afterAll(async () => h.close());

  const post = (body: unknown, token = ALERTS_TOKEN) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('refuses a missing or wrong token and a malformed alert, storing nothing', async () => {
    expect((await post(alertmanager('firing'), '')).status).toBe(401);
    expect((await post(alertmanager('firing'), 'not-the-token-at-all-000000')).status).toBe(401);
    expect((await post('{"version": "4", "alerts": [')).status).toBe(400);
    expect((await post({ version: '4', status: 'firing', alerts: [] })).status).toBe(400);
    expect(await h.tplus.db.prisma.inboxEvent.count()).toBe(0);
  });

  it('starts an incident at T+0 from an Alertmanager alert, by the config rules', async () => {
    expect((await post(alertmanager('firing'))).status).toBe(202);
    // Committed before the 202: the row is there whether or not it has been processed yet.
    expect(await h.tplus.db.prisma.inboxEvent.count({ where: { source: 'alerts' } })).toBe(1);
    await h.settle();
    await h.tplus.engine.tick();
    await h.settle();
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({ where: { source: 'alert' } });
    expect(incident.severity).toBe('S1');
    expect(JSON.parse(incident.components)).toEqual(['api']);
    expect(incident.title).toBe('Synthetic checkout probe failing from 3 regions');
    expect(h.pagerduty.events.filter((e) => e.dedup_key === `tplus-incident-${incident.id}`)).toHaveLength(1);
  });

  it('attaches a repeat of the same alert to the open incident, and records its resolution', async () => {
    expect((await post(alertmanager('firing'))).status).toBe(202);
    expect((await post(alertmanager('resolved'))).status).toBe(202);
    await h.settle();
    expect(await h.tplus.db.prisma.incident.count({ where: { source: 'alert' } })).toBe(1);
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({ where: { source: 'alert' } });
    const kinds = (await h.tplus.db.prisma.incidentEvent.findMany({ where: { incidentId: incident.id } })).map(
      (e) => e.kind,
    );
    expect(kinds).toContain('alert-repeat');
    expect(kinds).toContain('alert-resolved');
  });

  it('opens an incident from the generic format with the default severity', async () => {
    expect((await post({ title: 'Queue depth above 10k for 5 minutes', labels: { queue: 'emails' } })).status).toBe(
      202,
    );
    await h.settle();
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({
      where: { title: 'Queue depth above 10k for 5 minutes' },
    });
    expect(incident.severity).toBe('S2');
  });
});
