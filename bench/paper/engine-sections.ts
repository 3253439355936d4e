// Paper sections from bench/results/engine.json: step lateness, restart drain, memory over a soak.
import { latenessHistogramPart } from './lateness-histogram.ts';
import { image, notMeasured, num, table, type Plot, type Section } from './markdown.ts';
import type { EngineResults, Latency } from './results.ts';
import { barChart, lineChart } from './svg-chart.ts';

const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;
const cells = (l: Latency) => PERCENTILES.map((p) => num(l[p], 0));

export function engineSection(engine: EngineResults | undefined): Section {
  const heading = 'Engine: step lateness and restart drain';
  if (!engine) return { heading, body: [notMeasured('The engine benchmark')], plots: [] };
  const body: string[] = [];
  const plots: Plot[] = [];
  const { tickCost, lateness, drain } = engine;
  if (tickCost) {
    body.push(
      'Cost of one engine tick with few and with many pending rows:',
      table(
        ['pending rows', 'open incidents', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [tickCost.small, tickCost.big].map((t) => [
          num(t.pendingRows, 0),
          num(t.openIncidents, 0),
          ...PERCENTILES.map((p) => num(t.tickMs[p], 2)),
        ]),
      ),
    );
  }
  if (lateness) {
    const pending = tickCost ? ` with ${num(tickCost.big.pendingRows, 0)} pending rows in the database` : '';
    const plot = {
      file: 'step-lateness.svg',
      svg: barChart({
        title: `Lateness of ${num(lateness.steps, 0)} runbook steps`,
        unit: 'ms',
        categories: [...PERCENTILES],
        series: [
          { name: 'claimed (firedAt − dueAt)', values: PERCENTILES.map((p) => lateness.recordedLatenessMs[p]) },
          { name: 'first Slack post', values: PERCENTILES.map((p) => lateness.deliveredLatenessMs[p]) },
        ],
      }),
    };
    plots.push(plot);
    body.push(
      `${num(lateness.steps, 0)} steps due over ${num(lateness.spreadMs / 1000, 1)} s${pending}; ${num(lateness.undelivered, 0)} not delivered.`,
      table(
        ['lateness', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [
          ['claimed (firedAt − dueAt)', ...cells(lateness.recordedLatenessMs)],
          ['first Slack post', ...cells(lateness.deliveredLatenessMs)],
        ],
      ),
      image(plot, 'step lateness'),
    );
    const histogram = latenessHistogramPart(engine);
    body.push(...histogram.body);
    plots.push(...histogram.plots);
  } else {
    body.push(notMeasured('Step lateness'));
  }
  if (drain) {
    for (const [run, file] of [
      [drain, 'drain.svg'],
      [engine.largeDrain, 'drain-large.svg'],
    ] as const) {
      if (!run) continue;
      const plot = drainPlot(run, file);
      plots.push(plot);
      body.push(
        `After a restart with ${num(run.steps, 0)} overdue steps: ready in ${num(run.startupMs, 0)} ms, all drained ${num(run.drainMsFromReady / 1000, 1)} s after ready (${num(run.drainMsFromSpawn / 1000, 1)} s after spawn)${run.allDrained ? '' : ', **not all drained**'}.`,
        image(plot, `restart drain of ${num(run.steps, 0)} steps`),
      );
    }
  } else {
    body.push(notMeasured('Restart drain'));
  }
  return { heading, body, plots };
}

/** `elsewhere`: where another section has the soak (bench:e2e's), said instead of "not measured". */
export function soakSection(engine: EngineResults | undefined, elsewhere?: string): Section {
  const heading = 'Memory over a soak';
  const soak = engine?.soak;
  const peak = engine?.rss
    ? [`Peak RSS of the tplus process during the engine benchmark: ${num(engine.rss.tplusPeakMb, 0)} MB.`]
    : [];
  if (!soak) return { heading, body: [...peak, elsewhere ?? notMeasured('RSS over a soak')], plots: [] };
  const plot = {
    file: 'soak-rss.svg',
    svg: lineChart({
      title: `RSS over a ${num(soak.minutes, 0)}-minute soak`,
      xLabel: 'minute',
      unit: 'MB',
      series: [{ name: 'RSS', points: soak.rssMb.map((m) => [m.minute, m.mb]) }],
    }),
  };
  return {
    heading,
    body: [
      ...peak,
      `${num(soak.minutes, 0)} minutes, ${num(soak.lost, 0)} tickets lost.`,
      image(plot, 'RSS over the soak'),
    ],
    plots: [plot],
  };
}

/** Steps claimed against time from the spawn: each batch is claimed at once, not spread between ticks. */
function drainPlot(drain: NonNullable<EngineResults['drain']>, file: string): Plot {
  let done = 0;
  const points: [number, number][] = [[0, 0]];
  for (const t of drain.ticks) points.push([t.atMs / 1000, done], [t.atMs / 1000, (done += t.steps)]);
  return {
    file,
    svg: lineChart({
      title: `Restart drain of ${num(drain.steps, 0)} overdue steps`,
      xLabel: 'seconds from process spawn',
      unit: 'steps claimed',
      series: [{ name: 'steps claimed', points }],
    }),
  };
}
