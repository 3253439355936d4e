import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/store/database.ts';
import { PAGE_CACHE_KIB } from '../../../src/store/sqlite-database.ts';
import { projectRoot } from '../../support/harness.ts';

let dir: string;
let db: OpenDatabase | undefined;
afterEach(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

// better-sqlite3's build lets each connection cache 16 MiB of pages, which a growing file fills:
// both of the bot's connections (its own and Prisma's) must keep to the bound instead.
it('bounds the page cache of both SQLite connections', async () => {
  dir = mkdtempSync(join(tmpdir(), 'tplus-page-cache-'));
  db = await openDatabase({
    databaseUrl: `file:${join(dir, 'bot.db')}`,
    migrationsDir: join(projectRoot, 'prisma/migrations'),
  });
  const own = await db.read<{ cache_size: number }>('PRAGMA cache_size');
  const prismas = await db.prisma.$queryRawUnsafe<{ cache_size: bigint | number }[]>('PRAGMA cache_size');
  expect(own).toEqual([{ cache_size: -PAGE_CACHE_KIB }]);
  expect(prismas.map((row) => Number(row.cache_size))).toEqual([-PAGE_CACHE_KIB]);
  expect(PAGE_CACHE_KIB).toBeLessThan(16_000);
});
