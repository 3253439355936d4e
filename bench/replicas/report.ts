// What bench:replicas reports beside the runs: two replicas against one at each connection count
// (the ratio of their acks/s, the verdicts against the targets), uncapped and CPU-capped.
import type { ConfigRun } from './measure.ts';

export const TARGETS = { twoReplicaRatioAtLeast: 1.6, p99AckMs: 20 };

export type PairRuns = Record<string, { postgresqlOne: ConfigRun; postgresqlTwo: ConfigRun }>;
export type Runs = Record<string, { sqlite: ConfigRun; postgresqlOne: ConfigRun; postgresqlTwo: ConfigRun }>;

/**
 * One replica and two, each tplus process in a cgroup of its own limited to `cpuPerReplica` CPUs
 * ("one machine per replica"), PostgreSQL and the load generator sharing the rest; or why not.
 */
export type CpuCappedResults =
  | {
      cpuPerReplica: number;
      cgroup: string;
      runs: PairRuns;
      ratio: Record<string, number>;
      lostAcks: number;
      verdicts: Record<string, boolean>;
    }
  | { skipped: string };

/** Two replicas' acks/s ÷ one replica's, by run key (`c10`), to two decimals. */
export function ratios(runs: PairRuns): Record<string, number> {
  return Object.fromEntries(
    Object.entries(runs).map(([key, r]) => [
      key,
      Math.round((r.postgresqlTwo.acksPerSecond / r.postgresqlOne.acksPerSecond) * 100) / 100,
    ]),
  );
}

/** `ratioC10`, `p99TwoReplicasC10`… : whether each target was met. */
export function verdicts(runs: PairRuns, ratio: Record<string, number>): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(runs).flatMap(([key, r]) => [
      [`ratio${key.toUpperCase()}`, ratio[key]! >= TARGETS.twoReplicaRatioAtLeast],
      [`p99TwoReplicas${key.toUpperCase()}`, r.postgresqlTwo.latencyMs.p99 <= TARGETS.p99AckMs],
    ]),
  );
}

/** Acknowledged events not found in the inbox afterwards, over every run given. */
export function lostAcks(runs: ConfigRun[]): number {
  return runs.reduce((n, c) => n + Math.max(0, c.acks - c.inboxRows), 0);
}
