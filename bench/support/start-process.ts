import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '../..');

/** Starts `script` under tsx as the bench's own child and resolves once it logs `startedMsg` with its port. */
export function startProcess(script: string, env: Record<string, string>, startedMsg: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const record = JSON.parse(line) as { msg?: string; port?: number };
        if (record.msg === startedMsg && record.port) resolve({ child, port: record.port });
      } catch { /* not a log line */ }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
