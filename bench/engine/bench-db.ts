import Database from 'better-sqlite3';
import pg from 'pg';
import { toDbDate } from '../../src/store/db-date.ts';

/** A step row as the bench reads it back: times in ms since the epoch, NaN when not fired. */
export interface StepOutcome {
  id: number;
  dueAt: number;
  firedAt: number;
  state: string;
}

/**
 * What the engine bench reads and writes beside tplus, on either database: it picks steps, moves
 * their due times and watches them get claimed. SQL identifiers are quoted for PostgreSQL.
 */
export interface BenchDb {
  /** The step ids of `stepIds` pending on `incidentIds`, one a pair, in the pairs' order. */
  pendingStepIds(pairs: [incidentId: number, stepId: string][]): Promise<(number | undefined)[]>;
  setDueTimes(dues: Map<number, number>): Promise<void>;
  pendingCount(ids: number[]): Promise<number>;
  outcomes(ids: number[]): Promise<StepOutcome[]>;
  outboxPending(): Promise<number>;
  close(): Promise<void>;
}

export function sqliteBenchDb(path: string): BenchDb {
  const db = new Database(path, { timeout: 5000 });
  const find = db
    .prepare(
      `SELECT id FROM IncidentStep WHERE incidentId = ? AND planVersion = 1 AND stepId = ? AND state = 'pending'`,
    )
    .pluck();
  const update = db.prepare('UPDATE IncidentStep SET dueAt = ? WHERE id = ?');
  const pending = db
    .prepare(`SELECT count(*) FROM IncidentStep WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`)
    .pluck();
  const rows = db.prepare(
    `SELECT id, dueAt, firedAt, state FROM IncidentStep WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const outbox = db.prepare(`SELECT count(*) FROM OutboxMessage WHERE state = 'pending'`).pluck();
  return {
    async pendingStepIds(pairs) {
      return pairs.map(([incidentId, stepId]) => find.get(incidentId, stepId) as number | undefined);
    },
    async setDueTimes(dues) {
      db.transaction(() => {
        for (const [id, at] of dues) update.run(toDbDate(new Date(at)), id);
      })();
    },
    async pendingCount(ids) {
      return pending.get(JSON.stringify(ids)) as number;
    },
    async outcomes(ids) {
      return (
        rows.all(JSON.stringify(ids)) as { id: number; dueAt: string; firedAt: string | null; state: string }[]
      ).map((r) => ({
        id: r.id,
        dueAt: Date.parse(r.dueAt),
        firedAt: r.firedAt ? Date.parse(r.firedAt) : NaN,
        state: r.state,
      }));
    },
    async outboxPending() {
      return outbox.get() as number;
    },
    async close() {
      db.close();
    },
  };
}

/**
 * The same on PostgreSQL. tplus's timestamps are `timestamp(3)` without a time zone holding UTC:
 * they are written as UTC text and read as epoch milliseconds, so the bench process's own time
 * zone never enters.
 */
export function postgresBenchDb(url: string): BenchDb {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const epoch = (column: string) => `(extract(epoch from "${column}") * 1000)::float8 AS "${column}"`;
  return {
    async pendingStepIds(pairs) {
      const { rows } = await pool.query<{ i: number; id: number }>(
        `SELECT p.i, s."id" FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS p("incidentId", "stepId", i)
         JOIN "IncidentStep" s ON s."incidentId" = p."incidentId" AND s."stepId" = p."stepId"
           AND s."planVersion" = 1 AND s."state" = 'pending'`,
        [pairs.map(([incidentId]) => incidentId), pairs.map(([, stepId]) => stepId)],
      );
      const byIndex = new Map(rows.map((r) => [Number(r.i), r.id]));
      return pairs.map((_, k) => byIndex.get(k + 1));
    },
    async setDueTimes(dues) {
      await pool.query(
        `UPDATE "IncidentStep" s SET "dueAt" = v."dueAt"
         FROM unnest($1::int[], $2::timestamp[]) AS v("id", "dueAt") WHERE s."id" = v."id"`,
        [[...dues.keys()], [...dues.values()].map((at) => toDbDate(new Date(at)))],
      );
    },
    async pendingCount(ids) {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "IncidentStep" WHERE "id" = ANY($1::int[]) AND "state" = 'pending'`,
        [ids],
      );
      return Number(rows[0]!.n);
    },
    async outcomes(ids) {
      const { rows } = await pool.query<{ id: number; dueAt: number; firedAt: number | null; state: string }>(
        `SELECT "id", ${epoch('dueAt')}, ${epoch('firedAt')}, "state" FROM "IncidentStep" WHERE "id" = ANY($1::int[])`,
        [ids],
      );
      return rows.map((r) => ({ id: r.id, dueAt: r.dueAt, firedAt: r.firedAt ?? NaN, state: r.state }));
    },
    async outboxPending() {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboxMessage" WHERE "state" = 'pending'`,
      );
      return Number(rows[0]!.n);
    },
    async close() {
      await pool.end();
    },
  };
}
