import { join } from 'node:path';
import pg from 'pg';
import type { FrozenPlan } from '../../src/domain/runbook/index.ts';
import { applyPostgresMigrations } from '../../src/store/postgres/migrate.ts';
import { seedRows } from './seed.ts';

/**
 * The PostgreSQL twin of seedDatabase (bench/engine/seed.ts): the same rows (seedRows), written
 * into an empty database with tplus's own migrations, one `INSERT … SELECT FROM unnest(…)` a
 * table in one transaction (100,000 step rows in one statement, not one round trip each). The
 * id sequences are moved past the seeded ids, as inserts through tplus would have left them, and
 * the tables analysed, as autovacuum would have done on a database that grew to this size.
 */
export async function seedPostgres({
  url,
  projectRoot,
  incidents,
  plan,
  now,
}: {
  url: string;
  projectRoot: string;
  incidents: number;
  plan: FrozenPlan;
  now: Date;
}): Promise<{ ms: number; stepRows: number }> {
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await applyPostgresMigrations(pool, join(projectRoot, 'prisma/postgresql/migrations'));
    const rows = [...seedRows({ incidents, plan, now })];
    // Column arrays: unnest(a, b, …) turns them back into rows.
    const columns = <T extends readonly unknown[]>(tuples: T[]) =>
      tuples[0] ? tuples[0].map((_, c) => tuples.map((t) => t[c])) : [];
    const steps = rows.flatMap((r) => r.steps);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "Ticket" ("id", "inboxKey", "customerId", "tier", "channelId", "threadTs", "reporterUserId",
           "reporterTeamId", "summary", "description", "filedAt", "firstResponseDueAt", "firstResponseAt",
           "source", "severity", "classificationReason", "classificationSignals", "status", "firstResponseBy", "needsIncidentSync")
         SELECT *, 'mention', 'S1', 'bench seed', '[]', 'acknowledged', 'U0RESP0001', false
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::timestamp[], $12::timestamp[], $13::timestamp[])`,
        columns(rows.map((r) => r.ticket)),
      );
      await client.query(
        `INSERT INTO "Deadline" ("ticketId", "dueAt", "settledAt", "kind", "state")
         SELECT *, 'first-response', 'met' FROM unnest($1::int[], $2::timestamp[], $3::timestamp[])`,
        columns(rows.map((r) => r.deadline)),
      );
      await client.query(
        `INSERT INTO "Incident" ("id", "ticketId", "customerId", "title", "components", "startedAt", "acknowledgedAt",
           "plan", "source", "severity", "acknowledgedBy", "planVersion")
         SELECT *, 'ticket', 'S1', 'U0RESP0001', 1
         FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamp[], $7::timestamp[], $8::text[])`,
        columns(rows.map((r) => r.incident)),
      );
      await client.query(
        `INSERT INTO "IncidentStep" ("incidentId", "stepId", "dueAt", "planVersion", "state")
         SELECT *, 1, 'pending' FROM unnest($1::int[], $2::text[], $3::timestamp[])`,
        columns(steps),
      );
      for (const table of ['Ticket', 'Incident']) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await pool.query('ANALYZE');
    return { ms: performance.now() - started, stepRows: steps.length };
  } finally {
    await pool.end();
  }
}
