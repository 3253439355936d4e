import type { WebClient } from '@slack/web-api';

export const OUTBOX_EVENT_TYPE = 'tplus_outbox';

export interface SlackFailure {
  message: string;
  /** The call may have taken effect (5xx, timeout, reset): check before repeating a post. */
  isAmbiguous: boolean;
  /** Retrying cannot help (e.g. channel_not_found, invalid_auth). */
  isPermanent: boolean;
  retryAfterMs?: number;
}

const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_access_not_granted',
]);

export function classifySlackFailure(error: unknown): SlackFailure {
  const e = error as {
    code?: string;
    message?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
  };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return {
        message: `rate limited, retry after ${e.retryAfter ?? '?'} s`,
        isAmbiguous: false,
        isPermanent: false,
        retryAfterMs: (e.retryAfter ?? 1) * 1000,
      };
    case 'slack_webapi_platform_error': {
      const slackError = e.data?.error ?? 'unknown_error';
      const isTransient = TRANSIENT_PLATFORM_ERRORS.has(slackError);
      return {
        message: `Slack said ${slackError}`,
        isAmbiguous: slackError === 'internal_error' || slackError === 'fatal_error',
        isPermanent: !isTransient,
      };
    }
    case 'slack_webapi_http_error':
      return { message: `HTTP ${e.statusCode ?? '?'} from Slack`, isAmbiguous: true, isPermanent: false };
    default:
      return { message: e.message ?? String(error), isAmbiguous: true, isPermanent: false };
  }
}

/**
 * Pages read back when looking for a key: 200 messages each. One page used to be all, and a busy
 * channel (a burst's ticket cards in triage) moved a post out of it before a takeover looked, so
 * the post was made twice.
 */
const LOOKUP_PAGES = 10;

/**
 * Finds a message tplus already posted for `key` (by its metadata), in a thread or a channel.
 * `since`: the post cannot be older (the item's creation, less clock skew). Slack then lists only
 * later messages, so the look-up reads a page or two instead of ten when the post was not made:
 * with Slack failing 30 % of calls, a look-up of ten pages almost never succeeded as a whole, and
 * the post waited for Slack to heal.
 */
export async function findPostedByKey(
  client: WebClient,
  { channel, threadTs, key, since }: { channel: string; threadTs?: string; key: string; since?: Date },
): Promise<{ channel: string; ts: string } | undefined> {
  const oldest = since ? { oldest: (since.getTime() / 1000).toFixed(6) } : {};
  let cursor: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page += 1) {
    const more = { ...oldest, ...(cursor ? { cursor } : {}) };
    const response = threadTs
      ? await client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200, ...more })
      : await client.conversations.history({ channel, include_all_metadata: true, limit: 200, ...more });
    const messages = (response.messages ?? []) as {
      ts?: string;
      metadata?: { event_type?: string; event_payload?: { key?: unknown } };
    }[];
    const found = messages.find(
      (m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.key === key,
    );
    if (found?.ts) return { channel, ts: found.ts };
    cursor = response.response_metadata?.next_cursor || undefined;
    if (!response.has_more || !cursor) return undefined;
  }
  return undefined;
}
