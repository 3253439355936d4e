import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Slack's documented replay window; both directions, unlike Bolt's HTTPReceiver. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type Verdict = { ok: true } | { ok: false; status: 401; reason: string };

/** Checks the v0 signature and that the timestamp is within five minutes of `nowMs`, either way. */
export function verifySlackSignature({
  signingSecret,
  rawBody,
  signature,
  timestamp,
  nowMs,
}: {
  signingSecret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}): Verdict {
  if (!signature || !timestamp) return { ok: false, status: 401, reason: 'missing signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: 'malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, status: 401, reason: 'timestamp outside the five-minute window' };
  }
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: 'signature mismatch' };
  }
  return { ok: true };
}

export type ParsedSlackRequest =
  | { kind: 'event'; body: Record<string, unknown> }
  | { kind: 'interaction'; body: Record<string, unknown> }
  | { kind: 'command'; body: Record<string, unknown> };

/** Parses a verified body by its content type; undefined means malformed (answer 400). */
export function parseSlackBody(rawBody: string, contentType: string | undefined): ParsedSlackRequest | undefined {
  try {
    if (contentType?.includes('application/json')) {
      const body: unknown = JSON.parse(rawBody);
      return isRecord(body) && typeof body.type === 'string' ? { kind: 'event', body } : undefined;
    }
    if (contentType?.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(rawBody);
      const payload = form.get('payload');
      if (payload !== null) {
        const body: unknown = JSON.parse(payload);
        return isRecord(body) && typeof body.type === 'string' ? { kind: 'interaction', body } : undefined;
      }
      const body = Object.fromEntries(form.entries());
      return typeof body.command === 'string' ? { kind: 'command', body } : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
