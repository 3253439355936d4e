import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertBook, validateEvent, type EmulatedAlert } from './alerts.ts';
import { FaultPlan } from '../fault-plan.ts';
import type { PagerDutyFaultMode } from './faults.ts';
import { listOnCalls, type EmulatedEscalationPolicy } from './oncalls.ts';
import { buildWebhookBody, postWebhook, statusAfter, type WebhookOptions } from './webhook.ts';

export type { PagerDutyFaultMode } from './faults.ts';
export type { EmulatedAlert } from './alerts.ts';
export type { EmulatedEscalationPolicy, EmulatedOnCallUser } from './oncalls.ts';
export type { WebhookEventType, WebhookOptions } from './webhook.ts';

export interface RecordedPagerDutyCall {
  /** Path without the query string, e.g. `/v2/enqueue` or `/oncalls`. */
  path: string;
  /** The query string, with its leading `?` when present. */
  query: string;
  method: string;
  /** Parsed JSON; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  at: Date;
  /** 0 when the connection was dropped without an answer. */
  httpStatus: number;
}

export interface PagerDutyEmulator {
  /** Base for the Events API: `${eventsUrl}/v2/enqueue`. */
  eventsUrl: string;
  /** Base for the REST API: `${apiUrl}/oncalls`. */
  apiUrl: string;
  calls: RecordedPagerDutyCall[];
  /** Events v2 bodies answered with 202, in order of arrival. */
  events: Record<string, unknown>[];
  /** The latest alert per dedup key. */
  alerts(): Map<string, EmulatedAlert>;
  /** Faults hit both the Events and the REST endpoints; a faulted request has no effect. */
  failAll(options: { mode: PagerDutyFaultMode; retryAfterSeconds?: number; forMs?: number }): void;
  failNext(count: number, mode: PagerDutyFaultMode): void;
  failRatio(ratio: number, mode: PagerDutyFaultMode, random?: () => number): void;
  heal(): void;
  /** Forgets calls, events and alerts and heals faults; keeps the on-call rosters. */
  reset(): void;
  /**
   * Acts as PagerDuty after a responder's action: moves the alert for `dedupKey` to the status the
   * event type implies, then posts a signed v3 webhook about it to `targetUrl`.
   */
  sendWebhook(targetUrl: string, options: WebhookOptions): Promise<{ status: number; body: string; webhookId: string }>;
  close(): Promise<void>;
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A loopback stand-in for PagerDuty's Events API v2 and the REST `/oncalls` endpoint, recording
 * every request, plus a webhook sender. One server answers both APIs.
 */
export async function startPagerDutyEmulator({
  port = 0,
  routingKey,
  apiToken,
  onCalls,
}: {
  port?: number;
  routingKey: string;
  apiToken: string;
  onCalls: EmulatedEscalationPolicy[];
}): Promise<PagerDutyEmulator> {
  const calls: RecordedPagerDutyCall[] = [];
  const events: Record<string, unknown>[] = [];
  const alerts = new AlertBook();
  const faults = new FaultPlan<PagerDutyFaultMode>();
  const startedAt = new Date();
  const shift = {
    start: new Date(startedAt.getTime() - 3_600_000),
    end: new Date(startedAt.getTime() + 7 * 86_400_000),
  };

  function enqueue(body: unknown): [number, unknown] {
    const errors = validateEvent(body, routingKey);
    if (errors.length > 0) return [400, { status: 'invalid event', message: 'Event object is invalid', errors }];
    const event = body as { event_action: string; dedup_key?: string; payload?: { summary?: string } };
    // PagerDuty makes up a key for triggers without one and returns it.
    const dedupKey = alerts.apply(event, () => randomUUID().replaceAll('-', ''));
    events.push(body as Record<string, unknown>);
    return [202, { status: 'success', message: 'Event processed', dedup_key: dedupKey }];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = parseBody(Buffer.concat(chunks).toString('utf8'));
    const call: RecordedPagerDutyCall = {
      path: url.pathname,
      query: url.search,
      method: req.method ?? 'GET',
      body,
      at: new Date(),
      httpStatus: 0,
    };
    calls.push(call);
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      call.httpStatus = status;
      answer(res, status, payload, headers);
    };

    const isEnqueue = call.method === 'POST' && url.pathname === '/v2/enqueue';
    const isOnCalls = call.method === 'GET' && url.pathname === '/oncalls';
    if (!isEnqueue && !isOnCalls) return reply(404, { error: { message: 'Not Found', code: 2100 } });

    const fault = faults.pick();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === '429') {
      return reply(
        429,
        {
          status: 'throttle event',
          message: 'Requests for this service are arriving too quickly. Please retry later.',
        },
        { 'retry-after': String(faults.retryAfterSeconds) },
      );
    }
    if (fault === '5xx') return reply(500, { status: 'error', message: 'Internal Server Error' });

    if (isEnqueue) return reply(...enqueue(body));
    if (req.headers.authorization !== `Token token=${apiToken}`) {
      return reply(401, { error: { message: 'Authentication failed', code: 2006 } });
    }
    reply(200, listOnCalls(onCalls, url.searchParams, shift));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, { status: 'error', message: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    eventsUrl: baseUrl,
    apiUrl: baseUrl,
    calls,
    events,
    alerts: () => alerts.snapshot(),
    failAll: (options) => faults.failAll(options),
    failNext: (count, mode) => faults.failNext(count, mode),
    failRatio: (ratio, mode, random) => faults.failRatio(ratio, mode, random),
    heal: () => faults.heal(),
    reset() {
      calls.length = 0;
      events.length = 0;
      alerts.clear();
      faults.heal();
    },
    async sendWebhook(targetUrl, options) {
      // A key never sent to us still gets a webhook (an incident opened in PagerDuty's UI), but no alert.
      const alert = alerts.get(options.dedupKey) ?? {
        incidentId: alerts.nextIncidentId(),
        status: 'triggered',
        triggers: 0,
        summary: '',
      };
      alert.status = statusAfter(options.eventType, alert.status);
      return postWebhook(targetUrl, buildWebhookBody(options, alert, new Date()), options);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
