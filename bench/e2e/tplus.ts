// The tplus processes of the end-to-end bench: each part starts a fresh one (the shipped bundle)
// on a fresh SQLite database, and its warnings and errors are kept for the results.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SECRET, TOKEN } from '../support/slack-requests.ts';
import { startProcess } from '../support/start-process.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { root } from './settings.ts';

export type Tplus = {
  child: ChildProcess;
  url: string;
  dbPath: string;
  logs: { warn: Map<string, number>; samples: string[] };
};

export async function startTplus(dir: string, name: string, slack: SlackEmulator, extra: Record<string, string> = {}) {
  const dbPath = join(dir, `${name}.db`);
  const { child, port } = await startProcess(
    'tplus',
    {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `file:${dbPath}`,
      TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
      LOG_LEVEL: 'info',
      ...extra,
    },
    'tplus started',
  );
  // Warnings and errors by message, and the first few whole, for a report of what went wrong.
  const logs = { warn: new Map<string, number>(), samples: [] as string[] };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const record = JSON.parse(line) as { level?: number; msg?: string };
      if ((record.level ?? 0) < 40) return;
      const msg = record.msg ?? '?';
      logs.warn.set(msg, (logs.warn.get(msg) ?? 0) + 1);
      if (record.level! >= 50 && logs.samples.length < 20) logs.samples.push(line.slice(0, 600));
    } catch {
      /* not a log line */
    }
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events`, dbPath, logs } satisfies Tplus;
}

export async function stop(tplus: Tplus) {
  if (tplus.child.exitCode !== null) return;
  const exited = new Promise((resolve) => tplus.child.once('exit', resolve));
  tplus.child.kill('SIGKILL');
  await exited;
}

/** What a part of the bench needs: the Slack emulator, fresh processes, and their warnings. */
export interface PartContext {
  slack: SlackEmulator;
  fresh(name: string, extra?: Record<string, string>): Promise<Tplus>;
  done(t: Tplus): Promise<void>;
  warnings(t: Tplus): { warnings: Record<string, number>; errorSamples: string[] };
}

/** Starts processes in `dir` against `slack`, resetting it for each; `stopAll` ends those still live. */
export function tplusFleet(dir: string, slack: SlackEmulator): PartContext & { stopAll(): Promise<void> } {
  const live = new Set<Tplus>();
  const fresh = async (name: string, extra?: Record<string, string>) => {
    slack.reset();
    const t = await startTplus(dir, name, slack, extra);
    live.add(t);
    return t;
  };
  const done = async (t: Tplus) => {
    await stop(t);
    live.delete(t);
  };
  const warnings = (t: Tplus) => ({ warnings: Object.fromEntries(t.logs.warn), errorSamples: t.logs.samples });
  const stopAll = async () => {
    for (const t of live) await stop(t);
  };
  return { slack, fresh, done, warnings, stopAll };
}
