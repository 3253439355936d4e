import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/harness.ts';

describe('npm run demo (README’s first command)', () => {
  const out = mkdtempSync(join(tmpdir(), 'tplus-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('plays the S1 to resolution, escalating to the manager at T+60, and writes its documents and report', async () => {
    // 300× instead of the demo's 90×: the same story in under a third of the wall time. The
    // engine ticks once a second, 5 demo minutes here, so a step due at T+60 shows as T+60–T+65,
    // and T+6x still holds with up to 1.8 s of delay on a loaded machine (at 600× one tick was
    // 10 minutes, and a tick more than a second late read T+70: seen once in a clean-clone CI run).
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/sandbox/demo/run-demo.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', TPLUS_TIME_SCALE: '300', TPLUS_DEMO_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/T\+6\d\s+tplus\s+Engineering manager joins, bridge opened/);
    expect(output).toMatch(/resolves INC-1 at T\+\d+/);
    expect(output).toContain('This channel is not connected to a tplus support plan');
    for (const file of ['incident-1-postmortem.md', 'incident-1-rca-acme.md'])
      expect(existsSync(join(out, file)), file).toBe(true);
  }, 120_000);
});
