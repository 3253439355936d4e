// One configuration's load in bench:replicas: every replica loaded at once, every response in one
// histogram, and what the load left in the database and cost in CPU.
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { percentile } from '../engine/stats.ts';
import { load } from '../support/slack-requests.ts';
import { cpuMs, ownCpuMs } from './process-cpu.ts';

export type BenchDatabase = {
  kind: 'sqlite' | 'postgresql';
  url: string;
  /** Rows in one of tplus's tables (0 before tplus created it). */
  rows(table: 'InboxEvent' | 'Ticket'): Promise<number>;
  /** PostgreSQL's count of committed and rolled-back transactions in this database so far. */
  transactions?(): Promise<{ commits: number; rollbacks: number }>;
  /** PostgreSQL only: CPU time of the whole server (every database's backends) so far, in ms. */
  serverCpuMs?(): number;
};

/** One configuration's load: every response of every replica's autocannon in one histogram. */
export interface ConfigRun {
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
  /**
   * Cores busy on average during the load (CPU time ÷ wall time): the tplus processes together,
   * the PostgreSQL server (absent on SQLite), and the bench process (autocannon and the Slack
   * emulator). Their sum near the machine's core count says the machine, not tplus, set the pace.
   */
  cpuCores: { tplus: number; postgres?: number; loadGenerator: number };
  perReplica: { requestsPerSecond: number; p99Ms: number; total: number }[];
}

const round = (v: number) => Math.round(v * 100) / 100;

export async function measure({
  db,
  pids,
  urls,
  connections,
  durationS,
  firstSeq,
  slack,
}: {
  db: BenchDatabase;
  pids: (number | undefined)[];
  urls: string[];
  connections: number;
  durationS: number;
  firstSeq: number;
  slack: SlackEmulator;
}): Promise<ConfigRun> {
  // Warm-up on every replica at once: Prisma's first compiles, the pools' connections, V8.
  await Promise.all(
    urls.map((url, i) => load(url, Math.max(1, Math.round(10 / urls.length)), 2, { firstSeq: firstSeq + i * 100_000 })),
  );
  slack.reset();
  const before = await db.rows('InboxEvent');
  const ticketsBefore = await db.rows('Ticket');
  const transactionsBefore = await db.transactions?.();
  const tplusCpu = () => pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);
  const cpuBefore = { tplus: tplusCpu(), postgres: db.serverCpuMs?.(), own: ownCpuMs(), at: performance.now() };
  const latencies: number[] = [];
  let acks = 0;
  const onResponse = (status: number, ms: number) => {
    latencies.push(ms);
    if (status >= 200 && status < 300) acks += 1;
  };
  // Requests spread round-robin in effect: each replica gets its share of the connections.
  const shares = urls.map((_, i) => Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0));
  const runs = await Promise.all(
    urls.map((url, i) => load(url, shares[i]!, durationS, { firstSeq: firstSeq + 200_000 + i * 300_000, onResponse })),
  );
  const wallMs = performance.now() - cpuBefore.at;
  const cpu = tplusCpu() - cpuBefore.tplus;
  const postgresCpu = cpuBefore.postgres === undefined ? undefined : db.serverCpuMs!() - cpuBefore.postgres;
  const loadGeneratorCpu = ownCpuMs() - cpuBefore.own;
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
  const at = (p: number) => round(percentile(latencies, p));
  const sum = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((total, r) => total + pick(r), 0);
  return {
    connections,
    replicas: urls.length,
    acksPerSecond: round(acks / durationS),
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
    cpuCores: {
      tplus: round(cpu / wallMs),
      ...(postgresCpu === undefined ? {} : { postgres: round(postgresCpu / wallMs) }),
      loadGenerator: round(loadGeneratorCpu / wallMs),
    },
    perReplica: runs.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p99Ms: r.latencyMs.p99, total: r.total })),
  };
}
