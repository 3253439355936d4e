import { createHmac, randomUUID } from 'node:crypto';
import type { AlertStatus, EmulatedAlert } from './alerts.ts';

export type WebhookEventType =
  | 'incident.triggered'
  | 'incident.acknowledged'
  | 'incident.unacknowledged'
  | 'incident.resolved'
  | 'incident.reopened'
  | 'incident.escalated'
  | 'incident.reassigned'
  | 'incident.annotated'
  | 'incident.priority_updated';

export interface WebhookOptions {
  eventType: WebhookEventType;
  dedupKey: string;
  agentSummary?: string;
  webhookId?: string;
  secret: string;
  /** Sent as X-PagerDuty-Signature verbatim instead of a correct signature. */
  signatureOverride?: string;
  omitSignature?: boolean;
}

/** The incident status PagerDuty reports after each kind of event; others keep the current one. */
export function statusAfter(eventType: WebhookEventType, current: AlertStatus | undefined): AlertStatus {
  if (eventType === 'incident.acknowledged') return 'acknowledged';
  if (eventType === 'incident.resolved') return 'resolved';
  if (
    eventType === 'incident.triggered' ||
    eventType === 'incident.unacknowledged' ||
    eventType === 'incident.reopened'
  )
    return 'triggered';
  return current ?? 'triggered';
}

export function buildWebhookBody(
  { eventType, dedupKey, agentSummary }: WebhookOptions,
  alert: EmulatedAlert,
  occurredAt: Date,
): string {
  return JSON.stringify({
    event: {
      id: randomUUID(),
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt.toISOString(),
      agent: agentSummary === undefined ? null : { id: 'PAGENT1', type: 'user_reference', summary: agentSummary },
      client: null,
      data: {
        id: alert.incidentId,
        type: 'incident',
        html_url: `https://emulated.pagerduty.com/incidents/${alert.incidentId}`,
        status: alert.status,
        incident_key: dedupKey,
        title: alert.summary || `Alert ${dedupKey}`,
        urgency: 'high',
        service: { id: 'PSERVC1', type: 'service_reference', summary: 'tplus' },
      },
    },
  });
}

// Signed here rather than with the adapter's helper, so a bug there cannot hide in both sides.
function sign(secret: string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Posts like PagerDuty's webhook sender: signed raw body, X-Webhook-Id for deduplication. */
export async function postWebhook(
  targetUrl: string,
  rawBody: string,
  options: WebhookOptions,
): Promise<{ status: number; body: string; webhookId: string }> {
  const webhookId = options.webhookId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-webhook-id': webhookId,
    'user-agent': 'PagerDuty-Webhook/V3.0',
  };
  if (!options.omitSignature)
    headers['x-pagerduty-signature'] = options.signatureOverride ?? sign(options.secret, rawBody);
  // PagerDuty gives up on an endpoint that has not answered within 5 s.
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers,
    body: rawBody,
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.text(), webhookId };
}
