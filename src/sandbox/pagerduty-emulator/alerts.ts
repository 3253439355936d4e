export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface EmulatedAlert {
  /** The PagerDuty incident the alert opened; webhooks about it carry this id. */
  incidentId: string;
  status: AlertStatus;
  /** Trigger events folded into this alert, the first included. */
  triggers: number;
  summary: string;
}

const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);
const ACTIONS = new Set(['trigger', 'acknowledge', 'resolve']);

/** The checks PagerDuty makes before answering 202; each string mirrors one of its `errors`. */
export function validateEvent(body: unknown, routingKey: string): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['Event object must be a JSON object'];
  const event = body as Record<string, unknown>;
  const errors: string[] = [];
  if (event.routing_key !== routingKey) errors.push("'routing_key' is invalid");
  if (typeof event.event_action !== 'string' || !ACTIONS.has(event.event_action))
    errors.push("'event_action' is invalid");
  const dedupKey = event.dedup_key;
  if (dedupKey !== undefined && (typeof dedupKey !== 'string' || dedupKey.length > 255))
    errors.push("'dedup_key' is invalid");
  if (event.event_action !== 'trigger') {
    if (typeof dedupKey !== 'string' || dedupKey === '') errors.push("'dedup_key' is missing or blank");
    return errors;
  }
  const payload = event.payload as Record<string, unknown> | undefined;
  if (typeof payload !== 'object' || payload === null) return [...errors, "'payload' is missing or invalid"];
  if (typeof payload.summary !== 'string' || payload.summary === '')
    errors.push("'payload.summary' is missing or blank");
  else if (payload.summary.length > 1024) errors.push("'payload.summary' is longer than 1024 characters");
  if (typeof payload.source !== 'string' || payload.source === '') errors.push("'payload.source' is missing or blank");
  if (typeof payload.severity !== 'string' || !SEVERITIES.has(payload.severity))
    errors.push("'payload.severity' is invalid");
  return errors;
}

/** Alert state per dedup key, following PagerDuty's folding rules. */
export class AlertBook {
  private readonly byKey = new Map<string, EmulatedAlert>();
  private incidentCount = 0;

  /** Applies a validated event and returns the dedup key it landed on. */
  apply(
    event: { event_action: string; dedup_key?: string; payload?: { summary?: string } },
    newKey: () => string,
  ): string {
    const dedupKey = event.dedup_key || newKey();
    const alert = this.byKey.get(dedupKey);
    if (event.event_action === 'trigger') {
      // An open alert absorbs repeated triggers; after resolve the same key starts a new one.
      if (alert && alert.status !== 'resolved') alert.triggers += 1;
      else
        this.byKey.set(dedupKey, {
          incidentId: this.nextIncidentId(),
          status: 'triggered',
          triggers: 1,
          summary: event.payload?.summary ?? '',
        });
    } else if (alert && alert.status !== 'resolved') {
      // PagerDuty answers 202 for acks and resolves of unknown or closed keys, and ignores them.
      alert.status = event.event_action === 'resolve' ? 'resolved' : 'acknowledged';
    }
    return dedupKey;
  }

  /** The live alert, which the webhook sender moves on as a responder would. */
  get(dedupKey: string): EmulatedAlert | undefined {
    return this.byKey.get(dedupKey);
  }

  /** A copy, so tests cannot change the emulator's state by accident. */
  snapshot(): Map<string, EmulatedAlert> {
    return new Map([...this.byKey].map(([key, alert]) => [key, { ...alert }]));
  }

  nextIncidentId(): string {
    this.incidentCount += 1;
    return `Q${this.incidentCount.toString(36).toUpperCase().padStart(6, '0')}`;
  }

  clear(): void {
    this.byKey.clear();
  }
}
