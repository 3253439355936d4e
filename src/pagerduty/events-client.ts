import { z } from 'zod';
import { PagerDutyDeliveryError } from './errors.ts';

export type PagerSeverity = 'critical' | 'error' | 'warning' | 'info';

export type PagerEvent =
  | {
      action: 'trigger';
      dedupKey: string;
      summary: string;
      source: string;
      severity: PagerSeverity;
      component?: string;
      customDetails?: Record<string, unknown>;
      links?: { href: string; text: string }[];
    }
  | { action: 'acknowledge' | 'resolve'; dedupKey: string };

export interface PagerDutyEvents {
  /**
   * Enqueues one event. Resolves once PagerDuty answered 2xx. Rejects with a
   * PagerDutyDeliveryError: `isRetryable` false means the event itself is wrong (fix, don't
   * retry); `isAmbiguous` true means it may have been ingested, which is harmless to repeat
   * because PagerDuty folds events with the same dedup key into one alert.
   */
  send(event: PagerEvent): Promise<{ dedupKey: string; status: string }>;
}

/** PagerDuty rejects longer summaries; dedup keys are capped at 255 characters. */
export const MAX_SUMMARY_LENGTH = 1024;
export const MAX_DEDUP_KEY_LENGTH = 255;

const ZAccepted = z.object({ status: z.string(), message: z.string().optional(), dedup_key: z.string().optional() });
const ZRejected = z.object({ message: z.string().optional(), errors: z.array(z.string()).optional() });

/** Cuts to PagerDuty's limit without leaving half of a surrogate pair at the end. */
export function truncateSummary(summary: string): string {
  if (summary.length <= MAX_SUMMARY_LENGTH) return summary;
  let cut = summary.slice(0, MAX_SUMMARY_LENGTH - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function toWireBody(routingKey: string, event: PagerEvent): Record<string, unknown> {
  const base = { routing_key: routingKey, event_action: event.action, dedup_key: event.dedupKey };
  if (event.action !== 'trigger') return base;
  return {
    ...base,
    payload: {
      summary: truncateSummary(event.summary),
      source: event.source,
      severity: event.severity,
      ...(event.component === undefined ? {} : { component: event.component }),
      ...(event.customDetails === undefined ? {} : { custom_details: event.customDetails }),
    },
    ...(event.links === undefined ? {} : { links: event.links }),
  };
}

function parseRetryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

function describeRejection(status: number, text: string): string {
  try {
    const parsed = ZRejected.safeParse(JSON.parse(text));
    if (parsed.success) {
      const details = parsed.data.errors?.length ? `: ${parsed.data.errors.join('; ')}` : '';
      return `PagerDuty rejected the event (HTTP ${status}) ${parsed.data.message ?? ''}${details}`.trim();
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the raw text.
  }
  return `PagerDuty rejected the event (HTTP ${status}) ${text.slice(0, 200)}`.trim();
}

/**
 * Events API v2 over global fetch. pdjs's `event()` always targets https://events.pagerduty.com,
 * which the loopback emulator cannot stand in for, and it does not separate "not ingested" from
 * "maybe ingested" failures, which the outbox needs to decide what to do next.
 */
export function createPagerDutyEvents({
  routingKey,
  eventsUrl = 'https://events.pagerduty.com',
  timeoutMs = 10_000,
}: {
  routingKey: string;
  eventsUrl?: string;
  timeoutMs?: number;
}): PagerDutyEvents {
  const endpoint = `${eventsUrl.replace(/\/+$/, '')}/v2/enqueue`;

  return {
    async send(event) {
      if (event.dedupKey.length === 0 || event.dedupKey.length > MAX_DEDUP_KEY_LENGTH) {
        throw new PagerDutyDeliveryError({
          message: `dedup key must be 1–${MAX_DEDUP_KEY_LENGTH} characters`,
          isRetryable: false,
          isAmbiguous: false,
        });
      }
      let response: Response;
      let text: string;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(toWireBody(routingKey, event)),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        // The request may have reached PagerDuty before the connection died or the timer fired.
        const isTimeout = error instanceof Error && error.name === 'TimeoutError';
        throw new PagerDutyDeliveryError({
          message: isTimeout
            ? `PagerDuty did not answer within ${timeoutMs} ms`
            : `PagerDuty unreachable: ${String(error)}`,
          isRetryable: true,
          isAmbiguous: true,
          cause: error,
        });
      }

      if (response.ok) {
        let accepted: z.infer<typeof ZAccepted> | undefined;
        try {
          const parsed = ZAccepted.safeParse(JSON.parse(text));
          if (parsed.success) accepted = parsed.data;
        } catch {
          // A 2xx is PagerDuty's promise to process the event; an odd body does not undo that.
        }
        return { dedupKey: accepted?.dedup_key ?? event.dedupKey, status: accepted?.status ?? 'success' };
      }
      if (response.status === 429) {
        // Rate-limited events are not ingested, so this is a clean retry, not an ambiguous one.
        const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
        throw new PagerDutyDeliveryError({
          message: 'PagerDuty rate-limited the event (HTTP 429)',
          status: 429,
          isRetryable: true,
          isAmbiguous: false,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }
      if (response.status >= 500) {
        throw new PagerDutyDeliveryError({
          message: `PagerDuty failed (HTTP ${response.status})`,
          status: response.status,
          isRetryable: true,
          isAmbiguous: true,
        });
      }
      throw new PagerDutyDeliveryError({
        message: describeRejection(response.status, text),
        status: response.status,
        isRetryable: false,
        isAmbiguous: false,
      });
    },
  };
}
