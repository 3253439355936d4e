import type { Route } from '../slack/receiver/http-receiver.ts';
import { sendJson } from '../slack/receiver/http-receiver.ts';
import type { InboxStore, OutboxStore } from '../usecases/ports.ts';
import { describeGroup, type GroupState } from '../slack/responder-groups.ts';

export const MAX_TICK_AGE_MS = 10_000;

/**
 * GET /healthz: unhealthy (503) when the engine has not ticked for 10 s or the database does not
 * answer (a load balancer then sends requests to another replica).
 */
export function healthRoute({
  engine,
  inbox,
  outbox,
  audit,
  responderGroups,
  replica,
  database,
}: {
  engine: { tickAgeMs(): number | undefined };
  inbox: InboxStore;
  outbox: OutboxStore;
  audit?: { lastRunAt: Date | undefined; totals: object };
  /** User groups of responders: a failed lookup keeps the last list, and is shown here. */
  responderGroups?: { states(): GroupState[] };
  replica?: string;
  database?: { kind: string; ping(): Promise<boolean> };
}): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handle(_req, res) {
      const age = engine.tickAgeMs();
      const isReachable = database ? await database.ping() : true;
      const isHealthy = age !== undefined && age <= MAX_TICK_AGE_MS && isReachable;
      const [inboxCounts, outboxCounts] = isReachable
        ? await Promise.all([inbox.counts(), outbox.counts()])
        : [undefined, undefined];
      sendJson(res, isHealthy ? 200 : 503, {
        status: isHealthy ? 'ok' : 'unhealthy',
        ...(replica ? { replica } : {}),
        ...(database ? { database: { kind: database.kind, isReachable } } : {}),
        engine: { lastTickAgeMs: age ?? null },
        inbox: inboxCounts,
        outbox: outboxCounts,
        ...(responderGroups && responderGroups.states().length > 0
          ? { responderGroups: responderGroups.states().map(describeGroup) }
          : {}),
        ...(audit ? { auditor: { lastRunAt: audit.lastRunAt?.toISOString() ?? null, ...audit.totals } } : {}),
      });
    },
  };
}
