import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeverityModel } from '../../../src/config/load-severity-model.ts';
import { classifyTicket } from '../../../src/domain/severity/index.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { projectRoot } from '../../support/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'tplus-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function train(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'train', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
  });
}

describe('tplus train', () => {
  it('reproduces the committed model file byte for byte from the corpus', { timeout: 240_000 }, () => {
    const out = join(dir, 'severity.json');
    const run = train(['--corpus-only', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/after, on the frozen test split: \d+ messages\n {2}accuracy/);
    expect(run.stdout).toMatch(/trained on \d+ corpus messages and 0 corrections/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(projectRoot, 'models/severity.json'), 'utf8'));
  });

  it("learns from the team's corrections in the database", { timeout: 240_000 }, async () => {
    const text = 'The reporting tab shows a grey box where the revenue chart should be, for everyone on our team';
    const databaseUrl = `file:${join(dir, 'tplus.db')}`;
    const db = await openDatabase({ databaseUrl, migrationsDir: join(projectRoot, 'prisma/migrations') });
    await db.close();
    const sqlite = new Database(join(dir, 'tplus.db'));
    // Rows as reclassifications leave them; the tickets they came from do not matter to training.
    sqlite.pragma('foreign_keys = OFF');
    const insert = sqlite.prepare(
      'INSERT INTO SeverityExample (text, severity, source, ticketId, actorUserId, createdAt) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < 3; i++) insert.run(text, 'S1', 'reclassification', 1, 'U0RESP0001', Date.now());
    sqlite.close();
    const out = join(dir, 'with-corrections.json');
    const run = train(['--out', out], { DATABASE_URL: databaseUrl });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/trained on \d+ corpus messages and 3 corrections/);
    const pS1 = (path: string) => classifyTicket({ text, model: loadSeverityModel(path) }).probabilities.S1;
    expect(pS1(out)).toBeGreaterThan(pS1(join(projectRoot, 'models/severity.json')) + 0.05);
  });
});
