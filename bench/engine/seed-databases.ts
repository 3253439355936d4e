// The seeded databases of one kind for bench:engine: 1 % and 100 % of the incidents, and one per
// lateness level of another size.
import { join } from 'node:path';
import pg from 'pg';
import type { FrozenPlan } from '../../src/domain/runbook/index.ts';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import type { PostgresServer } from '../../test/support/postgres-server.ts';
import { postgresBenchDb, sqliteBenchDb, type BenchDb } from './bench-db.ts';
import type { LevelDatabase } from './lateness-levels.ts';
import { seedDatabase } from './seed.ts';
import { seedPostgres } from './seed-postgres.ts';
import type { DatabaseKind, EngineSettings } from './settings.ts';

/** A seeded pair of databases (1 % and 100 % of the incidents) of one kind, and how to read them. */
export interface Seeded {
  small: string;
  big: string;
  seedMs: number;
  stepRows: number;
  smallStepRows: number;
  db: BenchDb;
  /** The lateness levels other than all the incidents, ascending (the 1 % copy among them when its size is one). */
  levels: LevelDatabase[];
  /** Whether all the incidents' pending rows are one of the lateness levels. */
  isTargetALevel: boolean;
  /** What the run should know about the server (PostgreSQL only). */
  server?: { version: string; settings: string };
}

/** Incidents to seed for each lateness level: its pending rows over the plan's steps per incident. */
export function levelIncidents(latenessPending: number[], stepsPerIncident: number): number[] {
  return [...new Set(latenessPending.map((rows) => Math.max(1, Math.round(rows / stepsPerIncident))))].sort(
    (a, b) => a - b,
  );
}

export async function seed({
  kind,
  dir,
  plan,
  settings,
  projectRoot,
  postgres,
}: {
  kind: DatabaseKind;
  dir: string;
  plan: FrozenPlan;
  settings: EngineSettings;
  projectRoot: string;
  postgres: () => Promise<PostgresServer>;
}): Promise<Seeded> {
  const now = new Date();
  const { incidents, smallIncidents } = settings;
  const wanted = levelIncidents(settings.latenessPending, plan.steps.length);
  const migrationsDir = join(projectRoot, 'prisma/migrations');
  // One seeded database of `count` incidents: where it is, its pending rows, how to read it.
  const seedOne = async (name: string, count: number) => {
    if (kind === 'sqlite') {
      const path = join(dir, `${name}.db`);
      const seeded = seedDatabase({ path, migrationsDir, incidents: count, plan, now });
      return { ...seeded, url: `file:${path}`, open: () => sqliteBenchDb(path) };
    }
    const created = await createTestDatabase(`engine_${name}`, (await postgres()).url);
    const seeded = await seedPostgres({ url: created.url, projectRoot, incidents: count, plan, now });
    return { ...seeded, url: created.url, open: () => postgresBenchDb(created.url) };
  };
  const small = await seedOne('small', smallIncidents);
  const big = await seedOne('big', incidents);
  const levels: LevelDatabase[] = [];
  for (const count of wanted.filter((n) => n !== incidents)) {
    const level = count === smallIncidents ? small : await seedOne(`pending_${count}`, count);
    levels.push({ pendingRows: level.stepRows, incidents: count, url: level.url, open: level.open });
  }
  const seeded = {
    small: small.url,
    big: big.url,
    seedMs: big.ms,
    stepRows: big.stepRows,
    smallStepRows: small.stepRows,
    db: big.open(),
    levels,
    isTargetALevel: wanted.includes(incidents),
  };
  if (kind === 'sqlite') return seeded;
  const server = await postgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.end();
  return {
    ...seeded,
    server: {
      version,
      // As test/support/postgres-server.ts starts it: like SQLite's synchronous=NORMAL, a commit
      // survives the process (tplus or the server) but not the machine losing power.
      settings: 'fsync=off, max_connections=300, one server on this machine; DATABASE_POOL_SIZE 10',
    },
  };
}
