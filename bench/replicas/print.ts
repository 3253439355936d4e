// bench:replicas's summary on the console: the loads, the verdicts, the work behind the acks.
import type { ConfigRun } from './measure.ts';
import { TARGETS, type CpuCappedResults, type PairRuns, type Runs } from './report.ts';

type Labelled = [name: string, run: ConfigRun][];

const verdict = (ok: boolean | undefined) => (ok ? 'PASS' : 'MISS');

function byCount(runs: Runs, capped: CpuCappedResults | undefined): [key: string, rows: Labelled][] {
  const rows: [string, Labelled][] = Object.entries(runs).map(([key, r]) => [
    key,
    [
      ['SQLite, one process', r.sqlite],
      ['PostgreSQL, one replica', r.postgresqlOne],
      ['PostgreSQL, two replicas', r.postgresqlTwo],
    ],
  ]);
  if (capped && 'runs' in capped)
    for (const [key, r] of Object.entries(capped.runs))
      rows.push([
        key,
        [
          [`PostgreSQL, one capped`, r.postgresqlOne],
          [`PostgreSQL, two capped`, r.postgresqlTwo],
        ],
      ]);
  return rows;
}

function printVerdicts(
  title: string,
  runs: PairRuns,
  ratio: Record<string, number>,
  verdicts: Record<string, boolean>,
) {
  for (const [key, r] of Object.entries(runs)) {
    const c = key.slice(1);
    console.log(
      `${`two replicas ÷ one${title}, acks/s at ${c} conns`.padEnd(44)} ${`≥ ${TARGETS.twoReplicaRatioAtLeast}×`.padEnd(10)} ${`${ratio[key]}×`.padEnd(10)} ${verdict(verdicts[`ratio${key.toUpperCase()}`])}`,
    );
    console.log(
      `${`ack p99, two replicas${title} at ${c} conns`.padEnd(44)} ${`≤ ${TARGETS.p99AckMs} ms`.padEnd(10)} ${`${r.postgresqlTwo.latencyMs.p99} ms`.padEnd(10)} ${verdict(verdicts[`p99TwoReplicas${key.toUpperCase()}`])}`,
    );
  }
}

export function printReport(
  report: {
    runs: Runs;
    ratio: Record<string, number>;
    verdicts: Record<string, boolean>;
    lostAcks: number;
    cpuCapped?: CpuCappedResults;
    loadAverage: { atStart: number[]; atEnd: number[] };
    runtimeSeconds: number;
  },
  writtenTo: string,
) {
  const { runs, cpuCapped: capped } = report;
  const rows = byCount(runs, capped);
  console.log(
    `\n${'durable intake'.padEnd(34)} ${'acks/s'.padStart(7)} ${'p50'.padStart(6)} ${'p90'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(7)} (ms)  acks in db`,
  );
  for (const [key, labelled] of rows) {
    for (const [name, c] of labelled) {
      const l = c.latencyMs;
      console.log(
        `${`${name}, ${key.slice(1)} conns`.padEnd(34)} ${c.acksPerSecond.toFixed(0).padStart(7)} ${l.p50.toFixed(1).padStart(6)} ${l.p90.toFixed(1).padStart(6)} ${l.p99.toFixed(1).padStart(6)} ${l.max.toFixed(0).padStart(7)}       ${c.inboxRows >= c.acks ? 'all' : `${c.acks - c.inboxRows} missing`}`,
      );
    }
  }
  console.log(`\n${'target'.padEnd(44)} ${'wanted'.padEnd(10)} ${'measured'.padEnd(10)} verdict`);
  printVerdicts('', runs, report.ratio, report.verdicts);
  if (capped && 'runs' in capped)
    printVerdicts(`, ${capped.cpuPerReplica} CPU each`, capped.runs, capped.ratio, capped.verdicts);
  else if (capped) console.log(`CPU-capped replicas skipped: ${capped.skipped}`);
  console.log(
    `\n${'work behind the acks, during the load'.padEnd(34)} tickets filed  CPU ms/ack  transactions (committed / rolled back)  cores: tplus / PostgreSQL / bench`,
  );
  for (const [key, labelled] of rows) {
    for (const [name, c] of labelled) {
      const cores = [c.cpuCores.tplus, c.cpuCores.postgres, c.cpuCores.loadGenerator]
        .map((v) => (v === undefined ? '–' : v.toFixed(2)))
        .join(' / ');
      console.log(
        `${`${name}, ${key.slice(1)} conns`.padEnd(34)} ${String(c.ticketsFiled).padStart(13)} ${c.cpuMsPerAck.toFixed(2).padStart(11)}  ${(c.transactions ? `${c.transactions.commits} / ${c.transactions.rollbacks}` : '–').padEnd(39)}  ${cores}`,
      );
    }
  }
  const lost = report.lostAcks + (capped && 'runs' in capped ? capped.lostAcks : 0);
  console.log(
    `${'acks not found in the database'.padEnd(44)} ${'0'.padEnd(10)} ${String(lost).padEnd(10)} ${verdict(lost === 0)}`,
  );
  console.log(
    `load average at start ${report.loadAverage.atStart.join(' ')}, at end ${report.loadAverage.atEnd.join(' ')}; run took ${report.runtimeSeconds} s`,
  );
  console.log(`written to ${writtenTo}`);
}
