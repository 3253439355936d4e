// What the engine bench's phases watch while tplus runs: its HTTP answers and its Slack posts.
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import type { StepOutcome } from './bench-db.ts';
import { sleep, summarize } from './stats.ts';

/** Polls `probe` until it holds; false when `timeoutMs` passed first. */
export async function until(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}

/**
 * GET /healthz every 100 ms until stopped, one request at a time: its answer time is how long any
 * HTTP request (a Slack event waiting for its 3-second ack too) waits for tplus's event loop.
 */
export function probeResponsiveness(port: number) {
  const latencies: number[] = [];
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      const started = performance.now();
      try {
        await (await fetch(`http://127.0.0.1:${port}/healthz`)).arrayBuffer();
        latencies.push(performance.now() - started);
      } catch {
        latencies.push(NaN);
      }
      await sleep(100);
    }
  })();
  return async () => {
    isStopped = true;
    await loop;
    const failed = latencies.filter((v) => Number.isNaN(v)).length;
    return { ...summarize(latencies.filter((v) => !Number.isNaN(v))), failed };
  };
}

/** When each step's first Slack post arrived, found by the outbox key tplus puts in message metadata. */
export function firstPostAt(slack: SlackEmulator): Map<number, number> {
  const seen = new Map<number, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (call.httpStatus !== 200 || !call.response?.ok) continue;
    const key = (call.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '';
    const rowId = Number(/^incident:\d+:step:(\d+):/.exec(key)?.[1] ?? NaN);
    if (!Number.isNaN(rowId) && !seen.has(rowId)) seen.set(rowId, call.at.getTime());
  }
  return seen;
}

/** Waits (up to a minute) until every fired step's first Slack post has arrived. */
export async function awaitPosts(slack: SlackEmulator, fired: StepOutcome[]): Promise<Map<number, number>> {
  await until(
    () => {
      const posts = firstPostAt(slack);
      return fired.every((r) => posts.has(r.id));
    },
    60_000,
    250,
  );
  return firstPostAt(slack);
}

/** Steps claimed per tick: every step of one runDueSteps call shares its `now` as firedAt. */
export function batches(rows: StepOutcome[], since: number) {
  const byTick = new Map<number, number>();
  for (const r of rows) if (!Number.isNaN(r.firedAt)) byTick.set(r.firedAt, (byTick.get(r.firedAt) ?? 0) + 1);
  return [...byTick].sort(([a], [b]) => a - b).map(([at, steps]) => ({ atMs: at - since, steps }));
}

export const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

export const stateCounts = (rows: StepOutcome[]) =>
  Object.fromEntries(['done', 'skipped', 'pending'].map((s) => [s, rows.filter((r) => r.state === s).length]));
