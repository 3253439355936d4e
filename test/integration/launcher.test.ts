import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_FLAGS, RUNTIME_ENV } from '../../bin/runtime.mjs';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { BOT_TOKEN, projectRoot, SIGNING_SECRET, startEmulator } from '../support/harness.ts';
import { untilStarted } from '../support/process.ts';

const procFile = (pid: number, name: string) =>
  readFileSync(`/proc/${pid}/${name}`, 'utf8').split('\0').filter(Boolean);

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
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        PORT: '0',
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: `file:${join(dir, 'launcher.db')}`,
        TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    const { pid: botPid } = await untilStarted(launcher, output);
    expect(botPid).not.toBe(launcher.pid);
    expect(procFile(botPid, 'cmdline')).toEqual([process.execPath, ...NODE_FLAGS, join(projectRoot, 'dist/main.js')]);
    for (const [name, value] of Object.entries(RUNTIME_ENV))
      expect(procFile(botPid, 'environ')).toContain(`${name}=${value}`);

    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.some((line) => line.includes('"msg":"stopping"') && line.includes('"signal":"SIGTERM"'))).toBe(true);
    expect(() => process.kill(botPid, 0)).toThrow();
  });
});
