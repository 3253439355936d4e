import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import { clientAddress, type TrustProxy } from './client-address.ts';

export interface RateLimitOptions {
  requests: number;
  perSeconds: number;
  /** Proxies to believe about the real client (statusPage.trustProxy); none by default. */
  trustProxy?: TrustProxy;
}

// Browser widgets read the JSON and its limits cross-origin, the 429 included.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'RateLimit-Policy, RateLimit, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After',
};

/**
 * Wraps public routes in a per-client fixed-window limit and says so twice: with the IETF draft's
 * structured `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers) and
 * the older `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds) that existing
 * clients read. Over the limit: 429 with `Retry-After`, CORS and a JSON error, and the route is
 * not run. Windows run on the wall clock, like every limit a client can observe.
 */
export function rateLimited(routes: Route[], { requests, perSeconds, trustProxy = 0 }: RateLimitOptions): Route[] {
  const limiter = new RateLimiterMemory({ points: requests, duration: perSeconds });
  const clientOf: (req: IncomingMessage) => string = clientAddress(trustProxy);
  const headersOf = (res: RateLimiterRes) => {
    const remaining = Math.max(0, res.remainingPoints);
    const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return {
      'ratelimit-policy': `"default";q=${requests};w=${perSeconds}`,
      ratelimit: `"default";r=${remaining};t=${reset}`,
      'ratelimit-limit': String(requests),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(reset),
    };
  };
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
          { ...headers, ...CORS, 'retry-after': headers['ratelimit-reset'] },
        );
        return;
      }
      for (const [name, value] of Object.entries(headersOf(verdict))) res.setHeader(name, value);
      res.setHeader('access-control-expose-headers', CORS['access-control-expose-headers']);
      await route.handle(req, res, rawBody);
    },
  }));
}
