import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingConnection, cachingSqliteAdapter } from '../../../src/store/statement-cache.ts';

describe('the statement cache under Prisma’s SQLite adapter', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-stmt-'));
    path = join(dir, 's.db');
    const db = new Database(path);
    db.exec(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')",
    );
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prepares a query once and runs it with each call’s own arguments', () => {
    const db = new Database(path);
    const connection = cachingConnection(db);
    const select = (id: number) => connection.prepare('SELECT name FROM t WHERE id = ?').bind([id]).raw().all();
    expect(select(1)).toEqual([['one']]);
    expect(select(3)).toEqual([['three']]);
    expect(select(2)).toEqual([['two']]);
    expect(connection.prepared).toBe(1);
    connection.prepare('UPDATE t SET name = ? WHERE id = ?').bind(['uno', 1]).run();
    connection.prepare('UPDATE t SET name = ? WHERE id = ?').bind(['tres', 3]).run();
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['uno', 'two', 'tres']);
    expect(connection.prepared).toBe(2);
    db.close();
  });

  it('keeps only the most recently used statements', () => {
    const db = new Database(path);
    const connection = cachingConnection(db, 2);
    const run = (sql: string) => connection.prepare(sql).bind([]).raw().all();
    run('SELECT 1');
    run('SELECT 2');
    run('SELECT 1'); // now the most recent: SELECT 2 is the one to go
    run('SELECT 3');
    expect(connection.prepared).toBe(3);
    run('SELECT 1');
    expect(connection.prepared).toBe(3);
    run('SELECT 2');
    expect(connection.prepared).toBe(4);
    db.close();
  });

  it('is the connection every query and transaction of the real adapter goes through', async () => {
    const adapter = await cachingSqliteAdapter({ url: `file:${path}`, timeout: 1000 }).connect();
    const query = (id: number) =>
      ({
        sql: 'SELECT name FROM t WHERE id = ?',
        args: [id],
        argTypes: [{ scalarType: 'int', arity: 'scalar' }],
      }) as unknown as Parameters<typeof adapter.queryRaw>[0];
    for (const id of [1, 2, 3, 1]) await adapter.queryRaw(query(id));
    const tx = await adapter.startTransaction();
    const inTx = await tx.queryRaw(query(2));
    await tx.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] } as unknown as Parameters<typeof tx.executeRaw>[0]);
    await tx.commit();
    expect(inTx.rows).toEqual([['two']]);
    // One SELECT prepared for five runs, plus BEGIN and COMMIT: the adapter used our connection throughout.
    expect((adapter as unknown as { client: { prepared: number } }).client.prepared).toBe(3);
    await adapter.dispose();
  });
});
