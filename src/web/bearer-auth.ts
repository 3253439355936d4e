import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../slack/receiver/http-receiver.ts';

function isBearer(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Guards a route with a bearer token from the environment. Without a configured token the route
 * does not exist (404 with `notConfigured`); a missing or wrong token gets 401. Answers and
 * resolves false when the request may not go on.
 */
export function requireBearer(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
  notConfigured: Record<string, string>,
): token is string {
  if (!token) {
    sendJson(res, 404, notConfigured);
    return false;
  }
  if (!isBearer(req.headers.authorization, token)) {
    sendJson(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer' });
    return false;
  }
  return true;
}
