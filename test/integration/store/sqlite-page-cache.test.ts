import { expect, it } from 'vitest';
import { PAGE_CACHE_KIB } from '../../../src/store/sqlite-database.ts';
import { tempDatabase } from '../../support/temp-database.ts';

const t = tempDatabase('page-cache');

// better-sqlite3's build lets each connection cache 16 MiB of pages, which a growing file fills:
// both of the bot's connections (its own and Prisma's) must keep to the bound instead.
it('bounds the page cache of both SQLite connections', async () => {
  const own = await t.db.read<{ cache_size: number }>('PRAGMA cache_size');
  const prismas = await t.db.prisma.$queryRawUnsafe<{ cache_size: bigint | number }[]>('PRAGMA cache_size');
  expect(own).toEqual([{ cache_size: -PAGE_CACHE_KIB }]);
  expect(prismas.map((row) => Number(row.cache_size))).toEqual([-PAGE_CACHE_KIB]);
  expect(PAGE_CACHE_KIB).toBeLessThan(16_000);
});
