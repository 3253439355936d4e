// The engine section's lateness histogram: how late runbook steps were claimed at each pending-row
// level (bench:engine's latenessByPending), a plot and a table per database.
import { image, notMeasured, num, table, type Plot } from './markdown.ts';
import type { EngineResults, LatenessByPending } from './results.ts';
import { barChart } from './svg-chart.ts';

const DATABASES = [
  { key: 'sqlite', label: 'SQLite' },
  { key: 'postgresql', label: 'PostgreSQL' },
] as const;

const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;

/** Bucket i holds [edge i, edge i + 1); the last is open. */
export function bucketLabels(edgesMs: number[]): string[] {
  return edgesMs.map((edge, i) =>
    i + 1 < edgesMs.length ? `${num(edge, 0)}–${num(edgesMs[i + 1], 0)} ms` : `≥ ${num(edge, 0)} ms`,
  );
}

const percent = (count: number, total: number) => (total > 0 ? (count / total) * 100 : 0);

function databasePart(histogram: LatenessByPending, label: string | undefined, file: string) {
  const levels = [...histogram.levels].sort((a, b) => a.pendingRows - b.pendingRows);
  const buckets = bucketLabels(histogram.bucketEdgesMs);
  const totals = levels.map((l) => l.counts.reduce((sum, c) => sum + c, 0));
  const name = (l: (typeof levels)[number]) => `${num(l.pendingRows, 0)} pending`;
  const plot: Plot = {
    file,
    svg: barChart({
      title: `Step lateness (firedAt − dueAt) by pending rows${label ? `, ${label}` : ''}`,
      unit: '% of steps',
      categories: buckets,
      series: levels.map((l, k) => ({ name: name(l), values: l.counts.map((c) => percent(c, totals[k]!)) })),
    }),
  };
  const target = levels.find((l) => l.isTargetRun);
  const unclaimed = levels.filter((l) => l.allClaimed === false).map(name);
  const intro =
    `${label ? `${label}: s` : 'S'}teps claimed in each lateness bucket with ${levels.map((l) => num(l.pendingRows, 0)).join(', ')} pending step rows in the database, on the same machine in the same run.` +
    (target
      ? ` The ${num(target.pendingRows, 0)} level is the lateness run above; the others are the same phase on a smaller seeded database, their steps coming due at its rate over a shorter spread.`
      : '') +
    (unclaimed.length ? ` **Not all steps claimed** at ${unclaimed.join(', ')}.` : '');
  const rows = [
    ['steps due', ...levels.map((l) => `${num(l.steps, 0)} over ${num(l.spreadMs / 1000, 1)} s`)],
    ...buckets.map((bucket, i) => [
      bucket,
      ...levels.map((l, k) => `${num(l.counts[i], 0)} (${num(percent(l.counts[i] ?? 0, totals[k]!), 1)} %)`),
    ]),
    ...PERCENTILES.map((p) => [`${p} ms`, ...levels.map((l) => num(l.latenessMs[p], 0))]),
  ];
  return {
    body: [
      intro,
      table(['lateness (firedAt − dueAt)', ...levels.map(name)], rows),
      image(plot, `step lateness histogram by pending rows${label ? `, ${label}` : ''}`),
    ],
    plot,
  };
}

/** One part per database that has the histogram; "not measured" when none has. */
export function latenessHistogramPart(engine: EngineResults): { body: string[]; plots: Plot[] } {
  const present = (h: LatenessByPending | undefined): h is LatenessByPending => (h?.levels.length ?? 0) > 0;
  const parts = engine.byDatabase
    ? DATABASES.flatMap(({ key, label }) => {
        const histogram = engine.byDatabase?.[key]?.latenessByPending;
        return present(histogram) ? [databasePart(histogram, label, `lateness-histogram-${key}.svg`)] : [];
      })
    : present(engine.latenessByPending)
      ? [databasePart(engine.latenessByPending, undefined, 'lateness-histogram.svg')]
      : [];
  if (parts.length === 0)
    return { body: [notMeasured('A lateness histogram at 1k / 10k / 100k pending steps')], plots: [] };
  return { body: parts.flatMap((p) => p.body), plots: parts.map((p) => p.plot) };
}
