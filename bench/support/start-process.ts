import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildBundle } from '../../bin/build.mjs';
import { botCommand } from '../../bin/runtime.mjs';

const root = join(import.meta.dirname, '../..');

/**
 * Starts a child and resolves once it logs `startedMsg` with its port: `'tplus'` is the bot as it
 * ships (bundle freshly built, production flags of bin/runtime.mjs); any other name is a script
 * of this repository run under tsx (the bare baselines).
 */
export async function startProcess(
  script: 'tplus' | string,
  env: Record<string, string>,
  startedMsg: string,
): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_TPLUS_FLAGS adds Node/V8 flags after the production ones, to compare settings.
  const bot =
    script === 'tplus'
      ? (await buildBundle(),
        botCommand({ extraFlags: (process.env.BENCH_TPLUS_FLAGS ?? '').split(/\s+/).filter(Boolean) }))
      : undefined;
  const [command, args] = bot ? [bot.command, bot.args] : [process.execPath, ['--import', 'tsx', join(root, script)]];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...bot?.env, PATH: process.env.PATH ?? '', TZ: 'UTC', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const record = JSON.parse(line) as { msg?: string; port?: number };
        if (record.msg === startedMsg && record.port) resolve({ child, port: record.port });
      } catch {
        /* not a log line */
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
