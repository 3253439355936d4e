import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/store/database.ts';
import { createDueTimeStore } from '../../../src/store/due-time-store.ts';
import type { OutboxEffect } from '../../../src/usecases/ports.ts';
import { projectRoot } from '../../support/harness.ts';

const AT = new Date('2026-12-03T11:00:00Z');
const notice: OutboxEffect = { kind: 'slack.post', key: 'k1', channel: 'C1', message: { view: 'text', data: {} } };

describe('recording due-time terms in SQLite', () => {
  let dir: string;
  let first: OpenDatabase;
  let second: OpenDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-terms-'));
    const open = () =>
      openDatabase({ databaseUrl: `file:${join(dir, 't.db')}`, migrationsDir: join(projectRoot, 'prisma/migrations') });
    first = await open();
    second = await open();
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each version once: a second process recording the same version writes nothing', async () => {
    const a = createDueTimeStore(first.prisma);
    const b = createDueTimeStore(second.prisma);
    const terms = (content: string) => ({ version: 1, content, changes: [], at: AT });
    expect(await a.latestTerms()).toBeUndefined();
    expect(await a.recordTerms(terms('{"a":1}'), { tickets: [], followUps: [], effects: [] })).toBe(true);
    expect(await b.recordTerms(terms('{"a":1}'), { tickets: [], followUps: [], effects: [notice] })).toBe(false);
    expect(await first.prisma.outboxMessage.count()).toBe(0);
    expect(await b.latestTerms()).toEqual({ version: 1, content: '{"a":1}' });
    expect(
      await b.recordTerms({ ...terms('{"a":2}'), version: 2 }, { tickets: [], followUps: [], effects: [notice] }),
    ).toBe(true);
    expect(await a.latestTerms()).toEqual({ version: 2, content: '{"a":2}' });
    expect(await first.prisma.outboxMessage.count()).toBe(1);
  });
});
