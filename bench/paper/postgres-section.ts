// The paper's PostgreSQL section, from bench/results/replicas.json (intake: one replica against two
// on one database, one SQLite process as the reference) and engine.json's `byDatabase`.
import { connections, image, notMeasured, num, table, type Plot, type Section } from './markdown.ts';
import type { EngineResults, EngineRun, ReplicaLoad, ReplicasResults } from './results.ts';
import { barChart, lineChart } from './svg-chart.ts';

export const POSTGRES_HEADING = 'PostgreSQL and replicas';

const CONFIGURATIONS = [
  { key: 'sqlite', label: 'SQLite, one process' },
  { key: 'postgresqlOne', label: 'PostgreSQL, one replica' },
  { key: 'postgresqlTwo', label: 'PostgreSQL, two replicas' },
] as const;

const DATABASES = [
  { key: 'sqlite', label: 'SQLite' },
  { key: 'postgresql', label: 'PostgreSQL' },
] as const;

const met = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The machine may be shared: its load when the benchmark ran says how much to trust the figures. */
function machineLoad(loadAverage: { atStart: number[]; atEnd: number[] } | undefined): string {
  if (!loadAverage) return '';
  const show = (v: number[]) => v.map((x) => num(x, 2)).join(', ');
  return ` Load average (1, 5, 15 min) ${show(loadAverage.atStart)} at the start, ${show(loadAverage.atEnd)} at the end.`;
}

/** Connection counts in ascending order with their three configurations. */
function countRuns(replicas: ReplicasResults) {
  return Object.values(replicas.runs)
    .map((r) => ({ connections: r.sqlite.connections, ...r }))
    .sort((a, b) => a.connections - b.connections);
}

type Targets = ReplicasResults['targets'];

/** "0.9 / 1.1 / 0.4": cores busy with tplus, PostgreSQL and the load generator during the load. */
function coresCell(r: ReplicaLoad): string {
  if (!r.cpuCores) return '–';
  return [r.cpuCores.tplus, r.cpuCores.postgres, r.cpuCores.loadGenerator].map((v) => num(v, 2)).join(' / ');
}

const CORES_HEADER = 'CPU cores: tplus / PostgreSQL / load generator';

function cores(replicas: ReplicasResults): string {
  const n = replicas.machine?.cores ?? replicas.run?.cores;
  return n === undefined ? 'the machine’s cores' : `the machine’s ${num(n, 0)} cores`;
}

/** A load as a table row; with `withCores`, the cores busy during it in a last column. */
function loadRow(label: string, r: ReplicaLoad, withCores: boolean): string[] {
  return [
    label,
    String(r.connections),
    num(r.acksPerSecond, 0),
    ...[r.latencyMs.p50, r.latencyMs.p90, r.latencyMs.p99, r.latencyMs.max].map((v) => num(v)),
    r.inboxRows >= r.acks ? 'all' : `${num(r.acks - r.inboxRows, 0)} missing`,
    num(r.cpuMsPerAck, 2),
    ...(withCores ? [coresCell(r)] : []),
  ];
}

function loadHeaders(withCores: boolean): string[] {
  return [
    'configuration',
    'connections',
    'acks/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'acks in database',
    'tplus CPU ms/ack',
    ...(withCores ? [CORES_HEADER] : []),
  ];
}

/** Two replicas against one at one connection count, and whether the issue's two targets hold. */
function pairVerdict(r: { postgresqlOne: ReplicaLoad; postgresqlTwo: ReplicaLoad }, targets: Targets) {
  const ratio = r.postgresqlTwo.acksPerSecond / r.postgresqlOne.acksPerSecond;
  const p99 = r.postgresqlTwo.latencyMs.p99;
  return {
    ratio,
    p99,
    isRatioMet: ratio >= targets.twoReplicaRatioAtLeast,
    isP99Met: p99 <= targets.p99AckMs,
    text:
      `two replicas ${num(ratio, 2)}× one replica’s acks/s (target ≥ ${num(targets.twoReplicaRatioAtLeast, 1)}×: ${met(ratio >= targets.twoReplicaRatioAtLeast)}); ` +
      `ack p99 ${num(p99)} ms (target ≤ ${num(targets.p99AckMs, 0)} ms: ${met(p99 <= targets.p99AckMs)})`,
  };
}

