import type Database from 'better-sqlite3';

export type StateCounts = Record<string, number>;

/**
 * Counts for `GET /metrics`, read at scrape time with grouped queries on the raw connection (one
 * synchronous statement each, indexed by state): a scrape never holds Prisma's write lock.
 */
export function createMetricsStore(raw: Database.Database) {
  const grouped = (sql: string) => {
    const statement = raw.prepare(sql);
    return (): StateCounts =>
      Object.fromEntries((statement.all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  };
  return {
    inboxByState: grouped('SELECT state AS k, count(*) AS n FROM InboxEvent GROUP BY state'),
    outboxByState: grouped('SELECT state AS k, count(*) AS n FROM OutboxMessage GROUP BY state'),
    stepsByState: grouped('SELECT state AS k, count(*) AS n FROM IncidentStep GROUP BY state'),
    openIncidentsBySeverity: grouped(
      'SELECT severity AS k, count(*) AS n FROM Incident WHERE resolvedAt IS NULL GROUP BY severity',
    ),
    /** Steps that fired more than a minute after their due time (after a crash or a stall). */
    lateSteps: (() => {
      const statement = raw.prepare('SELECT count(*) FROM IncidentStep WHERE lateMs > 60000').pluck();
      return () => statement.get() as number;
    })(),
    triggersByKind: grouped('SELECT kind AS k, count(*) AS n FROM TerminationTrigger GROUP BY kind'),
  };
}
export type MetricsStore = ReturnType<typeof createMetricsStore>;
