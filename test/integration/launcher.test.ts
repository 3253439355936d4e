import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS, RUNTIME_ENV } from '../../bin/runtime.mjs';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { BOT_TOKEN, projectRoot, SIGNING_SECRET, startEmulator } from '../support/harness.ts';

const procFile = (pid: number, name: string) => readFileSync(`/proc/${pid}/${name}`, 'utf8').split('\0').filter(Boolean);

describe('tplus start (bin/tplus.mjs), as a process manager runs it', () => {
  let slack: SlackEmulator;
  let dir: string;
  beforeAll(async () => {
    slack = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'tplus-launcher-'));
  });
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the bundle with the production settings and passes SIGTERM on, so the bot stops cleanly', async () => {
    const launcher = spawn(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'start'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '', TZ: 'UTC', PORT: '0', LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: `file:${join(dir, 'launcher.db')}`, TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const records: { msg?: string; pid?: number; signal?: string }[] = [];
    const started = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('tplus did not start')), 20_000);
      createInterface({ input: launcher.stdout! }).on('line', (line) => {
        try {
          const record = JSON.parse(line) as (typeof records)[number];
          records.push(record);
          if (record.msg === 'tplus started') {
            clearTimeout(timer);
            resolve(record.pid!);
          }
        } catch { /* not a log line */ }
      });
    });
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    const botPid = await started;
    expect(botPid).not.toBe(launcher.pid);
    expect(procFile(botPid, 'cmdline')).toEqual([process.execPath, ...NODE_FLAGS, join(projectRoot, 'dist/main.js')]);
    for (const [name, value] of Object.entries(RUNTIME_ENV)) expect(procFile(botPid, 'environ')).toContain(`${name}=${value}`);

    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(records.some((r) => r.msg === 'stopping' && r.signal === 'SIGTERM')).toBe(true);
    expect(() => process.kill(botPid, 0)).toThrow();
  });
});
