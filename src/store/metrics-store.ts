import type { OpenDatabase } from './database-port.ts';

export type StateCounts = Record<string, number>;

/**
 * Counts for `GET /metrics`, read at scrape time with grouped queries beside Prisma (indexed by
 * state): a scrape never holds Prisma's write lock. PostgreSQL counts are BigInt: read as numbers.
 */
export function createMetricsStore(read: OpenDatabase['read']) {
  const grouped = (sql: string) => async (): Promise<StateCounts> =>
    Object.fromEntries((await read<{ k: string; n: number | bigint | string }>(sql)).map((r) => [r.k, Number(r.n)]));
  return {
    inboxByState: grouped('SELECT "state" AS k, count(*) AS n FROM "InboxEvent" GROUP BY "state"'),
    outboxByState: grouped('SELECT "state" AS k, count(*) AS n FROM "OutboxMessage" GROUP BY "state"'),
    stepsByState: grouped('SELECT "state" AS k, count(*) AS n FROM "IncidentStep" GROUP BY "state"'),
    openIncidentsBySeverity: grouped(
      'SELECT "severity" AS k, count(*) AS n FROM "Incident" WHERE "resolvedAt" IS NULL GROUP BY "severity"',
    ),
    /** Steps that fired more than a minute after their due time (after a crash or a stall). */
    async lateSteps(): Promise<number> {
      const [row] = await read<{ n: number | bigint | string }>(
        'SELECT count(*) AS n FROM "IncidentStep" WHERE "lateMs" > 60000',
      );
      return Number(row?.n ?? 0);
    },
    triggersByKind: grouped('SELECT "kind" AS k, count(*) AS n FROM "TerminationTrigger" GROUP BY "kind"'),
  };
}
export type MetricsStore = ReturnType<typeof createMetricsStore>;
