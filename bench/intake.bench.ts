// npm run bench:intake — durable intake vs a bare Bolt app, measured in the same run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endToEnd } from './support/end-to-end.ts';
import { runInfo } from './support/run-info.ts';
import { load, mention, SECRET, TOKEN, startBenchSlack } from './support/slack-requests.ts';
import { startProcess } from './support/start-process.ts';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// Acks/s against connection count, for the paper's saturation curve; 10 and 50 are the reference counts.
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50,200').split(',').map(Number);

/** One load run a connection count, keyed `c<count>` as the results have always been. */
async function sweep(url: string) {
  const runs: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const connections of CONNECTIONS) runs[`c${connections}`] = await load(url, connections, DURATION_S);
  return runs;
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
    const bare = await startProcess('bench/bare-bolt-app.ts', common, 'bare bolt started');
    const bareUrl = `http://127.0.0.1:${bare.port}/slack/events`;
    await load(bareUrl, 10, 2); // warm-up
    const bareRuns = await sweep(bareUrl);
    bare.child.kill('SIGKILL');

    const dbPath = join(dir, 'bench.db');
    const tplusEnv = {
      ...common,
      DATABASE_URL: `file:${dbPath}`,
      TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
      LOG_LEVEL: 'error',
    };
    const tplus = await startProcess('tplus', { ...tplusEnv, LOG_LEVEL: 'info' }, 'tplus started');
    const tplusUrl = `http://127.0.0.1:${tplus.port}/slack/events`;
    await load(tplusUrl, 10, 2);
    const tplusRuns = await sweep(tplusUrl);
    tplus.child.kill('SIGKILL');

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
      bareBolt: bareRuns,
      tplusDurableIntake: tplusRuns,
      throughputRatio: Object.fromEntries(
        CONNECTIONS.map((c) => [`c${c}`, tplusRuns[`c${c}`]!.requestsPerSecond / bareRuns[`c${c}`]!.requestsPerSecond]),
      ),
      endToEnd: e2e,
      targets: { ratioAtLeast: 1.0, p99AckMsC10: 10, p99AckMsC50: 25, e2eP95Ms: 300, e2eErrors: 0 },
    });
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // BENCH_RESULTS_DIR keeps a smoke run from overwriting the committed results.
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'intake.json'), `${JSON.stringify(report, null, 2)}\n`);
  type Run = Awaited<ReturnType<typeof load>>;
  const r = report as {
    bareBolt: Record<string, Run>;
    tplusDurableIntake: Record<string, Run>;
    throughputRatio: Record<string, number>;
    endToEnd: Awaited<ReturnType<typeof endToEnd>>;
  };
  console.log('                          req/s     p50    p90    p99 (ms)');
  for (const c of CONNECTIONS) {
    for (const [name, v] of [
      [`bare Bolt, ${c} conns`, r.bareBolt[`c${c}`]!],
      [`tplus durable, ${c} conns`, r.tplusDurableIntake[`c${c}`]!],
    ] as const) {
      console.log(
        `${name.padEnd(25)} ${v.requestsPerSecond.toFixed(0).padStart(6)} ${String(v.latencyMs.p50).padStart(6)} ${String(v.latencyMs.p90).padStart(6)} ${String(v.latencyMs.p99).padStart(6)}`,
      );
    }
  }
  console.log(
    `ratio tplus/bare: ${CONNECTIONS.map((c) => `${r.throughputRatio[`c${c}`]!.toFixed(2)}× at ${c}`).join(', ')}`,
  );
  console.log(
    `end to end at ${r.endToEnd.perMinute}/min for ${r.endToEnd.seconds} s: ${r.endToEnd.cards}/${r.endToEnd.sent} cards, p50 ${r.endToEnd.latencyMs.p50} ms, p95 ${r.endToEnd.latencyMs.p95} ms, p99 ${r.endToEnd.latencyMs.p99} ms, errors ${r.endToEnd.errors}`,
  );
  console.log(`written to ${join(resultsDir, 'intake.json')}`);
}

await main();
