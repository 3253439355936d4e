import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ids, PD, type Harness } from '../support/harness.ts';
import { MINUTE, startIncidentScenario } from '../support/incident-scenario.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const RILEY = 'Riley Responder';

function sign(rawBody: string, secret = PD.webhookSecret): string {
  return `v1=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Posts a raw body to tplus's webhook route, as PagerDuty would, with the headers given. */
async function postRaw(url: string, rawBody: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: rawBody,
  });
  await response.text();
  return response.status;
}

/** The triage card of a ticket as the emulator holds it now (after any chat.update). */
function cardOf(h: Harness, ticketId: number) {
  const card = h.emulator
    .messagesIn(ids.triage)
    .find((m) => m.metadata?.event_payload.key === `ticket:${ticketId}:card`);
  if (!card) throw new Error(`no card for ticket ${ticketId} in triage`);
  return card;
}

/** Everything a refused webhook must leave as it was. */
async function snapshot(h: Harness, incidentId: number, ticketId: number) {
  const { prisma } = h.tplus.db;
  return {
    inbox: await prisma.inboxEvent.count(),
    outbox: await prisma.outboxMessage.count(),
    incident: await prisma.incident.findUniqueOrThrow({ where: { id: incidentId } }),
    ticket: await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } }),
    incidentEvents: await prisma.incidentEvent.count({ where: { incidentId } }),
    slackCalls: h.emulator.calls.length,
    pagerDutyEvents: h.pagerduty.events.length,
  };
}

describe('PagerDuty webhooks at POST /pagerduty/webhook', () => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  it('acknowledges the incident, its ticket and its Slack card when PagerDuty reports an acknowledgement, without echoing it back', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(2);
    expect(s.pagerDutyActions()).toEqual(['trigger']);
    const cardTs = cardOf(h, ticket.id).ts;
    const updatesBefore = h.emulator.callsTo('chat.update').length;

    const sent = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
    });
    expect(sent.status).toBe(202);
    // Committed before the 2xx: the row is there the moment the answer is.
    const row = await h.tplus.db.prisma.inboxEvent.findUnique({ where: { dedupeKey: `pagerduty:${sent.webhookId}` } });
    expect(row?.source).toBe('pagerduty');
    await s.at(2 * MINUTE);

    expect(
      await h.tplus.db.prisma.inboxEvent.findUniqueOrThrow({ where: { dedupeKey: `pagerduty:${sent.webhookId}` } }),
    ).toMatchObject({ state: 'done' });
    const acknowledged = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(acknowledged.acknowledgedAt?.getTime()).toBe(incident.startedAt.getTime() + 2 * MINUTE);
    expect(acknowledged.acknowledgedBy).toBe(RILEY);
    const after = await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe('acknowledged');
    expect(after.firstResponseAt?.getTime()).toBe(incident.startedAt.getTime() + 2 * MINUTE);
    expect(after.firstResponseBy).toBe(RILEY);
    // The card was edited in place (not re-posted) and now says Acknowledged, without the Acknowledge button.
    const updates = h.emulator
      .callsTo('chat.update')
      .slice(updatesBefore)
      .filter((c) => c.httpStatus === 200);
    expect(updates.map((c) => c.args.ts)).toEqual([cardTs]);
    expect(JSON.stringify(cardOf(h, ticket.id).blocks)).toContain('*Status:* Acknowledged');
    expect(JSON.stringify(cardOf(h, ticket.id).blocks)).not.toContain('"Acknowledge"');
    expect(
      h.emulator.messagesIn(ids.triage).filter((m) => m.text.includes(`acknowledged by ${RILEY} (PagerDuty)`)),
    ).toHaveLength(1);
    // It came from PagerDuty: nothing is sent back there.
    expect(s.pagerDutyActions()).toEqual(['trigger']);
    expect(
      await h.tplus.db.prisma.outboxMessage.count({
        where: { kind: 'pagerduty.event', key: { contains: 'pagerduty-ack' } },
      }),
    ).toBe(0);

    // The runbook now counts from the acknowledgement: no re-page at T+15.
    await s.walkTo(16);
    expect((await s.fired(incident.id)).map(([id]) => id)).not.toContain('repage');
    expect(s.pagerDutyActions()).toEqual(['trigger']);
  });

  it('answers a redelivered webhook id with a 2xx and changes nothing', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(2);
    const first = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
    });
    expect(first.status).toBe(202);
    await s.at(2 * MINUTE);
    const before = await snapshot(h, incident.id, ticket.id);

    // PagerDuty retries with the same X-Webhook-Id; even a resolve under that id is the old delivery.
    const again = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
      webhookId: first.webhookId,
    });
    const replayedAsResolve = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.resolved',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
      webhookId: first.webhookId,
    });
    expect(again.status).toBe(202);
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
    expect(replayedAsResolve.status).toBe(202);
    await s.at(3 * MINUTE);

    expect(await h.tplus.db.prisma.inboxEvent.count({ where: { dedupeKey: `pagerduty:${first.webhookId}` } })).toBe(1);
    const after = await snapshot(h, incident.id, ticket.id);
    expect(after.inbox).toBe(before.inbox);
    expect(after.outbox).toBe(before.outbox);
    expect(after.incident.resolvedAt).toBeNull();
    expect(after.incident).toEqual(before.incident);
    expect(after.ticket.status).toBe('acknowledged');
    expect(after.incidentEvents).toBe(before.incidentEvents);
    expect(
      h.emulator.messagesIn(ids.triage).filter((m) => m.text.includes(`acknowledged by ${RILEY} (PagerDuty)`)),
    ).toHaveLength(1);
    expect(s.pagerDutyActions()).toEqual(['trigger']);
  });

  it('refuses forged, missing and wrongly keyed signatures with 401 and stores nothing', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(2);
    const before = await snapshot(h, incident.id, ticket.id);
    const resolve = {
      eventType: 'incident.resolved' as const,
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: 'Mallory',
    };

    const forged = await h.pagerduty.sendWebhook(h.webhookUrl, {
      ...resolve,
      secret: PD.webhookSecret,
      signatureOverride: `v1=${'0'.repeat(64)}`,
    });
    const missing = await h.pagerduty.sendWebhook(h.webhookUrl, {
      ...resolve,
      secret: PD.webhookSecret,
      omitSignature: true,
    });
    const wrongSecret = await h.pagerduty.sendWebhook(h.webhookUrl, { ...resolve, secret: 'not-the-pagerduty-secret' });
    expect([forged.status, missing.status, wrongSecret.status]).toEqual([401, 401, 401]);
    await s.at(3 * MINUTE);

    for (const webhookId of [forged.webhookId, missing.webhookId, wrongSecret.webhookId]) {
      expect(
        await h.tplus.db.prisma.inboxEvent.findUnique({ where: { dedupeKey: `pagerduty:${webhookId}` } }),
      ).toBeNull();
    }
    const after = await snapshot(h, incident.id, ticket.id);
    expect(after.inbox).toBe(before.inbox);
    expect(after.incident).toEqual(before.incident);
    expect(after.ticket.status).toBe('open');
    expect(after.incidentEvents).toBe(before.incidentEvents);
    expect(h.emulator.messagesIn(ids.triage).some((m) => m.text.includes('Mallory'))).toBe(false);
  });

  it('refuses a validly signed body that is not a PagerDuty event with 400 and stores nothing', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    const before = await snapshot(h, incident.id, ticket.id);

    const notJson = '{"event": {"id": "E1", "event_type": "incident.resolved"';
    const missingFields = JSON.stringify({
      event: {
        id: 'E2',
        event_type: 'incident.resolved',
        resource_type: 'incident',
        data: { id: 'Q1', type: 'incident', incident_key: `tplus-incident-${incident.id}` },
      },
    });
    expect(
      await postRaw(h.webhookUrl, notJson, { 'x-pagerduty-signature': sign(notJson), 'x-webhook-id': 'malformed-1' }),
    ).toBe(400);
    expect(
      await postRaw(h.webhookUrl, missingFields, {
        'x-pagerduty-signature': sign(missingFields),
        'x-webhook-id': 'malformed-2',
      }),
    ).toBe(400);
    await s.at(MINUTE);

    const after = await snapshot(h, incident.id, ticket.id);
    expect(after.inbox).toBe(before.inbox);
    expect(await h.tplus.db.prisma.inboxEvent.count({ where: { source: 'pagerduty' } })).toBe(0);
    expect(after.incident.resolvedAt).toBeNull();
    expect(after.ticket.status).toBe('open');
  });

  it('resolves the incident, its ticket and its card when PagerDuty reports a resolution, and never re-pages', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(3);
    const cardTs = cardOf(h, ticket.id).ts;
    const updatesBefore = h.emulator.callsTo('chat.update').length;

    const sent = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.resolved',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
    });
    expect(sent.status).toBe(202);
    await s.at(3 * MINUTE);

    const resolved = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(resolved.resolvedAt?.getTime()).toBe(incident.startedAt.getTime() + 3 * MINUTE);
    expect(resolved.resolvedBy).toBe(RILEY);
    expect((await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('resolved');
    const updates = h.emulator
      .callsTo('chat.update')
      .slice(updatesBefore)
      .filter((c) => c.httpStatus === 200);
    expect(updates.map((c) => c.args.ts)).toEqual([cardTs]);
    expect(JSON.stringify(cardOf(h, ticket.id).blocks)).toContain('*Status:* Resolved');
    expect(
      h.emulator.messagesIn(ids.triage).filter((m) => m.text.includes(`resolved at T+3 by ${RILEY} (PagerDuty)`)),
    ).toHaveLength(1);
    // Not echoed to PagerDuty.
    expect(s.pagerDutyActions()).toEqual(['trigger']);
    expect(
      await h.tplus.db.prisma.outboxMessage.count({
        where: { kind: 'pagerduty.event', key: { contains: 'pagerduty-resolve' } },
      }),
    ).toBe(0);

    // Nothing of the runbook runs after the resolution: no T+5 notice, no T+15 re-page or channel.
    await s.walkTo(20);
    expect(await s.fired(incident.id)).toEqual([['page', 0]]);
    expect(s.pagerDutyActions()).toEqual(['trigger']);
    expect(s.dmsTo(ids.responder)).toEqual([]);
    expect(h.emulator.callsTo('conversations.create')).toEqual([]);
  });

  it('tells the customer of a PagerDuty resolution in the thread of the message they reported it with', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    expect(ticket.threadTs).not.toBeNull();
    await s.walkTo(3);
    // The acknowledgement of the report went into the customer's thread…
    const thread = () => h.emulator.messagesIn(ids.acme.channel, { threadTs: ticket.threadTs! });
    expect(thread().map((m) => m.metadata?.event_payload.key)).toEqual([`ticket:${ticket.id}:customer-ack`]);

    expect(
      (
        await h.pagerduty.sendWebhook(h.webhookUrl, {
          eventType: 'incident.resolved',
          dedupKey: `tplus-incident-${incident.id}`,
          agentSummary: RILEY,
          secret: PD.webhookSecret,
        })
      ).status,
    ).toBe(202);
    await s.at(3 * MINUTE);

    // …and so must the resolution: a reply to the customer's message, not to tplus's own reply.
    const told = h.emulator
      .messagesIn(ids.acme.channel)
      .filter((m) => m.text.includes(`INC-${incident.id}) is resolved`));
    expect(told).toHaveLength(1);
    expect(told[0]!.thread_ts).toBe(ticket.threadTs);
    expect(thread().filter((m) => m.text.includes(`INC-${incident.id}) is resolved`))).toHaveLength(1);
  });

  it('stores a webhook about an incident tplus did not open and processes it as a no-op', async () => {
    s = await startIncidentScenario();
    const { h } = s;
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(1);
    const before = await snapshot(h, incident.id, ticket.id);

    const unknownNumber = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.resolved',
      dedupKey: `tplus-incident-${incident.id + 100}`,
      agentSummary: RILEY,
      secret: PD.webhookSecret,
    });
    const foreignKey = await h.pagerduty.sendWebhook(h.webhookUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: 'checkout-service-latency',
      agentSummary: RILEY,
      secret: PD.webhookSecret,
    });
    expect([unknownNumber.status, foreignKey.status]).toEqual([202, 202]);
    await s.at(2 * MINUTE);

    for (const { webhookId } of [unknownNumber, foreignKey]) {
      expect(
        await h.tplus.db.prisma.inboxEvent.findUniqueOrThrow({ where: { dedupeKey: `pagerduty:${webhookId}` } }),
      ).toMatchObject({ source: 'pagerduty', state: 'done', lastError: null });
    }
    const after = await snapshot(h, incident.id, ticket.id);
    expect(after.inbox).toBe(before.inbox + 2);
    expect(after.incident).toEqual(before.incident);
    expect(after.ticket).toEqual(before.ticket);
    expect(after.incidentEvents).toBe(before.incidentEvents);
    expect(await h.tplus.db.prisma.incident.count()).toBe(1);
    expect(after.outbox).toBe(before.outbox);
    expect(after.slackCalls).toBe(before.slackCalls);
    expect(s.pagerDutyActions()).toEqual(['trigger']);
  });
});
