import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function signSlackRequest({
  signingSecret,
  timestamp,
  rawBody,
}: {
  signingSecret: string;
  timestamp: number;
  rawBody: string;
}): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export type RequestKind = 'event' | 'interaction' | 'command';

/** Encodes a payload the way Slack sends each kind: events as JSON, interactions as `payload=`, commands as a form. */
export function encodeSlackBody(
  kind: RequestKind,
  payload: Record<string, unknown>,
): { body: string; contentType: string } {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  if (kind === 'interaction')
    return {
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) form.set(key, String(value));
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface SignedResponse {
  status: number;
  /** The raw response text (JSON for most answers). */
  body: string;
  ms: number;
  headers: Record<string, string>;
}

/** Sends a request to a Slack endpoint exactly as Slack would, signed, with optional faults. */
export async function sendSigned(
  url: string,
  {
    signingSecret,
    kind,
    payload,
    retryNum,
    retryReason,
    timestampSkewSeconds = 0,
    signatureOverride,
    rawBodyOverride,
  }: {
    signingSecret: string;
    kind: RequestKind;
    payload: Record<string, unknown>;
    retryNum?: number;
    retryReason?: string;
    timestampSkewSeconds?: number;
    signatureOverride?: string;
    rawBodyOverride?: string;
  },
): Promise<SignedResponse> {
  const encoded = encodeSlackBody(kind, payload);
  const rawBody = rawBodyOverride ?? encoded.body;
  const timestamp = Math.floor(Date.now() / 1000) + timestampSkewSeconds;
  const headers: Record<string, string> = {
    'content-type': encoded.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signatureOverride ?? signSlackRequest({ signingSecret, timestamp, rawBody }),
  };
  if (retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(retryNum);
    headers['x-slack-retry-reason'] = retryReason ?? 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  const text = await response.text();
  const ms = performance.now() - started;
  return { status: response.status, body: text, ms, headers: Object.fromEntries(response.headers.entries()) };
}
