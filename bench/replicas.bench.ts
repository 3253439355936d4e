// npm run bench:replicas — durable intake on PostgreSQL, one tplus replica against two on the same
// database, with one SQLite process as the reference, all in the same run (issue 11).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { SlackEmulator } from '../src/sandbox/slack-emulator/index.ts';
import { createTestDatabase } from '../test/support/postgres-database.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { percentile } from './engine/stats.ts';
import { runInfo } from './support/run-info.ts';
import { load, mention, SECRET, TOKEN, startBenchSlack } from './support/slack-requests.ts';
import { startProcess } from './support/start-process.ts';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// The same total connection count for one replica and for two (half each); 10 and 50 are the issue's.
const CONNECTIONS = (process.env.BENCH_REPLICAS_CONNECTIONS ?? '10,50').split(',').map(Number);
const TARGETS = { twoReplicaRatioAtLeast: 1.6, p99AckMs: 20 };

type BenchDatabase = {
  kind: 'sqlite' | 'postgresql';
  url: string;
  /** Rows in one of tplus's tables (0 before tplus created it). */
  rows(table: 'InboxEvent' | 'Ticket'): Promise<number>;
  /** PostgreSQL's count of committed and rolled-back transactions in this database so far. */
  transactions?(): Promise<{ commits: number; rollbacks: number }>;
};

/** One configuration's load: every response of every replica's autocannon in one histogram. */
interface ConfigRun {
  connections: number;
  replicas: number;
  /** Durable acks (HTTP 200: tplus answers after the event is committed to the inbox) per second. */
  acksPerSecond: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p95: number; p99: number; max: number };
  total: number;
  acks: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Inbox rows the load added, read from the database after it: at least `acks` when no ack was lost. */
  inboxRows: number;
  /**
   * PostgreSQL only: transactions committed and rolled back in the database during the load
   * (pg_stat_database, which lags by up to a second): how much of the work behind the acks (the
   * grouped inbox inserts, the replay into tickets) reached the database while the load ran.
   */
  transactions?: { commits: number; rollbacks: number };
  /** Tickets filed from the inbox while the load ran: how far the replay behind the acks kept up. */
  ticketsFiled: number;
  /**
   * CPU time (user + system) of all the configuration's tplus processes during the load, per
   * durable ack: two replicas doing the same work as one would keep this figure.
   */
  cpuMsPerAck: number;
  perReplica: { requestsPerSecond: number; p99Ms: number; total: number }[];
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    // After "(comm) ", utime and stime are fields 12 and 13 (14 and 15 of the whole line).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function measure(
  db: BenchDatabase,
  pids: (number | undefined)[],
  urls: string[],
  connections: number,
  firstSeq: number,
  slack: SlackEmulator,
): Promise<ConfigRun> {
  // Warm-up on every replica at once: Prisma's first compiles, the pools' connections, V8.
  await Promise.all(
    urls.map((url, i) => load(url, Math.max(1, Math.round(10 / urls.length)), 2, { firstSeq: firstSeq + i * 100_000 })),
  );
  slack.reset();
  const before = await db.rows('InboxEvent');
  const ticketsBefore = await db.rows('Ticket');
  const transactionsBefore = await db.transactions?.();
  const cpuBefore = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);
  const latencies: number[] = [];
  let acks = 0;
  const onResponse = (status: number, ms: number) => {
    latencies.push(ms);
    if (status >= 200 && status < 300) acks += 1;
  };
  // Requests spread round-robin in effect: each replica gets its share of the connections.
  const shares = urls.map((_, i) => Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0));
  const runs = await Promise.all(
    urls.map((url, i) => load(url, shares[i]!, DURATION_S, { firstSeq: firstSeq + 200_000 + i * 300_000, onResponse })),
  );
  const cpu = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore;
  const inboxRows = (await db.rows('InboxEvent')) - before;
  const ticketsFiled = (await db.rows('Ticket')) - ticketsBefore;
  const transactionsAfter = await db.transactions?.();
  const transactions =
    transactionsBefore && transactionsAfter
      ? {
          commits: transactionsAfter.commits - transactionsBefore.commits,
          rollbacks: transactionsAfter.rollbacks - transactionsBefore.rollbacks,
        }
      : undefined;
  latencies.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  const at = (p: number) => round(percentile(latencies, p));
  const sum = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    connections,
    replicas: urls.length,
    acksPerSecond: round(acks / DURATION_S),
    requestsPerSecond: round(sum((r) => r.requestsPerSecond)),
    latencyMs: { p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: round(latencies.at(-1) ?? NaN) },
    total: sum((r) => r.total),
    acks,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    inboxRows,
    ...(transactions ? { transactions } : {}),
    ticketsFiled,
    cpuMsPerAck: round(cpu / Math.max(1, acks)),
    perReplica: runs.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p99Ms: r.latencyMs.p99, total: r.total })),
  };
}

