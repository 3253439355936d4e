import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/store/database.ts';
import { startCheckpointer } from '../../../src/store/sqlite-checkpointer.ts';
import { projectRoot } from '../../support/harness.ts';

const dirs: string[] = [];
const opened: OpenDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(isLongRunning: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'tplus-checkpoint-'));
  dirs.push(dir);
  const path = join(dir, 'test.db');
  const errors: unknown[] = [];
  const db = await openDatabase({
    databaseUrl: `file:${path}`,
    migrationsDir: join(projectRoot, 'prisma/migrations'),
    ...(isLongRunning ? { onError: (error: unknown) => errors.push(error) } : {}),
  });
  opened.push(db);
  return { db, path, errors };
}

/** Commits `count` inbox rows of ~2 KB each, then reports the database file's size (not the log's). */
async function commitRows(db: OpenDatabase, path: string, count: number) {
  for (let i = 0; i < count; i += 1)
    await db.appendInbox({
      source: 'slack',
      dedupeKey: `Ev${i}`,
      kind: 'event',
      body: JSON.stringify({ text: 'x'.repeat(2000), i }),
      receivedAt: new Date(Date.UTC(2026, 11, 5)),
      retryNum: 0,
    });
  return statSync(path).size;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite checkpoints on a worker thread', () => {
  // The same small load below: ~100 log pages, under SQLite's own threshold (1,000), so no commit
  // checkpoints; the database file grows only if something else copies the log into it.
  it('copies what was committed into the database file within a fraction of a second', async () => {
    const { db, path, errors } = await open(true);
    const before = statSync(path).size;
    await commitRows(db, path, 20);
    await settle(500);
    expect(statSync(path).size).toBeGreaterThan(before + 20 * 2000);
    expect(errors).toEqual([]);
  });

  it('leaves a short-lived connection (the CLI) to SQLite, which checkpoints inside its commits', async () => {
    const { db, path } = await open(false);
    const before = statSync(path).size;
    await commitRows(db, path, 20);
    await settle(300);
    expect(statSync(path).size).toBe(before);
  });

  it('reports a worker that cannot open its file, and closes without waiting for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tplus-checkpoint-'));
    dirs.push(dir);
    const errors: string[] = [];
    const checkpointer = startCheckpointer(join(dir, 'missing.db'), (message) => errors.push(message));
    await settle(500);
    await checkpointer.close();
    expect(errors).toEqual([expect.stringMatching(/unable to open|not exist|cannot open/i)]);
  });

  it('raises the commit-time checkpoint to a backstop only when the worker runs', async () => {
    const worker = await open(true);
    const cli = await open(false);
    const threshold = async (db: OpenDatabase) =>
      (await db.prisma.$queryRawUnsafe<{ wal_autocheckpoint: number }[]>('PRAGMA wal_autocheckpoint'))[0]!
        .wal_autocheckpoint;
    expect(Number(await threshold(worker.db))).toBe(10_000);
    expect(Number(await threshold(cli.db))).toBe(1000);
  });
});
