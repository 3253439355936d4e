// npm run bench:intake — durable intake (HTTP and Socket Mode) vs bare node:http and a bare Bolt
// app, measured in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endToEnd } from './support/end-to-end.ts';
import { runInfo } from './support/run-info.ts';
import { APP_TOKEN, load, mention, SECRET, TOKEN, startBenchSlack, type LoadResult } from './support/slack-requests.ts';
import { pairedIntake } from './support/paired-intake.ts';
import { socketLoad } from './support/socket-load.ts';
import { startProcess } from './support/start-process.ts';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// Acks/s against connection count, for the paper's saturation curve; 10 and 50 are the reference counts.
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50,200').split(',').map(Number);
// Bare Bolt and tplus back to back at 10 connections, fresh processes: the target's figure.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const PAIR_SECONDS = Number(process.env.BENCH_PAIR_SECONDS ?? 5);
const TARGETS = { ratioAtLeastC10: 1.2, p99RatioAtMostC10: 1.5, e2eP95Ms: 300, e2eErrors: 0 };

type Runs = Record<string, LoadResult>;

/** One load run a connection count, keyed `c<count>` as the results have always been. */
async function sweep(run: (connections: number, duration: number) => Promise<LoadResult>): Promise<Runs> {
  await run(10, 2); // warm-up
  const runs: Runs = {};
  for (const connections of CONNECTIONS) runs[`c${connections}`] = await run(connections, DURATION_S);
  return runs;
}

/** acks/s of `over` divided by those of `under`, a connection count at a time. */
function ratio(over: Runs, under: Runs): Record<string, number> {
  return Object.fromEntries(
    CONNECTIONS.map((c) => [`c${c}`, over[`c${c}`]!.requestsPerSecond / under[`c${c}`]!.requestsPerSecond]),
  );
}

/** Starts a bare baseline or tplus, sweeps its HTTP intake and kills it. */
async function sweepHttp(script: string, env: Record<string, string>, startedMsg: string): Promise<Runs> {
  const proc = await startProcess(script, env, startedMsg);
  try {
    const url = `http://127.0.0.1:${proc.port}/slack/events`;
    return await sweep((connections, duration) => load(url, connections, duration));
  } finally {
    proc.child.kill('SIGKILL');
  }
}

