import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../../src/sandbox/slack-emulator/index.ts';
import { BOT_TOKEN, projectRoot, startEmulator } from '../../support/harness.ts';

/** Runs doctor as a child (async: the emulator answers in this process). */
function doctor(env: Record<string, string>): Promise<{ stdout: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'doctor'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (status) => resolve({ stdout, status }));
  });
}

describe('tplus doctor with responder user groups', () => {
  let slack: SlackEmulator;
  let dir: string;
  let configPath: string;
  beforeAll(async () => {
    slack = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'tplus-doctor-'));
    const config = parse(readFileSync(join(projectRoot, 'tplus.config.example.yaml'), 'utf8')) as {
      responders: Record<string, unknown>;
    };
    config.responders.userGroups = ['S0SUPPORT1', 'S0MISSING1'];
    configPath = join(dir, 'tplus.config.yaml');
    writeFileSync(configPath, stringify(config));
  });
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('looks each group up and says when a lookup fails', async () => {
    slack.workspace.usergroups.set('S0SUPPORT1', ['U0GROUPA01', 'U0GROUPB01']);
    const run = await doctor({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'doctor-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      TPLUS_CONFIG: configPath,
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain(
      'responder group S0SUPPORT1: 2 member(s) now (looked up again every 10 minutes and on subteam_members_changed)',
    );
    expect(lines).toContain(
      'responder group S0MISSING1: lookup failed (no_such_subteam); the running bot keeps the members it last looked up and /healthz says so',
    );
  }, 30_000);
});
