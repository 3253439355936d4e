import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { UnsupportedPagerDutyWebhookError } from '../../../src/pagerduty/errors.ts';
import { parsePagerDutyWebhook } from '../../../src/pagerduty/webhook-event.ts';

function webhook(overrides: { event?: Record<string, unknown>; data?: Record<string, unknown> } = {}): string {
  return JSON.stringify({
    event: {
      id: '01DEN1RM0JQ5QHRQLZ8M6QG1EO',
      event_type: 'incident.acknowledged',
      resource_type: 'incident',
      occurred_at: '2025-03-04T10:15:30.123Z',
      agent: {
        id: 'PUSER01',
        type: 'user_reference',
        summary: 'Dana Ops',
        html_url: 'https://x.pagerduty.com/users/PUSER01',
      },
      client: null,
      data: {
        id: 'Q1ABCDE',
        type: 'incident',
        status: 'acknowledged',
        incident_key: 'tplus-ticket-42',
        title: 'Exports failing for Acme',
        service: { id: 'PSVC01', type: 'service_reference' },
        ...overrides.data,
      },
      ...overrides.event,
    },
  });
}

describe('parsePagerDutyWebhook', () => {
  it('reads the incident, its dedup key, status and who acted from a v3 acknowledgement', () => {
    expect(parsePagerDutyWebhook(webhook())).toEqual({
      webhookEventId: '01DEN1RM0JQ5QHRQLZ8M6QG1EO',
      eventType: 'incident.acknowledged',
      occurredAt: new Date('2025-03-04T10:15:30.123Z'),
      incidentId: 'Q1ABCDE',
      incidentKey: 'tplus-ticket-42',
      status: 'acknowledged',
      agentSummary: 'Dana Ops',
    });
  });

  it('leaves out the agent and incident key when PagerDuty sends null for them', () => {
    const parsed = parsePagerDutyWebhook(webhook({ event: { agent: null }, data: { incident_key: null } }));
    expect(parsed).not.toHaveProperty('agentSummary');
    expect(parsed).not.toHaveProperty('incidentKey');
    expect(parsed.incidentId).toBe('Q1ABCDE');
  });

  it('accepts occurred_at with a numeric offset and keeps the instant', () => {
    const parsed = parsePagerDutyWebhook(webhook({ event: { occurred_at: '2025-03-04T12:15:30+02:00' } }));
    expect(parsed.occurredAt.toISOString()).toBe('2025-03-04T10:15:30.000Z');
  });

  it('throws SyntaxError for a body that is not JSON', () => {
    expect(() => parsePagerDutyWebhook('event=incident.resolved')).toThrow(SyntaxError);
  });

  it.each([
    ['the event envelope is missing', JSON.stringify({ messages: [] })],
    ['the event id is missing', webhook({ event: { id: undefined } })],
    ['occurred_at is not a timestamp', webhook({ event: { occurred_at: 'yesterday' } })],
    ['the incident has no id', webhook({ data: { id: undefined } })],
    ['an incident event carries data of another type', webhook({ data: { type: 'service' } })],
  ])('throws ZodError when %s', (_label, body) => {
    expect(() => parsePagerDutyWebhook(body)).toThrow(ZodError);
  });

  it('throws UnsupportedPagerDutyWebhookError for a ping so the receiver can answer 2xx and move on', () => {
    const ping = webhook({
      event: { event_type: 'pagey.ping', resource_type: 'pagey', agent: null },
      data: { type: 'ping', id: undefined },
    });
    expect(() => parsePagerDutyWebhook(ping)).toThrow(UnsupportedPagerDutyWebhookError);
  });
});