async function main() {
  const emulator = await startBenchSlack();
  const dir = mkdtempSync(join(tmpdir(), 'tplus-bench-'));
  const common = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: emulator.apiUrl };
  const run = runInfo();
  const report: Record<string, unknown> = {
    machine: { cores: run.cores, node: run.node },
    run,
    durationSeconds: DURATION_S,
    payloadBytes: Buffer.byteLength(JSON.stringify(mention(0))),
  };
  try {
    const bareHttpRuns = await sweepHttp('bench/bare-http-app.ts', common, 'bare http started');
    const bareRuns = await sweepHttp('bench/bare-bolt-app.ts', common, 'bare bolt started');

    const dbPath = join(dir, 'bench.db');
    const tplusEnv = {
      ...common,
      DATABASE_URL: `file:${dbPath}`,
      TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
      LOG_LEVEL: 'error',
    };
    const tplusRuns = await sweepHttp('tplus', { ...tplusEnv, LOG_LEVEL: 'info' }, 'tplus started');

    // The same bundle in Socket Mode on its own database: the emulator pushes the envelopes.
    const socketProc = await startProcess(
      'tplus',
      { ...tplusEnv, DATABASE_URL: `file:${join(dir, 'socket.db')}`, SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'info' },
      'tplus started',
    );
    let socketRuns: Runs;
    try {
      // One sequence across the sweep, so no two runs send the same message ts in the same second.
      let firstSeq = 0;
      socketRuns = await sweep(async (connections, duration) => {
        const result = await socketLoad(emulator.socket, connections, duration, { firstSeq });
        firstSeq += result.total + result.errors;
        return result;
      });
    } finally {
      socketProc.child.kill('SIGKILL');
    }

    const paired = await pairedIntake({
      pairs: PAIRS,
      seconds: PAIR_SECONDS,
      connections: 10,
      boltEnv: common,
      tplusEnv: (i) => ({ ...tplusEnv, DATABASE_URL: `file:${join(dir, `pair-${i}.db`)}`, LOG_LEVEL: 'info' }),
    });

    // End to end on a fresh database: event → ticket card at the emulator, at a steady rate.
    emulator.reset();
    const e2eDb = join(dir, 'e2e.db');
    const e2eProc = await startProcess(
      'tplus',
      { ...tplusEnv, DATABASE_URL: `file:${e2eDb}`, LOG_LEVEL: 'info' },
      'tplus started',
    );
    const e2e = await endToEnd(
      `http://127.0.0.1:${e2eProc.port}/slack/events`,
      e2eDb,
      emulator,
      Number(process.env.BENCH_E2E_PER_MINUTE ?? 2000),
      Number(process.env.BENCH_E2E_SECONDS ?? 60),
    );
    e2eProc.child.kill('SIGKILL');

    Object.assign(report, {
      bareHttp: bareHttpRuns,
      bareBolt: bareRuns,
      tplusDurableIntake: tplusRuns,
      tplusSocketMode: socketRuns,
      throughputRatio: ratio(tplusRuns, bareRuns),
      throughputRatioToBareHttp: {
        bareBolt: ratio(bareRuns, bareHttpRuns),
        tplusDurableIntake: ratio(tplusRuns, bareHttpRuns),
        tplusSocketMode: ratio(socketRuns, bareHttpRuns),
      },
      paired,
      endToEnd: e2e,
      targets: TARGETS,
    });
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // BENCH_RESULTS_DIR keeps a smoke run from overwriting the committed results.
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'intake.json'), `${JSON.stringify(report, null, 2)}\n`);
  const r = report as {
    bareHttp: Runs;
    bareBolt: Runs;
    tplusDurableIntake: Runs;
    tplusSocketMode: Runs;
    throughputRatio: Record<string, number>;
    throughputRatioToBareHttp: Record<'bareBolt' | 'tplusDurableIntake' | 'tplusSocketMode', Record<string, number>>;
    paired: Awaited<ReturnType<typeof pairedIntake>>;
    endToEnd: Awaited<ReturnType<typeof endToEnd>>;
  };
  console.log('                              req/s     p50    p90    p99 (ms)');
  for (const c of CONNECTIONS) {
    for (const [name, v] of [
      [`bare http, ${c} conns`, r.bareHttp[`c${c}`]!],
      [`bare Bolt, ${c} conns`, r.bareBolt[`c${c}`]!],
      [`tplus durable, ${c} conns`, r.tplusDurableIntake[`c${c}`]!],
      [`tplus Socket Mode, ${c} conns`, r.tplusSocketMode[`c${c}`]!],
    ] as const) {
      console.log(
        `${name.padEnd(29)} ${v.requestsPerSecond.toFixed(0).padStart(6)} ${String(v.latencyMs.p50).padStart(6)} ${String(v.latencyMs.p90).padStart(6)} ${String(v.latencyMs.p99).padStart(6)}`,
      );
    }
  }
  const ratios = (by: Record<string, number>) =>
    CONNECTIONS.map((c) => `${by[`c${c}`]!.toFixed(2)}× at ${c}`).join(', ');
  console.log(`ratio tplus/bare: ${ratios(r.throughputRatio)}`);
  console.log(`ratio tplus/bare http: ${ratios(r.throughputRatioToBareHttp.tplusDurableIntake)}`);
  console.log(`ratio tplus Socket Mode/bare http: ${ratios(r.throughputRatioToBareHttp.tplusSocketMode)}`);
  console.log(`ratio bare Bolt/bare http: ${ratios(r.throughputRatioToBareHttp.bareBolt)}`);
  console.log(
    `paired at 10 connections (${PAIRS} × ${PAIR_SECONDS} s): tplus/bare Bolt median ${r.paired.medianRatio.toFixed(2)}× (target ≥ ${TARGETS.ratioAtLeastC10}×), p99 median ${r.paired.medianP99Ratio.toFixed(2)}× Bolt's (target ≤ ${TARGETS.p99RatioAtMostC10}×); pairs ${r.paired.pairs.map((p) => `${p.ratio.toFixed(2)}×`).join(' ')}`,
  );
  console.log(
    `end to end at ${r.endToEnd.perMinute}/min for ${r.endToEnd.seconds} s: ${r.endToEnd.cards}/${r.endToEnd.sent} cards, p50 ${r.endToEnd.latencyMs.p50} ms, p95 ${r.endToEnd.latencyMs.p95} ms, p99 ${r.endToEnd.latencyMs.p99} ms, errors ${r.endToEnd.errors}`,
  );
  console.log(`written to ${join(resultsDir, 'intake.json')}`);
}

await main();
