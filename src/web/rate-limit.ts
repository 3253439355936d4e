import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';

export interface RateLimitOptions {
  requests: number;
  perSeconds: number;
}

/** The client a public request is counted against: the peer address (tplus trusts no proxy header). */
function clientOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Wraps public routes in a per-client fixed-window limit and says so with the IETF
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds) headers. Over the
 * limit: 429 with `Retry-After` and a JSON error, and the route is not run. Windows run on the
 * wall clock, like every limit a client can observe.
 */
export function rateLimited(routes: Route[], { requests, perSeconds }: RateLimitOptions): Route[] {
  const limiter = new RateLimiterMemory({ points: requests, duration: perSeconds });
  const headersOf = (res: RateLimiterRes) => ({
    'ratelimit-limit': String(requests),
    'ratelimit-remaining': String(Math.max(0, res.remainingPoints)),
    'ratelimit-reset': String(Math.max(1, Math.ceil(res.msBeforeNext / 1000))),
  });
  return routes.map((route) => ({
    ...route,
    async handle(req, res, rawBody) {
      let verdict: RateLimiterRes;
      try {
        verdict = await limiter.consume(clientOf(req));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const headers = headersOf(rejection);
        sendJson(
          res,
          429,
          {
            error: 'rate_limited',
            message: `Too many requests: at most ${requests} every ${perSeconds} s per client. Retry after ${headers['ratelimit-reset']} s.`,
          },
          { ...headers, 'retry-after': headers['ratelimit-reset'] },
        );
        return;
      }
      for (const [name, value] of Object.entries(headersOf(verdict))) res.setHeader(name, value);
      await route.handle(req, res, rawBody);
    },
  }));
}
