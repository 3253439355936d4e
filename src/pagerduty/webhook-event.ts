import { z } from 'zod';
import { UnsupportedPagerDutyWebhookError } from './errors.ts';

export interface PagerDutyWebhookEvent {
  /** `event.id`: stable for the event. Dedupe deliveries on the X-Webhook-Id header. */
  webhookEventId: string;
  eventType: string;
  occurredAt: Date;
  incidentId: string;
  /** The Events v2 dedup_key the incident was opened with, when it came from an integration. */
  incidentKey?: string;
  status?: string;
  /** Who acted, e.g. the responder who acknowledged; absent for system events. */
  agentSummary?: string;
}

// Only the fields we use are checked; PagerDuty adds fields over time and those must not break us.
const ZWebhookEnvelope = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string().min(1),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: z.object({ summary: z.string().optional() }).nullish(),
    data: z.object({}).loose(),
  }),
});

const ZIncidentData = z.object({
  id: z.string().min(1),
  type: z.literal('incident'),
  incident_key: z.string().nullish(),
  status: z.string().nullish(),
});

/**
 * Parses a verified v3 webhook body. Throws SyntaxError for non-JSON, ZodError for a malformed
 * envelope or incident, and UnsupportedPagerDutyWebhookError for well-formed non-incident events
 * (which deserve a 2xx so PagerDuty does not count them as failed deliveries).
 */
export function parsePagerDutyWebhook(rawBody: string): PagerDutyWebhookEvent {
  const { event } = ZWebhookEnvelope.parse(JSON.parse(rawBody));
  if (event.resource_type !== 'incident')
    throw new UnsupportedPagerDutyWebhookError(event.event_type, event.resource_type);
  const incident = ZIncidentData.parse(event.data);
  return {
    webhookEventId: event.id,
    eventType: event.event_type,
    occurredAt: new Date(event.occurred_at),
    incidentId: incident.id,
    ...(incident.incident_key ? { incidentKey: incident.incident_key } : {}),
    ...(incident.status ? { status: incident.status } : {}),
    ...(event.agent?.summary ? { agentSummary: event.agent.summary } : {}),
  };
}
