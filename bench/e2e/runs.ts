// Part `runs` of the end-to-end bench: RUNS runs at PER_MINUTE tickets/min for SECONDS each, on a
// fresh process and database each.
import { endToEnd } from '../support/end-to-end.ts';
import { load, tidy } from './measure.ts';
import { DRAIN_MS, PER_MINUTE, RUNS, SECONDS } from './settings.ts';
import type { PartContext } from './tplus.ts';

export async function runsPart({ slack, fresh, done, warnings }: PartContext) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = await fresh(`run-${i + 1}`);
    const at = load();
    const r = await endToEnd(t.url, t.dbPath, slack, PER_MINUTE, SECONDS, { drainMs: DRAIN_MS });
    await done(t);
    runs.push({ run: i + 1, ...tidy(r), ...warnings(t), load: at });
    console.log(
      `run ${i + 1}: ${r.cards}/${r.sent} cards, p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} p99 ${r.latencyMs.p99} max ${r.latencyMs.max} ms, lost ${r.lost}, errors ${r.errors} (load ${at.loadAverage.join(' ')})`,
    );
  }
  return runs;
}
