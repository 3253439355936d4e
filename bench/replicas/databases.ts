// The databases bench:replicas loads: a SQLite file, or a fresh database on the bench's PostgreSQL.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase } from '../../test/support/postgres-database.ts';
import type { PostgresServer } from '../../test/support/postgres-server.ts';
import type { BenchDatabase } from './measure.ts';
import { postgresServerCpuMs } from './process-cpu.ts';

export function sqliteDatabase(dir: string, name: string): BenchDatabase {
  const path = join(dir, `${name}.db`);
  return {
    kind: 'sqlite',
    url: `file:${path}`,
    async rows(table) {
      try {
        const db = new Database(path, { readonly: true });
        try {
          return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created yet
      }
    },
  };
}

export async function postgresDatabase(server: PostgresServer, name: string): Promise<BenchDatabase> {
  const { url } = await createTestDatabase(name, server.url);
  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows[0]!;
    } finally {
      await client.end();
    }
  };
  return {
    kind: 'postgresql',
    url,
    async rows(table) {
      return Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).n);
    },
    async transactions() {
      const row = await query<{ commits: string; rollbacks: string }>(
        'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()',
      );
      return { commits: Number(row.commits), rollbacks: Number(row.rollbacks) };
    },
    serverCpuMs: () => postgresServerCpuMs(server.dataDir),
  };
}
