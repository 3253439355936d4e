import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import {
  parsePagerDutyWebhook,
  UnsupportedPagerDutyWebhookError,
  verifyPagerDutySignature,
} from '../pagerduty/index.ts';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import type { Clock, InboxStore } from '../usecases/ports.ts';

/**
 * POST /pagerduty/webhook (Webhooks v3): the signature is verified (bad or missing → 401,
 * nothing stored), the body must parse (→ 400), and the event is committed to the inbox, keyed by
 * X-Webhook-Id so PagerDuty's redeliveries are recognised, before the 2xx.
 */
export function pagerDutyWebhookRoute({
  secret,
  inbox,
  clock,
  logger,
  onCommitted,
}: {
  secret: string | undefined;
  inbox: InboxStore;
  clock: Clock;
  logger: Logger;
  onCommitted: () => void;
}): Route {
  return {
    method: 'POST',
    path: '/pagerduty/webhook',
    async handle(req, res, rawBody) {
      if (!secret) return sendJson(res, 404, { error: 'pagerduty_webhooks_not_configured' });
      const header = req.headers['x-pagerduty-signature'];
      if (!verifyPagerDutySignature({ secret, rawBody, header: Array.isArray(header) ? header.join(',') : header })) {
        logger.warn('refused a PagerDuty webhook with a bad or missing signature');
        return sendJson(res, 401, { error: 'invalid_signature' });
      }
      let eventId: string;
      try {
        eventId = parsePagerDutyWebhook(rawBody).webhookEventId;
      } catch (error) {
        if (error instanceof UnsupportedPagerDutyWebhookError)
          return sendJson(res, 200, { ok: true, ignored: error.eventType });
        return sendJson(res, 400, { error: 'malformed_body' });
      }
      const webhookId = req.headers['x-webhook-id'];
      const dedupe =
        (Array.isArray(webhookId) ? webhookId[0] : webhookId) ||
        eventId ||
        createHash('sha256').update(rawBody).digest('hex');
      try {
        const stored = await inbox.append({
          source: 'pagerduty',
          dedupeKey: `pagerduty:${dedupe}`,
          kind: 'event',
          body: rawBody,
          receivedAt: clock.now(),
          retryNum: 0,
        });
        sendJson(res, 202, { ok: true, duplicate: stored.isDuplicate });
        if (!stored.isDuplicate) onCommitted();
      } catch (error) {
        logger.error({ err: error }, 'inbox refused a PagerDuty webhook');
        sendJson(res, 503, { error: 'try_again' });
      }
    },
  };
}