/** "the ratio target met at 1 of 2 connection counts, the p99 target at 0 of 2". */
function tally(verdicts: { isRatioMet: boolean; isP99Met: boolean }[]): string {
  const of = (n: number) => `${n} of ${verdicts.length}`;
  return `the ratio target met at ${of(verdicts.filter((v) => v.isRatioMet).length)} connection counts, the p99 target at ${of(verdicts.filter((v) => v.isP99Met).length)}`;
}

/** A CFS quota is not a slower CPU: what that does to the latency percentiles, said once. */
function throttling(share: number): string {
  if (share >= 1) return '';
  return ` A quota lets a replica run at full speed until it has used its ${num(share * 100, 0)} ms of each 100 ms period, then stops it for the rest: a pause of up to ${num((1 - share) * 100, 0)} ms that a slower machine would not have, which lands in the ack p99 and max.`;
}

/** The capped runs: each replica in a cgroup of its own, limited to a fixed share of a CPU. */
function cappedPart(replicas: ReplicasResults, uncapped: ReturnType<typeof pairVerdict>[]): string[] {
  const capped = replicas.cpuCapped;
  if (!capped) return [];
  const heading = '### Intake with each replica limited to a share of a CPU';
  if ('skipped' in capped)
    return [heading, `Intake with each replica limited by a cgroup to a share of a CPU: skipped (${capped.skipped}).`];
  const runs = Object.values(capped.runs)
    .map((r) => ({ connections: r.postgresqlOne.connections, ...r }))
    .sort((a, b) => a.connections - b.connections);
  if (runs.length === 0) return [heading, notMeasured('Intake with each replica limited by a cgroup')];
  const share = num(capped.cpuPerReplica, 2);
  const withCores = runs.some((r) => r.postgresqlOne.cpuCores || r.postgresqlTwo.cpuCores);
  const verdicts = runs.map((r) => ({ connections: r.connections, ...pairVerdict(r, replicas.targets) }));
  return [
    heading,
    `The same loads on one replica and on two, each replica limited to ${share} CPU by a cgroup${capped.cgroup ? ` (${capped.cgroup})` : ''}, as if on its own machine; PostgreSQL and the load generator share the rest of ${cores(replicas)}. Two replicas have ${num(capped.cpuPerReplica * 2, 2)} CPU between them where one has ${share}, as adding a machine would give; above, uncapped, a second replica brings no CPU the first could not already use.${throttling(capped.cpuPerReplica)}${withCores ? ` “${CORES_HEADER}”: CPU time ÷ wall time during the load (the load generator is the bench process: autocannon and the Slack emulator); when their sum nears ${cores(replicas)}, the machine, not the replicas, sets the pace.` : ''}`,
    table(
      loadHeaders(withCores),
      runs.flatMap((r) => [
        loadRow(`PostgreSQL, one replica at ${share} CPU`, r.postgresqlOne, withCores),
        loadRow(`PostgreSQL, two replicas at ${share} CPU each`, r.postgresqlTwo, withCores),
      ]),
    ),
    verdicts.map((v) => `- ${connections(v.connections)}, each replica at ${share} CPU: ${v.text}.`).join('\n'),
    `Against the targets: uncapped, on the shared machine, ${tally(uncapped)}; each replica at ${share} CPU, ${tally(verdicts)}.`,
  ];
}