async function main() {
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
  const runs: Record<string, { sqlite: ConfigRun; postgresqlOne: ConfigRun; postgresqlTwo: ConfigRun }> = {};
  let serverVersion: string | undefined;
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    serverVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await admin.end();

    const sqliteDatabase = (name: string): BenchDatabase => {
      const path = join(dir, `${name}.db`);
      return {
        kind: 'sqlite',
        url: `file:${path}`,
        async rows(table) {
          try {
            const db = new Database(path, { readonly: true });
            try {
              return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
            } finally {
              db.close();
            }
          } catch {
            return 0; // not created yet
          }
        },
      };
    };
    const postgresDatabase = async (name: string): Promise<BenchDatabase> => {
      const { url } = await createTestDatabase(name, postgres.url);
      return {
        kind: 'postgresql',
        url,
        async rows(table) {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
          } finally {
            await client.end();
          }
        },
        async transactions() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const { rows } = await client.query<{ commits: string; rollbacks: string }>(
              'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = current_database()',
            );
            return { commits: Number(rows[0]!.commits), rollbacks: Number(rows[0]!.rollbacks) };
          } finally {
            await client.end();
          }
        },
      };
    };
    /** `replicas` tplus processes on one database (started together, as a deployment would), measured, killed. */
    const configuration = async (db: BenchDatabase, replicas: number, connections: number, firstSeq: number) => {
      const processes = await Promise.all(
        Array.from({ length: replicas }, (_, i) =>
          startProcess('tplus', { ...env, DATABASE_URL: db.url, TPLUS_REPLICA_ID: `bench-${i + 1}` }, 'tplus started'),
        ),
      );
      try {
        const urls = processes.map((p) => `http://127.0.0.1:${p.port}/slack/events`);
        return await measure(
          db,
          processes.map((p) => p.child.pid),
          urls,
          connections,
          firstSeq,
          slack,
        );
      } finally {
        for (const p of processes) p.child.kill('SIGKILL');
      }
    };
    for (const [k, connections] of CONNECTIONS.entries()) {
      const seq = k * 10_000_000;
      const sqlite = await configuration(sqliteDatabase(`c${connections}`), 1, connections, seq);
      const postgresqlOne = await configuration(
        await postgresDatabase(`bench_one_c${connections}`),
        1,
        connections,
        seq,
      );
      const postgresqlTwo = await configuration(
        await postgresDatabase(`bench_two_c${connections}`),
        2,
        connections,
        seq,
      );
      runs[`c${connections}`] = { sqlite, postgresqlOne, postgresqlTwo };
      console.log(`measured ${connections} connections`);
    }
  } finally {
    await slack.close();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const ratio = Object.fromEntries(
    Object.entries(runs).map(([key, r]) => [
      key,
      Math.round((r.postgresqlTwo.acksPerSecond / r.postgresqlOne.acksPerSecond) * 100) / 100,
    ]),
  );
  const lostAcks = Object.values(runs)
    .flatMap((r) => [r.sqlite, r.postgresqlOne, r.postgresqlTwo])
    .reduce((n, c) => n + Math.max(0, c.acks - c.inboxRows), 0);
  const verdicts = Object.fromEntries(
    Object.entries(runs).flatMap(([key, r]) => [
      [`ratio${key.toUpperCase()}`, ratio[key]! >= TARGETS.twoReplicaRatioAtLeast],
      [`p99TwoReplicas${key.toUpperCase()}`, r.postgresqlTwo.latencyMs.p99 <= TARGETS.p99AckMs],
    ]),
  );
  const report = {
    machine: { cores: run.cores, node: run.node, cpu: run.cpu },
    run,
    loadAverage: {
      atStart: loadAtStart.map((v) => Math.round(v * 100) / 100),
      atEnd: loadavg().map((v) => Math.round(v * 100) / 100),
    },
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
    lostAcks,
    targets: TARGETS,
    verdicts: { ...verdicts, noLostAcks: lostAcks === 0 },
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'replicas.json'), `${JSON.stringify(report, null, 2)}\n`);

  const verdict = (ok: boolean | undefined) => (ok ? 'PASS' : 'MISS');
  console.log(
    `\n${'durable intake'.padEnd(34)} ${'acks/s'.padStart(7)} ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(7)} (ms)  acks in db`,
  );
  for (const [key, r] of Object.entries(runs)) {
    for (const [name, c] of [
      ['SQLite, one process', r.sqlite],
      ['PostgreSQL, one replica', r.postgresqlOne],
      ['PostgreSQL, two replicas', r.postgresqlTwo],
    ] as const) {
      const l = c.latencyMs;
      console.log(
        `${`${name}, ${key.slice(1)} conns`.padEnd(34)} ${c.acksPerSecond.toFixed(0).padStart(7)} ${l.p50.toFixed(1).padStart(6)} ${l.p90.toFixed(1).padStart(6)} ${l.p99.toFixed(1).padStart(6)} ${l.max.toFixed(0).padStart(7)}       ${c.inboxRows >= c.acks ? 'all' : `${c.acks - c.inboxRows} missing`}`,
      );
    }
  }
  console.log(`\n${'target'.padEnd(44)} ${'wanted'.padEnd(10)} ${'measured'.padEnd(10)} verdict`);
  for (const [key, r] of Object.entries(runs)) {
    const c = key.slice(1);
    console.log(
      `${`two replicas ÷ one, acks/s at ${c} conns`.padEnd(44)} ${`≥ ${TARGETS.twoReplicaRatioAtLeast}×`.padEnd(10)} ${`${ratio[key]}×`.padEnd(10)} ${verdict(verdicts[`ratio${key.toUpperCase()}`])}`,
    );
    console.log(
      `${`ack p99, two replicas at ${c} conns`.padEnd(44)} ${`≤ ${TARGETS.p99AckMs} ms`.padEnd(10)} ${`${r.postgresqlTwo.latencyMs.p99} ms`.padEnd(10)} ${verdict(verdicts[`p99TwoReplicas${key.toUpperCase()}`])}`,
    );
  }
  console.log(
    `\n${'work behind the acks, during the load'.padEnd(34)} tickets filed  CPU ms/ack  transactions (committed / rolled back)`,
  );
  for (const [key, r] of Object.entries(runs)) {
    for (const [name, c] of [
      ['SQLite, one process', r.sqlite],
      ['PostgreSQL, one replica', r.postgresqlOne],
      ['PostgreSQL, two replicas', r.postgresqlTwo],
    ] as const) {
      console.log(
        `${`${name}, ${key.slice(1)} conns`.padEnd(34)} ${String(c.ticketsFiled).padStart(13)} ${c.cpuMsPerAck.toFixed(2).padStart(11)}  ${c.transactions ? `${c.transactions.commits} / ${c.transactions.rollbacks}` : '–'}`,
      );
    }
  }
  console.log(
    `${'acks not found in the database'.padEnd(44)} ${'0'.padEnd(10)} ${String(lostAcks).padEnd(10)} ${verdict(lostAcks === 0)}`,
  );
  console.log(
    `load average at start ${report.loadAverage.atStart.join(' ')}, at end ${report.loadAverage.atEnd.join(' ')}; run took ${report.runtimeSeconds} s`,
  );
  console.log(`written to ${join(resultsDir, 'replicas.json')}`);
}

await main();
