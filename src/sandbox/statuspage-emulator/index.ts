import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan } from '../fault-plan.ts';

/**
 * `5xx`: refused before acting; `5xx-after`: acted, then answered 500 (the unclear case); `drop`: connection closed
 * unanswered.
 */
export type StatuspageFaultMode = '5xx' | '5xx-after' | '429' | 'drop';

export interface RecordedStatuspageCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization: string | undefined;
  httpStatus: number;
  at: Date;
}

export interface EmulatedStatuspageIncident {
  id: string;
  name: string;
  status: string;
  impact_override: string | null;
  components: Record<string, string>;
  metadata: Record<string, unknown>;
  scheduled_for: string | null;
  scheduled_until: string | null;
  incident_updates: { id: string; status: string; body: string; created_at: string }[];
}

export interface StatuspageEmulator {
  apiUrl: string;
  calls: RecordedStatuspageCall[];
  /** Incidents per page id, in creation order. */
  incidents(pageId: string): EmulatedStatuspageIncident[];
  failNext(count: number, mode: StatuspageFaultMode): void;
  heal(): void;
  close(): Promise<void>;
}

type Wire = { incident?: Partial<Omit<EmulatedStatuspageIncident, 'id' | 'incident_updates'>> & { body?: string } };

/** A loopback stand-in for the Statuspage REST API v1 incident endpoints: OAuth key checked, every call recorded. */
export async function startStatuspageEmulator({
  apiKey,
  pageIds,
  port = 0,
}: {
  apiKey: string;
  pageIds: string[];
  port?: number;
}): Promise<StatuspageEmulator> {
  const calls: RecordedStatuspageCall[] = [];
  const pages = new Map(pageIds.map((id) => [id, [] as EmulatedStatuspageIncident[]]));
  const faults = new FaultPlan<StatuspageFaultMode>();
  const newId = () => randomBytes(6).toString('hex');

  function apply(target: EmulatedStatuspageIncident, wire: Wire): void {
    const i = wire.incident ?? {};
    if (i.name) target.name = i.name;
    if (i.status) target.status = i.status;
    if (i.impact_override) target.impact_override = i.impact_override;
    if (i.components) target.components = { ...target.components, ...i.components };
    if (i.metadata) target.metadata = i.metadata;
    if (i.scheduled_for) target.scheduled_for = i.scheduled_for;
    if (i.scheduled_until) target.scheduled_until = i.scheduled_until;
    if (i.body)
      target.incident_updates.unshift({
        id: newId(),
        status: target.status,
        body: i.body,
        created_at: new Date().toISOString(),
      });
  }

  function act(method: string, parts: string[], url: URL, body: unknown): [number, unknown] {
    const [, pageId, , incidentId] = parts;
    const incidents = pages.get(pageId ?? '');
    if (!incidents) return [404, { error: 'page not found' }];
    if (method === 'GET' && !incidentId) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return [200, incidents.filter((i) => !q || i.name.toLowerCase().includes(q))];
    }
    if (method === 'POST' && !incidentId) {
      const wire = body as Wire;
      if (!wire?.incident?.name) return [422, { error: 'name is required' }];
      const created: EmulatedStatuspageIncident = {
        id: newId(),
        name: '',
        status: 'investigating',
        impact_override: null,
        components: {},
        metadata: {},
        scheduled_for: null,
        scheduled_until: null,
        incident_updates: [],
      };
      apply(created, wire);
      incidents.push(created);
      return [201, created];
    }
    const found = incidents.find((i) => i.id === incidentId);
    if (method === 'PATCH' && found) {
      apply(found, body as Wire);
      return [200, found];
    }
    return [404, { error: 'not found' }];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      body = raw;
    }
    const call: RecordedStatuspageCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      body,
      authorization: req.headers.authorization,
      httpStatus: 0,
      at: new Date(),
    };
    calls.push(call);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      call.httpStatus = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(payload));
    };
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'pages' || parts[2] !== 'incidents' || parts.length > 4) return reply(404, { error: 'not found' });
    if (req.headers.authorization !== `OAuth ${apiKey}`) return reply(401, { error: 'Could not authenticate' });
    const fault = faults.pick();
    if (fault === 'drop') {
      call.httpStatus = 0;
      req.socket.destroy();
      return;
    }
    if (fault === '429')
      return reply(429, { error: 'rate limited' }, { 'retry-after': String(faults.retryAfterSeconds) });
    if (fault === '5xx') return reply(500, { error: 'internal error' });
    const [status, payload] = act(call.method, parts, url, body);
    if (fault === '5xx-after') return reply(500, { error: 'internal error' });
    reply(status, payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    incidents: (pageId) => [...(pages.get(pageId) ?? [])],
    failNext: (count, mode) => faults.failNext(count, mode),
    heal: () => faults.heal(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
