import type { Route } from '../slack/receiver/http-receiver.ts';
import { sendJson } from '../slack/receiver/http-receiver.ts';
import type { InboxStore, OutboxStore } from '../usecases/ports.ts';
import { describeGroup, type GroupState } from '../slack/responder-groups.ts';

export const MAX_TICK_AGE_MS = 10_000;

/** GET /healthz: unhealthy (503) when the engine has not ticked for 10 s. */
export function healthRoute({
  engine,
  inbox,
  outbox,
  audit,
  responderGroups,
}: {
  engine: { tickAgeMs(): number | undefined };
  inbox: InboxStore;
  outbox: OutboxStore;
  audit?: { lastRunAt: Date | undefined; totals: object };
  /** User groups of responders: a failed lookup keeps the last list, and is shown here. */
  responderGroups?: { states(): GroupState[] };
}): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handle(_req, res) {
      const age = engine.tickAgeMs();
      const isHealthy = age !== undefined && age <= MAX_TICK_AGE_MS;
      const [inboxCounts, outboxCounts] = await Promise.all([inbox.counts(), outbox.counts()]);
      sendJson(res, isHealthy ? 200 : 503, {
        status: isHealthy ? 'ok' : 'unhealthy',
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
