import type Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

/** What Prisma's better-sqlite3 adapter (6.19) calls on its connection, and nothing more. */
interface AdapterStatement {
  readonly reader: boolean;
  run(): Database.RunResult;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[] };
}
interface AdapterConnection {
  prepare(sql: string): { bind(args: unknown[]): AdapterStatement; run(): Database.RunResult };
  exec(sql: string): unknown;
  close(): unknown;
}

/**
 * Prisma's better-sqlite3 adapter prepares every query anew (`prepare(sql).bind(args)`), and a
 * better-sqlite3 statement frees its compiled SQLite program only when the garbage collector
 * reaches its wrapper, so between collections the compiled programs of every query pile up in the
 * C heap, and each prepare costs CPU (bench:engine: drain 7.5 → 6.8 s, peak RSS 217 → 205 MB). This keeps the last
 * `size` statements by SQL
 * text and runs them with each query's arguments instead (better-sqlite3 allows one `bind` per
 * statement, so the arguments go to run/all). Every adapter call is synchronous and runs to the
 * end, so a cached statement is never busy when it is used again.
 */
export function cachingConnection(
  db: Database.Database,
  size = 256,
): AdapterConnection & { readonly prepared: number } {
  const statements = new Map<string, Database.Statement>();
  let prepared = 0;
  const statement = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (stmt) {
      // Least recently used first: a hit moves to the end of the map's order.
      statements.delete(sql);
    } else {
      stmt = db.prepare(sql);
      prepared += 1;
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, stmt);
    return stmt;
  };
  return {
    get prepared() {
      return prepared;
    },
    prepare(sql) {
      const stmt = statement(sql);
      return {
        run: () => stmt.run(),
        bind: (args) => ({
          reader: stmt.reader,
          run: () => stmt.run(args),
          columns: () => stmt.columns(),
          raw: () => ({ all: () => stmt.raw(true).all(args) }),
        }),
      };
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
}

/**
 * Prisma's adapter factory for SQLite with the statement cache above on its connection. The
 * adapter keeps the connection in its `client` field and hands it to every transaction, so
 * replacing it right after connect covers every query (a test counts the prepares).
 */
export function cachingSqliteAdapter({ url, timeout }: { url: string; timeout: number }): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url, timeout });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const holder = adapter as unknown as { client: Database.Database | AdapterConnection };
    holder.client = cachingConnection(holder.client as Database.Database);
    return adapter;
  };
  return factory;
}
