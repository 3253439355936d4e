import type { StatuspageIncident } from '../usecases/ports.ts';

/**
 * A Statuspage call that did not succeed. `isRetryable`: the same call may succeed later (429,
 * 5xx, network); `isAmbiguous`: Statuspage may have acted on it (5xx, timeout, dropped
 * connection), so a create is looked up by its marker before it is sent again.
 */
export class StatuspageDeliveryError extends Error {
  override readonly name = 'StatuspageDeliveryError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly isRetryable: boolean,
    readonly isAmbiguous: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface StatuspageClient {
  /** Creates an incident carrying `marker` in its metadata; resolves its Statuspage id. */
  create(pageId: string, incident: StatuspageIncident, marker: string): Promise<string>;
  update(pageId: string, incidentId: string, incident: StatuspageIncident): Promise<void>;
  /** The incident an earlier, unclear create made (found by name search, matched by marker). */
  findByMarker(pageId: string, name: string, marker: string): Promise<string | undefined>;
}

/** Statuspage's wire shape (REST v1): snake_case, component states keyed by component id. */
function toWire(incident: StatuspageIncident, marker?: string): Record<string, unknown> {
  return {
    incident: {
      name: incident.name,
      status: incident.status,
      body: incident.body,
      impact_override: incident.impactOverride,
      components: incident.components,
      component_ids: Object.keys(incident.components),
      ...(incident.scheduledFor ? { scheduled_for: incident.scheduledFor } : {}),
      ...(incident.scheduledUntil ? { scheduled_until: incident.scheduledUntil } : {}),
      ...(marker ? { metadata: { tplus: { key: marker } } } : {}),
    },
  };
}

export function createStatuspageClient({
  apiUrl,
  apiKey,
  timeoutMs = 10_000,
}: {
  apiUrl: string;
  apiKey: string;
  timeoutMs?: number;
}): StatuspageClient {
  const base = apiUrl.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { authorization: `OAuth ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new StatuspageDeliveryError(
        `Statuspage ${method} ${path}: ${(error as Error).message}`,
        undefined,
        true,
        method !== 'GET',
      );
    }
    const text = await response.text();
    if (response.ok) return text ? (JSON.parse(text) as unknown) : undefined;
    const retryAfter = Number(response.headers.get('retry-after'));
    const message = `Statuspage ${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`;
    if (response.status === 429)
      throw new StatuspageDeliveryError(
        message,
        429,
        true,
        false,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    if (response.status >= 500) throw new StatuspageDeliveryError(message, response.status, true, method !== 'GET');
    throw new StatuspageDeliveryError(message, response.status, false, false);
  }
  const page = (pageId: string) => `/pages/${encodeURIComponent(pageId)}/incidents`;
  return {
    async create(pageId, incident, marker) {
      const created = (await call('POST', page(pageId), toWire(incident, marker))) as { id?: unknown } | undefined;
      if (typeof created?.id !== 'string')
        throw new StatuspageDeliveryError('Statuspage create answered without an incident id', 200, true, true);
      return created.id;
    },
    async update(pageId, incidentId, incident) {
      await call('PATCH', `${page(pageId)}/${encodeURIComponent(incidentId)}`, toWire(incident));
    },
    async findByMarker(pageId, name, marker) {
      const found = (await call('GET', `${page(pageId)}?q=${encodeURIComponent(name)}&per_page=100`)) as
        { id: string; metadata?: { tplus?: { key?: string } } }[] | undefined;
      return found?.find((i) => i.metadata?.tplus?.key === marker)?.id;
    },
  };
}