function intakePart(replicas: ReplicasResults | undefined): { body: string[]; plots: Plot[] } {
  if (!replicas) return { body: [notMeasured('Intake on PostgreSQL with one and two replicas')], plots: [] };
  const runs = countRuns(replicas);
  if (runs.length === 0) return { body: [notMeasured('Intake on PostgreSQL with one and two replicas')], plots: [] };
  const { targets } = replicas;
  const withCores = runs.some((r) => CONFIGURATIONS.some(({ key }) => r[key].cpuCores));
  const pairs = runs.map((r) => pairVerdict(r, targets));
  const verdicts = runs.map(
    (r, i) =>
      `- ${connections(r.connections)}: ${pairs[i]!.text}; ` +
      `SQLite’s one process ${num(r.sqlite.acksPerSecond, 0)} acks/s, p99 ${num(r.sqlite.latencyMs.p99)} ms.`,
  );
  const categories = runs.map((r) => connections(r.connections));
  const series = (value: (r: ReplicaLoad) => number) =>
    CONFIGURATIONS.map(({ key, label }) => ({ name: label, values: runs.map((r) => value(r[key])) }));
  const plots = [
    {
      file: 'replicas-acks.svg',
      svg: barChart({
        title: 'Durable acks per second: SQLite, one and two PostgreSQL replicas',
        unit: 'acks/s',
        categories,
        series: series((r) => r.acksPerSecond),
      }),
    },
    {
      file: 'replicas-ack-p99.svg',
      svg: barChart({
        title: 'Ack p99: SQLite, one and two PostgreSQL replicas',
        unit: 'ms',
        categories,
        series: series((r) => r.latencyMs.p99),
      }),
    },
  ];
  const server = replicas.postgres ? ` PostgreSQL ${replicas.postgres.version} (${replicas.postgres.settings}).` : '';
  const coresNote = withCores
    ? ` “${CORES_HEADER}”: average cores busy during the load, out of ${cores(replicas)}.`
    : '';
  return {
    body: [
      `Durable intake with the same total connection count on one tplus replica and on two replicas on one PostgreSQL database (half the connections each, their responses summed into one histogram), and on one SQLite process as the reference; ${replicas.durationSeconds === undefined ? '' : `${num(replicas.durationSeconds, 0)} s a run, `}a fresh database each, the processes started as \`tplus start\` runs them.${server} “acks in database”: every acknowledged event was found in the inbox afterwards; “tplus CPU ms/ack”: user and system CPU time of all the configuration’s tplus processes during the load, per ack (two replicas doing one replica’s work would keep it).${coresNote}${machineLoad(replicas.loadAverage)}`,
      table(
        loadHeaders(withCores),
        runs.flatMap((r) => CONFIGURATIONS.map(({ key, label }) => loadRow(label, r[key], withCores))),
      ),
      verdicts.join('\n'),
      image(plots[0]!, 'durable acks per second by configuration'),
      image(plots[1]!, 'ack p99 by configuration'),
      ...cappedPart(replicas, pairs),
    ],
    plots,
  };
}

