// bench:engine's console output: each database's verdicts and figures, then both side by side.
import type { LatenessLevels } from './lateness-levels.ts';
import type { DatabaseRun } from './run-on.ts';
import { TARGETS, type DatabaseKind } from './settings.ts';

const ms = (v: number) => Math.round(v);
const verdict = (ok: boolean | undefined) => (ok ? 'PASS' : 'MISS');

export function printTable(r: DatabaseRun): void {
  const rows: [string, string, string, string][] = [
    [
      'step lateness p99 (firedAt − dueAt)',
      `≤ ${TARGETS.latenessP99Ms} ms`,
      `${ms(r.lateness.recordedLatenessMs.p99)} ms`,
      verdict(r.verdicts.latenessP99),
    ],
    [
      `tick cost ${r.tickCost.big.pendingRows / 1000}k / ${r.tickCost.small.pendingRows / 1000}k pending (p50)`,
      `≤ ${TARGETS.tickCostRatio}×`,
      `${r.tickCost.ratioP50}×`,
      verdict(r.verdicts.tickCostRatio),
    ],
    [
      `drain ${r.drain.steps} overdue steps after restart`,
      `≤ ${TARGETS.drainMs / 1000} s`,
      `${(r.drain.drainMsFromSpawn / 1000).toFixed(1)} s`,
      verdict(r.verdicts.drain),
    ],
    ...(r.largeDrain
      ? [
          [
            `drain ${r.largeDrain.steps} overdue steps after restart`,
            `≤ ${TARGETS.largeDrainMs / 1000} s`,
            `${(r.largeDrain.drainMsFromSpawn / 1000).toFixed(1)} s`,
            verdict(r.verdicts.largeDrain),
          ] as [string, string, string, string],
        ]
      : []),
    ['tplus peak RSS (child VmHWM)', `≤ ${TARGETS.rssMb} MB`, `${r.rss.tplusPeakMb} MB`, verdict(r.verdicts.rss)],
  ];
  console.log(`\n=== ${r.database}${r.server ? ` (PostgreSQL ${r.server.version}; ${r.server.settings})` : ''}`);
  console.log(`${'target'.padEnd(40)} ${'wanted'.padEnd(10)} ${'measured'.padEnd(10)} verdict`);
  for (const [name, target, measured, v] of rows)
    console.log(`${name.padEnd(40)} ${target.padEnd(10)} ${measured.padEnd(10)} ${v}`);
  const l = r.lateness.recordedLatenessMs;
  const d = r.lateness.deliveredLatenessMs;
  console.log(
    `\nlateness of ${r.lateness.steps} steps over ${r.lateness.spreadMs / 1000} s: recorded p50 ${ms(l.p50)} / p99 ${ms(l.p99)} / max ${ms(l.max)} ms; first Slack post p50 ${ms(d.p50)} / p99 ${ms(d.p99)} / max ${ms(d.max)} ms; slow ticks (> 500 ms) ${r.lateness.slowTicks.count}, max ${r.lateness.slowTicks.maxMs} ms; node-cron missed fires ${r.lateness.missedCronFires}; GET /healthz p99 ${ms(r.lateness.healthzMs.p99)} / max ${ms(r.lateness.healthzMs.max)} ms`,
  );
  printHistogram(r.latenessByPending);
  for (const t of [r.tickCost.small, r.tickCost.big]) {
    console.log(
      `tick at ${t.pendingRows} pending, ${t.openIncidents} open incidents: p50 ${t.tickMs.p50} ms, p95 ${t.tickMs.p95} ms`,
    );
  }
  console.log(
    `${'module p50 (ms)'.padEnd(40)} ${`${r.tickCost.small.pendingRows / 1000}k`.padStart(8)} ${`${r.tickCost.big.pendingRows / 1000}k`.padStart(8)}`,
  );
  for (const name of Object.keys(r.tickCost.big.moduleP50Ms)) {
    console.log(
      `${name.padEnd(40)} ${String(r.tickCost.small.moduleP50Ms[name]).padStart(8)} ${String(r.tickCost.big.moduleP50Ms[name]).padStart(8)}`,
    );
  }
  console.log(
    `drain: start ${r.drain.startupMs} ms, drained ${r.drain.drainMsFromReady} ms after ready, last post ${(r.drain.lastPostMsFromSpawn / 1000).toFixed(1)} s after spawn; steps per tick ${r.drain.ticks.map((t) => `${t.steps}@${(t.atMs / 1000).toFixed(1)}s`).join(' ')}; tick ms ${r.drain.slowTicks.ms.join(' ')}; node-cron missed fires ${r.drain.missedCronFires}; GET /healthz during the drain p50 ${ms(r.drain.healthzMs.p50)} / max ${ms(r.drain.healthzMs.max)} ms`,
  );
  console.log(`RSS: tplus ${r.rss.tplusPeakMb} MB; ${r.database} took ${r.runtimeSeconds} s`);
}

