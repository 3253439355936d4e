// npm run bench:replicas — durable intake on PostgreSQL, one tplus replica against two on the same
// database, with one SQLite process as the reference, all in the same run (issue 11). Then the
// same one and two replicas with each replica in a cgroup limited to BENCH_REPLICA_CPU CPUs: on a
// small machine the load generator, PostgreSQL and the replicas share the cores, so a second
// replica brings no CPU of its own; the cap emulates one machine per replica.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from '../test/support/postgres-server.ts';
import { postgresDatabase, sqliteDatabase } from './replicas/databases.ts';
import { measure, type BenchDatabase } from './replicas/measure.ts';
import { printReport } from './replicas/print.ts';
import {
  lostAcks,
  ratios,
  TARGETS,
  verdicts,
  type CpuCappedResults,
  type PairRuns,
  type Runs,
} from './replicas/report.ts';
import { openCpuCap, type CpuCap } from './support/cpu-cap.ts';
import { runInfo } from './support/run-info.ts';
import { mention, SECRET, TOKEN, startBenchSlack } from './support/slack-requests.ts';
import { startProcess } from './support/start-process.ts';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// The same total connection count for one replica and for two (half each); 10 and 50 are the issue's.
const CONNECTIONS = (process.env.BENCH_REPLICAS_CONNECTIONS ?? '10,50').split(',').map(Number);
// CPUs each replica gets in the capped runs; 0 skips them.
const REPLICA_CPU = Number(process.env.BENCH_REPLICA_CPU || 0.5);

const round2 = (v: number) => Math.round(v * 100) / 100;

async function main() {
  if (!Number.isFinite(REPLICA_CPU) || REPLICA_CPU < 0)
    throw new Error(`BENCH_REPLICA_CPU must be a number of CPUs (0 to skip), not ${process.env.BENCH_REPLICA_CPU}`);
  const cpuCap: CpuCap | { skipped: string } =
    REPLICA_CPU === 0 ? { skipped: 'BENCH_REPLICA_CPU=0' } : openCpuCap({ share: REPLICA_CPU });
  const slack = await startBenchSlack();
  const dir = mkdtempSync(join(tmpdir(), 'tplus-replicas-bench-'));
  const postgres = await startPostgres();
  const run = runInfo();
  const loadAtStart = loadavg();
  const env = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_API_URL: slack.apiUrl,
    TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
    LOG_LEVEL: 'info',
  };
  const started = Date.now();
  const runs: Runs = {};
  const cappedRuns: PairRuns = {};
  let serverVersion: string | undefined;
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    serverVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await admin.end();

    /**
     * `replicas` tplus processes on one database (started together, as a deployment would),
     * each moved into a CPU-limited group of its own when `cap` is given, measured, killed.
     */
    const configuration = async (
      db: BenchDatabase,
      replicas: number,
      connections: number,
      firstSeq: number,
      cap?: CpuCap,
    ) => {
      const processes = await Promise.all(
        Array.from({ length: replicas }, (_, i) =>
          startProcess('tplus', { ...env, DATABASE_URL: db.url, TPLUS_REPLICA_ID: `bench-${i + 1}` }, 'tplus started'),
        ),
      );
      try {
        for (const p of processes) cap?.confine(p.child.pid!);
        const urls = processes.map((p) => `http://127.0.0.1:${p.port}/slack/events`);
        const pids = processes.map((p) => p.child.pid);
        return await measure({ db, pids, urls, connections, durationS: DURATION_S, firstSeq, slack });
      } finally {
        for (const p of processes) p.child.kill('SIGKILL');
        await cap?.removeAll();
      }
    };
    for (const [k, connections] of CONNECTIONS.entries()) {
      const seq = k * 10_000_000;
      const sqlite = await configuration(sqliteDatabase(dir, `c${connections}`), 1, connections, seq);
      const one = await postgresDatabase(postgres, `bench_one_c${connections}`);
      const postgresqlOne = await configuration(one, 1, connections, seq);
      const two = await postgresDatabase(postgres, `bench_two_c${connections}`);
      const postgresqlTwo = await configuration(two, 2, connections, seq);
      runs[`c${connections}`] = { sqlite, postgresqlOne, postgresqlTwo };
      console.log(`measured ${connections} connections`);
    }
    // After every uncapped run, so those run exactly as they did before the capped ones existed.
    if (!('skipped' in cpuCap)) {
      for (const [k, connections] of CONNECTIONS.entries()) {
        const seq = k * 10_000_000;
        const one = await postgresDatabase(postgres, `bench_capped_one_c${connections}`);
        const postgresqlOne = await configuration(one, 1, connections, seq, cpuCap);
        const two = await postgresDatabase(postgres, `bench_capped_two_c${connections}`);
        const postgresqlTwo = await configuration(two, 2, connections, seq, cpuCap);
        cappedRuns[`c${connections}`] = { postgresqlOne, postgresqlTwo };
        console.log(`measured ${connections} connections, replicas capped at ${REPLICA_CPU} CPU each`);
      }
    }
  } finally {
    if (!('skipped' in cpuCap)) await cpuCap.removeAll();
    await slack.close();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const ratio = ratios(runs);
  const lost = lostAcks(Object.values(runs).flatMap((r) => [r.sqlite, r.postgresqlOne, r.postgresqlTwo]));
  const cappedRatio = ratios(cappedRuns);
  const cappedLost = lostAcks(Object.values(cappedRuns).flatMap((r) => [r.postgresqlOne, r.postgresqlTwo]));
  const cpuCapped: CpuCappedResults =
    'skipped' in cpuCap
      ? { skipped: cpuCap.skipped }
      : {
          cpuPerReplica: REPLICA_CPU,
          cgroup: cpuCap.hierarchy,
          runs: cappedRuns,
          ratio: cappedRatio,
          lostAcks: cappedLost,
          verdicts: { ...verdicts(cappedRuns, cappedRatio), noLostAcks: cappedLost === 0 },
        };
  const report = {
    machine: { cores: run.cores, node: run.node, cpu: run.cpu },
    run,
    loadAverage: { atStart: loadAtStart.map(round2), atEnd: loadavg().map(round2) },
    durationSeconds: DURATION_S,
    payloadBytes: Buffer.byteLength(JSON.stringify(mention(0))),
    postgres: {
      version: serverVersion ?? 'unknown',
      // As test/support/postgres-server.ts starts it: like SQLite's synchronous=NORMAL, a commit
      // survives the process (tplus or the server) but not the machine losing power.
      settings: 'fsync=off, max_connections=300; DATABASE_POOL_SIZE 10 per replica',
    },
    runs,
    ratio,
    lostAcks: lost,
    targets: TARGETS,
    verdicts: { ...verdicts(runs, ratio), noLostAcks: lost === 0 },
    cpuCapped,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'replicas.json'), `${JSON.stringify(report, null, 2)}\n`);
  printReport(report, join(resultsDir, 'replicas.json'));
}

await main();