function enginePart(engine: EngineResults | undefined): { body: string[]; plots: Plot[] } {
  const present = DATABASES.flatMap(({ key, label }) => {
    const run = engine?.byDatabase?.[key];
    return run ? [{ key, label, run }] : [];
  });
  if (!present.some((d) => d.key === 'postgresql'))
    return { body: [notMeasured('The engine on PostgreSQL')], plots: [] };
  const targets = engine?.targets;
  const cell = (run: EngineRun, pick: (r: EngineRun) => string | undefined) => pick(run) ?? '–';
  const rows: [string, (r: EngineRun) => string | undefined][] = [
    ['tick p50, 1 % of the pending rows', (r) => r.tickCost && `${num(r.tickCost.small.tickMs.p50, 2)} ms`],
    ['tick p50, all pending rows', (r) => r.tickCost && `${num(r.tickCost.big.tickMs.p50, 2)} ms`],
    [
      `step lateness p99${targets ? ` (target ≤ ${num(targets.latenessP99Ms, 0)} ms)` : ''}`,
      (r) => r.lateness && `${num(r.lateness.recordedLatenessMs.p99, 0)} ms`,
    ],
    ['first Slack post p99', (r) => r.lateness && `${num(r.lateness.deliveredLatenessMs.p99, 0)} ms`],
    [
      `overdue steps drained after a restart${targets ? ` (target ≤ ${num(targets.drainMs / 1000, 0)} s)` : ''}`,
      (r) =>
        r.drain &&
        `${num(r.drain.steps, 0)} in ${num(r.drain.drainMsFromSpawn / 1000, 1)} s from spawn${r.drain.allDrained ? '' : ' (**not all**)'}`,
    ],
    ['tplus peak RSS', (r) => r.rss && `${num(r.rss.tplusPeakMb, 0)} MB`],
  ];
  const pending = present.find((d) => d.run.tickCost)?.run.tickCost?.big.pendingRows;
  const verdicts = present.flatMap(({ label, run }) => {
    if (!targets || !run.lateness || !run.drain) return [];
    const late = run.lateness.recordedLatenessMs.p99 <= targets.latenessP99Ms;
    const drained = run.drain.allDrained && run.drain.drainMsFromSpawn <= targets.drainMs;
    return [`- ${label}: step lateness p99 ${met(late)}; restart drain ${met(drained)}.`];
  });
  const plots: Plot[] = [];
  const withLateness = present.filter((d) => d.run.lateness);
  if (withLateness.length > 0) {
    const percentiles = ['p50', 'p95', 'p99', 'max'] as const;
    plots.push({
      file: 'step-lateness-databases.svg',
      svg: barChart({
        title: `Step lateness (firedAt − dueAt) by database${pending === undefined ? '' : `, ${num(pending, 0)} pending rows`}`,
        unit: 'ms',
        categories: [...percentiles],
        series: withLateness.map(({ label, run }) => ({
          name: label,
          values: percentiles.map((p) => run.lateness!.recordedLatenessMs[p]),
        })),
      }),
    });
  }
  const withDrain = present.filter((d) => d.run.drain);
  if (withDrain.length > 0) {
    plots.push({
      file: 'drain-databases.svg',
      svg: lineChart({
        title: 'Restart drain by database',
        xLabel: 'seconds from process spawn',
        unit: 'steps claimed',
        series: withDrain.map(({ label, run }) => {
          let done = 0;
          const points: [number, number][] = [[0, 0]];
          for (const t of run.drain!.ticks) points.push([t.atMs / 1000, done], [t.atMs / 1000, (done += t.steps)]);
          return { name: label, points };
        }),
      }),
    });
  }
  const server = present.find((d) => d.run.server)?.run.server;
  return {
    body: [
      `The engine benchmark’s phases on each database in the same run, each on its own seeded copy${pending === undefined ? '' : ` (${num(pending, 0)} pending step rows)`}${server ? `; PostgreSQL ${server.version} (${server.settings})` : ''}.${machineLoad(engine?.loadAverage)}`,
      table(
        ['engine', ...present.map((d) => d.label)],
        rows.map(([name, pick]) => [name, ...present.map((d) => cell(d.run, pick))]),
      ),
      ...(verdicts.length ? [verdicts.join('\n')] : []),
      ...plots.map((p) =>
        image(p, p.file.startsWith('drain') ? 'restart drain by database' : 'step lateness by database'),
      ),
    ],
    plots,
  };
}

export function postgresSection(replicas: ReplicasResults | undefined, engine: EngineResults | undefined): Section {
  const intake = intakePart(replicas);
  const eng = enginePart(engine);
  return {
    heading: POSTGRES_HEADING,
    body: [
      'The sections above are measured on SQLite (the embedded default). Here the same intake and engine run on PostgreSQL, where several replicas share one database, with SQLite beside them from the same run.',
      '### Intake: one replica and two',
      ...intake.body,
      '### Engine on each database',
      ...eng.body,
    ],
    plots: [...intake.plots, ...eng.plots],
  };
}
