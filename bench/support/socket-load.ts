// Closed-loop load over Socket Mode: the emulator pushes events_api envelopes down the app's
// WebSocket and times each ack, the counterpart of autocannon's load() for the HTTP modes.
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { mention, type LoadResult } from './slack-requests.ts';

// autocannon's default request timeout, so a timeout means the same in every intake mode.
const ACK_TIMEOUT_MS = 10_000;

/** Nearest-rank percentiles of `sorted` (ascending), in ms to two decimals like autocannon's. */
export function latencySummary(sorted: number[]): LoadResult['latencyMs'] {
  const at = (p: number) => {
    if (sorted.length === 0) return 0;
    const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
    return Math.round(value * 100) / 100;
  };
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/**
 * Keeps `connections` envelopes in flight for `duration` seconds, sending the next as soon as one
 * is acked; latency runs from the envelope's send to its ack, both seen by the emulator. A
 * delivery not acked within the timeout counts as a timeout and, as autocannon counts it, an error.
 * `firstSeq` keeps a later run from repeating an earlier run's message `ts`.
 */
export async function socketLoad(
  socket: SlackEmulator['socket'],
  connections: number,
  duration: number,
  { firstSeq = 0 }: { firstSeq?: number } = {},
): Promise<LoadResult> {
  await socket.waitForConnection(ACK_TIMEOUT_MS);
  let seq = firstSeq;
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const endsAt = started + duration * 1000;
  async function worker() {
    while (performance.now() < endsAt) {
      try {
        const { ackedInMs } = await socket.deliver('events_api', mention(seq++), { timeoutMs: ACK_TIMEOUT_MS });
        latencies.push(ackedInMs);
      } catch (error) {
        errors += 1;
        if (/not acked within/.test((error as Error).message)) timeouts += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  return {
    connections,
    requestsPerSecond: latencies.length / elapsedS,
    latencyMs: latencySummary(latencies.sort((a, b) => a - b)),
    // An ack carries no status: a refused envelope goes unacked and shows up as a timeout.
    non2xx: 0,
    errors,
    timeouts,
    total: latencies.length,
  };
}
