import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { botCommand } from '../../bin/runtime.mjs';

/** kB figures from /proc/<pid>/status: VmHWM is the kernel's own peak, so no sample can miss it. */
function procMemory(pid: number): { rssKb: number; peakKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

export interface TplusChild {
  child: ChildProcess;
  spawnedAt: number;
  readyAt: number;
  port: number;
  /** Engine ticks that took longer than 500 ms, as tplus itself logged them. */
  slowTicksMs: number[];
  /** node-cron's "missed execution" warnings: its 1 s heartbeat found the event loop held past a whole slot. */
  missedCronFires: number;
  /** Log lines at error level and anything else on stderr. */
  errors: string[];
  /** Stops tplus; the peak RSS in MB is the larger of the kernel's high-water mark and our 200 ms samples. */
  stop(): Promise<{ peakRssMb: number }>;
}

/**
 * The real tplus process as `tplus start` runs it (the bundle with bin/runtime.mjs's flags and
 * environment; the caller builds it first), so the RSS target is measured on tplus alone, not on
 * this process with its emulators and bookkeeping, and a restart is a real cold start: new
 * process, migrations check, new Prisma client. `nodeOptions` adds flags to try other settings.
 */
export async function startTplusChild({
  projectRoot,
  env,
  nodeOptions,
}: {
  projectRoot: string;
  env: Record<string, string>;
  nodeOptions?: string;
}): Promise<TplusChild> {
  const spawnedAt = Date.now();
  const bot = botCommand({ extraFlags: nodeOptions ? nodeOptions.split(/\s+/).filter(Boolean) : [] });
  const child = spawn(bot.command, bot.args, {
    cwd: projectRoot,
    env: { ...bot.env, PATH: process.env.PATH ?? '', TZ: 'UTC', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const slowTicksMs: number[] = [];
  const errors: string[] = [];
  let missedCronFires = 0;
  let peakKb = 0;
  const sample = () => {
    const memory = child.pid !== undefined ? procMemory(child.pid) : undefined;
    if (memory) peakKb = Math.max(peakKb, memory.rssKb, memory.peakKb);
  };
  const sampler = setInterval(sample, 200);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.includes('[NODE-CRON]') && line.includes('missed execution')) missedCronFires += 1;
    else errors.push(line);
  });
  let port = 0;
  const readyAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tplus did not start within 30 s:\n${errors.join('\n')}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let record: { msg?: string; port?: number; level?: number; ms?: number };
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        return;
      }
      if (record.msg === 'tplus started') {
        clearTimeout(timer);
        port = record.port ?? 0;
        resolve(Date.now());
      } else if (record.msg === 'slow engine tick' && typeof record.ms === 'number') {
        slowTicksMs.push(record.ms);
      } else if ((record.level ?? 0) >= 50) {
        errors.push(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tplus exited with ${code}:\n${errors.join('\n')}`));
    });
  }).catch((error: unknown) => {
    // A tplus that never said it started must not outlive the bench, nor keep its sampler running.
    clearInterval(sampler);
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    spawnedAt,
    readyAt,
    port,
    slowTicksMs,
    errors,
    get missedCronFires() {
      return missedCronFires;
    },
    async stop() {
      // Read the high-water mark while /proc still has the process; after exit it is gone.
      sample();
      clearInterval(sampler);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // SIGTERM: tplus's own graceful stop, as an operator's restart would do.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return { peakRssMb: peakKb / 1024 };
    },
  };
}
