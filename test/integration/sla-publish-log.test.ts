import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSla } from '../../src/build-sla.ts';
import { manualClock } from '../../src/engine/clock.ts';
import { openDatabase } from '../../src/store/database.ts';
import { config, projectRoot } from '../support/harness.ts';
import { runbooks } from '../support/sla-content.ts';

describe('publishing an SLA version at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tplus-sla-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tells the operator when a config change weakens the SLA and when it will apply', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    );
    const clock = manualClock(new Date('2026-11-25T12:00:00Z'));
    const db = await openDatabase({
      databaseUrl: `file:${join(dir, 'tplus.db')}`,
      migrationsDir: join(projectRoot, 'prisma/migrations'),
    });
    try {
      await buildSla({ config, runbooks, prisma: db.prisma, clock, logger, projectRoot });
      expect(lines.map((l) => [l.level, l.msg])).toEqual([[30, 'SLA version 1 published, in effect now']]);
      const weaker = structuredClone(config);
      weaker.contract.claimWindowDays = 14;
      await buildSla({ config: weaker, runbooks, prisma: db.prisma, clock, logger, projectRoot });
      expect(lines[1]).toMatchObject({
        level: 40,
        version: 2,
        effectiveAt: '2027-01-24T12:00:00.000Z',
        changes: ['credits.claimWindowDays'],
      });
      await buildSla({ config: weaker, runbooks, prisma: db.prisma, clock, logger, projectRoot });
      expect(lines).toHaveLength(2);
    } finally {
      await db.close();
    }
  });
});
