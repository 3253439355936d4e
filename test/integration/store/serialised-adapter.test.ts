import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/store/database.ts';
import { projectRoot } from '../../support/harness.ts';

describe('the Prisma connection', () => {
  let db: OpenDatabase;
  let dir: string;
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a write made outside a transaction when another caller’s open transaction rolls back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-adapter-'));
    db = await openDatabase({
      databaseUrl: `file:${join(dir, 't.db')}`,
      migrationsDir: join(projectRoot, 'prisma/migrations'),
    });
    const at = new Date('2026-11-25T10:00:00Z');
    await db.prisma.outboxMessage.create({
      data: { key: 'existing', kind: 'slack.post', payload: '{}', nextAttemptAt: at, createdAt: at },
    });
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.outboxMessage.create({
        data: { key: 'in-the-transaction', kind: 'slack.post', payload: '{}', nextAttemptAt: at, createdAt: at },
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('rolled back on purpose');
    });
    // Issued while that transaction is open on the same connection.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const outside = db.prisma.$executeRawUnsafe("UPDATE OutboxMessage SET state = 'delivered' WHERE key = 'existing'");
    await expect(failing).rejects.toThrow('rolled back on purpose');
    await outside;
    expect(await db.prisma.outboxMessage.findMany({ select: { key: true, state: true } })).toEqual([
      { key: 'existing', state: 'delivered' },
    ]);
  });
});
