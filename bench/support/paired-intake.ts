// Back-to-back pairs at one connection count: bare Bolt, then tplus's durable intake, each a
// freshly started process. This 2-core VM's speed drifts by up to 40 % between minutes; a sweep
// measures each mode minutes apart, a pair 15 s apart, so the ratio of a pair is the figure the
// target is checked on (the median of the pairs, every pair listed).
import { load, type LoadResult } from './slack-requests.ts';
import { startProcess } from './start-process.ts';

export interface IntakePair {
  bareBolt: LoadResult;
  tplus: LoadResult;
  /** tplus's acks/s ÷ bare Bolt's. */
  ratio: number;
  /** tplus's p99 ÷ bare Bolt's. */
  p99Ratio: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Starts the process, warms it up for 2 s, measures `seconds` at `connections`, kills it. */
async function measureFresh(
  script: string,
  env: Record<string, string>,
  startedMsg: string,
  connections: number,
  seconds: number,
  firstSeq: number,
): Promise<LoadResult> {
  const proc = await startProcess(script, env, startedMsg);
  try {
    const url = `http://127.0.0.1:${proc.port}/slack/events`;
    await load(url, connections, 2, { firstSeq });
    return await load(url, connections, seconds, { firstSeq: firstSeq + 50_000 });
  } finally {
    proc.child.kill('SIGKILL');
  }
}

export async function pairedIntake({
  pairs,
  seconds,
  connections,
  boltEnv,
  tplusEnv,
}: {
  pairs: number;
  seconds: number;
  connections: number;
  boltEnv: Record<string, string>;
  /** tplus's environment for pair `i`: a fresh database each. */
  tplusEnv: (i: number) => Record<string, string>;
}) {
  const runs: IntakePair[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const firstSeq = 1_000_000 + i * 200_000;
    const bareBolt = await measureFresh(
      'bench/bare-bolt-app.ts',
      boltEnv,
      'bare bolt started',
      connections,
      seconds,
      firstSeq,
    );
    const tplus = await measureFresh('tplus', tplusEnv(i), 'tplus started', connections, seconds, firstSeq + 100_000);
    runs.push({
      bareBolt,
      tplus,
      ratio: tplus.requestsPerSecond / bareBolt.requestsPerSecond,
      p99Ratio: tplus.latencyMs.p99 / Math.max(1, bareBolt.latencyMs.p99),
    });
    console.log(
      `pair ${i + 1}/${pairs} at ${connections} connections: bare Bolt ${bareBolt.requestsPerSecond.toFixed(0)}/s p99 ${bareBolt.latencyMs.p99} ms, tplus ${tplus.requestsPerSecond.toFixed(0)}/s p99 ${tplus.latencyMs.p99} ms`,
    );
  }
  return {
    connections,
    seconds,
    pairs: runs,
    medianRatio: median(runs.map((r) => r.ratio)),
    medianP99Ratio: median(runs.map((r) => r.p99Ratio)),
  };
}
