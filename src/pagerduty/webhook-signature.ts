import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * True when any `v1=` value in X-PagerDuty-Signature matches. PagerDuty lists several while a
 * subscription secret is being rotated, so one match is enough. There is no timestamp to check:
 * replays are caught by deduplicating on X-Webhook-Id, not here.
 */
export function verifyPagerDutySignature({
  secret,
  rawBody,
  header,
}: {
  secret: string;
  rawBody: string;
  header: string | undefined;
}): boolean {
  // An empty secret would make the HMAC forgeable by anyone who guesses the misconfiguration.
  if (!secret || !header) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  let isMatch = false;
  for (const part of header.split(',')) {
    const [scheme, value] = part.trim().split('=', 2);
    if (scheme !== 'v1' || value === undefined || !SHA256_HEX.test(value)) continue;
    const candidate = Buffer.from(value, 'hex');
    // Keep comparing after a match so the time taken does not reveal which value matched.
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) isMatch = true;
  }
  return isMatch;
}
