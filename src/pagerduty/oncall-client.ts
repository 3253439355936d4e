import { api } from '@pagerduty/pdjs';
import { z } from 'zod';
import { PagerDutyLookupError } from './errors.ts';

export interface OnCallUser {
  id: string;
  name: string;
  /** Empty when PagerDuty did not include it; the caller then cannot map the user to Slack by email. */
  email: string;
  /** Escalation level, 1 = first responder. */
  level: number;
}

export interface OnCallLookup {
  /**
   * Who is on call for the escalation policy, first responders first. Answers from cache until
   * `now` passes the previous fetch + cacheMs. Rejects with PagerDutyLookupError on any failure;
   * nothing is cached then, so the next call asks PagerDuty again.
   */
  current(now: Date): Promise<{ users: OnCallUser[]; source: 'pagerduty' | 'cache' }>;
}

const PAGE_SIZE = 100;
/** A guard against a server that always says `more: true`; one policy never has this many entries. */
const MAX_PAGES = 20;

const ZOnCallsPage = z.object({
  oncalls: z.array(
    z.object({
      escalation_level: z.number().int(),
      user: z.object({
        id: z.string(),
        summary: z.string().optional(),
        name: z.string().optional(),
        email: z.string().optional(),
      }),
    }),
  ),
  more: z.boolean().optional(),
});

/** One entry per user at their lowest level, so a person on two levels is not paged twice. */
export function toOnCallUsers(entries: z.infer<typeof ZOnCallsPage>['oncalls']): OnCallUser[] {
  const byId = new Map<string, OnCallUser>();
  for (const { escalation_level: level, user } of entries) {
    const seen = byId.get(user.id);
    if (seen && seen.level <= level) continue;
    byId.set(user.id, { id: user.id, name: user.name ?? user.summary ?? user.id, email: user.email ?? '', level });
  }
  return [...byId.values()].sort((a, b) => a.level - b.level);
}

/**
 * Current on-calls through pdjs `api()` with a full URL (so tests can point it at the loopback
 * emulator); pdjs sends `Authorization: Token token=…`.
 */
export function createOnCallLookup({
  apiUrl = 'https://api.pagerduty.com',
  apiToken,
  escalationPolicyId,
  cacheMs = 60_000,
  timeoutMs = 5000,
}: {
  apiUrl?: string;
  apiToken: string;
  escalationPolicyId: string;
  cacheMs?: number;
  timeoutMs?: number;
}): OnCallLookup {
  const url = `${apiUrl.replace(/\/+$/, '')}/oncalls`;
  let cached: { users: OnCallUser[]; expiresAt: number } | undefined;
  let inFlight: Promise<OnCallUser[]> | undefined;

  async function fetchPage(offset: number): Promise<z.infer<typeof ZOnCallsPage>> {
    let response;
    try {
      response = await api({
        url,
        token: apiToken,
        method: 'GET',
        queryParameters: {
          'escalation_policy_ids[]': [escalationPolicyId],
          'include[]': ['users'],
          earliest: 'true',
          limit: String(PAGE_SIZE),
          offset: String(offset),
        },
        // pdjs's own requestTimeout only arms a timer that aborts nothing; the signal does abort.
        requestTimeout: 0,
        signal: AbortSignal.timeout(timeoutMs),
        // pdjs waits 20 s between 429 retries by default, far past what a paging decision can wait.
        retryTimeout: 500,
      });
    } catch (error) {
      // pdjs rejects with its own (cross-fetch) Response when the body is not JSON, e.g. a proxy's
      // 502 page; it is not an instance of the global Response, so look for the status field.
      const status =
        typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
          ? error.status
          : undefined;
      const isTimeout = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
      const reason = status ? `HTTP ${status}` : isTimeout ? `no answer within ${timeoutMs} ms` : String(error);
      throw new PagerDutyLookupError(`PagerDuty on-call lookup failed: ${reason}`, {
        cause: error,
        ...(status === undefined ? {} : { status }),
      });
    }
    if (!response.ok) {
      throw new PagerDutyLookupError(`PagerDuty on-call lookup failed: HTTP ${response.status}`, {
        status: response.status,
      });
    }
    const parsed = ZOnCallsPage.safeParse(response.data);
    if (!parsed.success) {
      throw new PagerDutyLookupError('PagerDuty on-call lookup returned an unexpected shape', { cause: parsed.error });
    }
    return parsed.data;
  }

  async function fetchAll(): Promise<OnCallUser[]> {
    const entries: z.infer<typeof ZOnCallsPage>['oncalls'] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const data = await fetchPage(page * PAGE_SIZE);
      entries.push(...data.oncalls);
      if (!data.more) return toOnCallUsers(entries);
    }
    throw new PagerDutyLookupError(`PagerDuty on-call lookup did not finish within ${MAX_PAGES} pages`);
  }

  return {
    async current(now) {
      // Copies, so a caller editing its answer cannot change what the next caller is told.
      if (cached && now.getTime() < cached.expiresAt)
        return { users: cached.users.map((u) => ({ ...u })), source: 'cache' };
      // Callers asking at the same moment share one request instead of each hitting the API.
      inFlight ??= fetchAll().finally(() => {
        inFlight = undefined;
      });
      const users = await inFlight;
      cached = { users, expiresAt: now.getTime() + cacheMs };
      return { users: users.map((u) => ({ ...u })), source: 'pagerduty' };
    },
  };
}
