import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { parseAlerts } from '../alerts/parse-alerts.ts';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import { requireBearer } from './bearer-auth.ts';
import type { Clock, InboxStore } from '../usecases/ports.ts';

/**
 * POST /alerts: a generic JSON alert or an Alertmanager webhook, with the bearer token from
 * TPLUS_ALERTS_TOKEN. Checked (401 / 400, nothing stored), committed to the inbox, then 202.
 */
export function alertsRoute({
  token,
  inbox,
  clock,
  logger,
  onCommitted,
}: {
  token: string | undefined;
  inbox: InboxStore;
  clock: Clock;
  logger: Logger;
  onCommitted: () => void;
}): Route {
  return {
    method: 'POST',
    path: '/alerts',
    async handle(req, res, rawBody) {
      if (!requireBearer(req, res, token, { error: 'alerts_not_configured' })) return;
      let count: number;
      try {
        count = parseAlerts(JSON.parse(rawBody)).length;
      } catch (error) {
        return sendJson(res, 400, { error: 'malformed_alert', detail: (error as Error).message.slice(0, 500) });
      }
      try {
        // Each delivery is its own entry: a repeated alert attaches to its open incident by fingerprint.
        await inbox.append({
          source: 'alerts',
          dedupeKey: `alerts:${randomUUID()}`,
          kind: 'event',
          body: rawBody,
          receivedAt: clock.now(),
          retryNum: 0,
        });
      } catch (error) {
        logger.error({ err: error }, 'inbox refused an alert');
        return sendJson(res, 503, { error: 'try_again' });
      }
      sendJson(res, 202, { ok: true, alerts: count });
      onCommitted();
    },
  };
}
