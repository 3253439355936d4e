/** What a subscriber asked for, once checked: the channel, where to, and which components (none: all). */
export interface SubscriptionRequest {
  kind: 'email' | 'webhook';
  address: string;
  components: string[];
}

export type Parsed = { ok: true; value: SubscriptionRequest } | { ok: false; message: string };

const MAX_URL = 2000;
// Deliberately plain: one @, no spaces, quotes, brackets or control characters, a dotted domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
// Literal addresses a public subscriber must not point us at (our own network).
const PRIVATE =
  /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[(::1?|f[cd][0-9a-f]*:.*|fe80:.*|::ffff:.*)\]$)/i;

function parseEmail(raw: string): string | Parsed {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..'))
    return { ok: false, message: `"${raw.slice(0, 80)}" is not an email address we can send to (name@example.com).` };
  return email;
}

function parseWebhook(raw: string, allowLoopbackHttp: boolean): string | Parsed {
  const text = raw.trim();
  if (text.length > MAX_URL) return { ok: false, message: `The webhook URL is longer than ${MAX_URL} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 80)}" is not a URL.` };
  }
  const isLoopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(allowLoopbackHttp && isLoopback && url.protocol === 'http:'))
    return {
      ok: false,
      message: 'The webhook URL must use https:// (updates are signed, but must not travel in clear text).',
    };
  if (url.username || url.password)
    return {
      ok: false,
      message: 'The webhook URL must not carry a user name or password; we sign every request instead.',
    };
  if (PRIVATE.test(url.hostname) && !(allowLoopbackHttp && isLoopback))
    return { ok: false, message: 'The webhook URL must point at a public host, not a private or loopback address.' };
  url.hash = '';
  return url.toString();
}

/**
 * Checks a subscription request: exactly one of an email address or an https webhook URL, and
 * components from the page (an empty list means all). Every refusal is a sentence for the
 * subscriber; nothing is stored for one. Pure.
 */
export function parseSubscription({
  input,
  componentIds,
  allowLoopbackHttp = false,
}: {
  input: { email?: unknown; webhookUrl?: unknown; components?: unknown };
  componentIds: readonly string[];
  allowLoopbackHttp?: boolean;
}): Parsed {
  const email = typeof input.email === 'string' && input.email.trim() !== '' ? input.email : undefined;
  const webhook = typeof input.webhookUrl === 'string' && input.webhookUrl.trim() !== '' ? input.webhookUrl : undefined;
  if ((email === undefined) === (webhook === undefined))
    return { ok: false, message: 'Give either an email address or a webhook URL (one of them, not both).' };
  const raw = input.components ?? [];
  const listed = (Array.isArray(raw) ? raw : [raw]).map(String).filter((c) => c !== '' && c !== 'all');
  const unknown = listed.filter((c) => !componentIds.includes(c));
  if (unknown.length > 0)
    return {
      ok: false,
      message: `Unknown component ${unknown.map((c) => `"${c.slice(0, 40)}"`).join(', ')}; choose from ${componentIds.join(', ')}.`,
    };
  const components = [...new Set(listed)].sort();
  const address = email !== undefined ? parseEmail(email) : parseWebhook(webhook as string, allowLoopbackHttp);
  if (typeof address !== 'string') return address;
  return { ok: true, value: { kind: email !== undefined ? 'email' : 'webhook', address, components } };
}

/** Whether an update about `affected` components reaches a subscriber to `wanted` (empty: everything). */
export function isSubscribedTo(wanted: readonly string[], affected: readonly string[]): boolean {
  return wanted.length === 0 || affected.length === 0 || wanted.some((c) => affected.includes(c));
}
