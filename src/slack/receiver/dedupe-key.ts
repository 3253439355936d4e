import { createHash } from 'node:crypto';
import type { InboxKind } from '../../usecases/ports.ts';

/**
 * The key under which an inbound Slack request is kept once: Slack's `event_id` for events (its
 * retries reuse it), `trigger_id` for slash commands, and a hash of the payload for
 * interactions, which Slack does not retry but a client may double-submit.
 */
export function slackDedupeKey(kind: InboxKind, body: Record<string, unknown>, raw: string): string {
  if (kind === 'event' && typeof body.event_id === 'string') return `slack:event:${body.event_id}`;
  if (kind === 'command' && typeof body.trigger_id === 'string') return `slack:command:${body.trigger_id}`;
  return `slack:${kind}:${createHash('sha256').update(raw).digest('hex')}`;
}