/** Steps per lateness bucket, one column a pending-row level. */
function printHistogram({ bucketEdgesMs, levels, extraSeconds }: LatenessLevels): void {
  if (levels.length === 0) return;
  const label = (i: number) =>
    i + 1 < bucketEdgesMs.length ? `${bucketEdgesMs[i]}–${bucketEdgesMs[i + 1]} ms` : `≥ ${bucketEdgesMs[i]} ms`;
  const line = (name: string, cells: string[]) =>
    console.log(`${name.padEnd(40)} ${cells.map((c) => c.padStart(12)).join(' ')}`);
  console.log(`lateness histogram (steps; the levels other than the target's took ${extraSeconds} s)`);
  line(
    'pending rows',
    levels.map((l) => String(l.pendingRows)),
  );
  line(
    'steps over s',
    levels.map((l) => `${l.steps}/${l.spreadMs / 1000}`),
  );
  bucketEdgesMs.forEach((_, i) =>
    line(
      label(i),
      levels.map((l) => String(l.counts[i])),
    ),
  );
  for (const p of ['p50', 'p95', 'p99', 'max'] as const)
    line(
      `${p} ms`,
      levels.map((l) => String(ms(l.latenessMs[p]))),
    );
}

/** The issue's figures for each database in one table, so SQLite and PostgreSQL read side by side. */
export function printSideBySide(byDatabase: Partial<Record<DatabaseKind, DatabaseRun>>, drainSteps: number): void {
  const runs = Object.values(byDatabase);
  if (runs.length < 2) return;
  const line = (name: string, cell: (r: DatabaseRun) => string) =>
    console.log(`${name.padEnd(40)} ${runs.map((r) => cell(r).padEnd(18)).join(' ')}`);
  console.log(`\n${'side by side'.padEnd(40)} ${runs.map((r) => r.database.padEnd(18)).join(' ')}`);
  line(
    `lateness p99 (≤ ${TARGETS.latenessP99Ms} ms)`,
    (r) => `${ms(r.lateness.recordedLatenessMs.p99)} ms ${verdict(r.verdicts.latenessP99)}`,
  );
  line('first Slack post p99', (r) => `${ms(r.lateness.deliveredLatenessMs.p99)} ms`);
  for (const [k, level] of (runs[0]?.latenessByPending.levels ?? []).entries())
    line(`lateness p99 at ${level.pendingRows} pending`, (r) => {
      const p99 = r.latenessByPending.levels[k]?.latenessMs.p99;
      return p99 === undefined ? '–' : `${ms(p99)} ms`;
    });
  line(
    `drain ${drainSteps} overdue (≤ ${TARGETS.drainMs / 1000} s)`,
    (r) => `${(r.drain.drainMsFromSpawn / 1000).toFixed(1)} s ${verdict(r.verdicts.drain)}`,
  );
  line('tick p50 at 100 % / 1 % pending', (r) => `${r.tickCost.big.tickMs.p50} / ${r.tickCost.small.tickMs.p50} ms`);
  line(`tplus peak RSS (≤ ${TARGETS.rssMb} MB)`, (r) => `${r.rss.tplusPeakMb} MB ${verdict(r.verdicts.rss)}`);
}
