// Every phase of bench:engine on one database, and its verdicts against the targets.
import type { TplusConfig } from '../../src/config/schema.ts';
import { measureDrain } from './drain.ts';
import { measureLatenessLevels } from './lateness-levels.ts';
import { measureLateness } from './lateness.ts';
import type { PhaseContext } from './phase-context.ts';
import { pickAllSteps, pickSteps } from './pick-steps.ts';
import type { Seeded } from './seed-databases.ts';
import { TARGETS, type DatabaseKind, type EngineSettings } from './settings.ts';
import { measureTickCost } from './tick-cost.ts';

const ms = (v: number) => Math.round(v);

/** Every phase on one database: tick cost (in this process), lateness and drain (tplus children). */
export async function runOn({
  kind,
  seeded,
  context,
  config,
  settings,
}: {
  kind: DatabaseKind;
  seeded: Seeded;
  context: PhaseContext;
  config: TplusConfig;
  settings: EngineSettings;
}) {
  const started = Date.now();
  const { incidents } = settings;
  const phase = { context, db: seeded.db, url: seeded.big };
  console.log(
    `${kind}: seeded ${seeded.stepRows} pending steps on ${incidents} incidents in ${ms(seeded.seedMs)} ms (and ${seeded.smallStepRows} on ${settings.smallIncidents})`,
  );
  const { small, big } = await measureTickCost({
    urls: { small: seeded.small, big: seeded.big },
    env: context.env,
    config,
    ticks: settings.ticks,
    projectRoot: context.projectRoot,
  });
  console.log(
    `${kind}: tick cost ${small.tickMs.p50} ms at ${small.pendingRows} pending, ${big.tickMs.p50} ms at ${big.pendingRows}`,
  );
  const target = await measureLateness({ ...phase, incidents, steps: settings.lateSteps, spreadMs: settings.spreadMs });
  const { lateness } = target;
  console.log(
    `${kind}: lateness p99 ${lateness.recordedLatenessMs.p99} ms recorded, ${lateness.deliveredLatenessMs.p99} ms to the Slack post`,
  );
  const latenessByPending = await measureLatenessLevels({
    context,
    target: seeded.isTargetALevel ? { pendingRows: big.pendingRows, incidents, run: target } : undefined,
    levels: seeded.levels,
    lateSteps: settings.lateSteps,
    spreadMs: settings.spreadMs,
    levelSpreadMs: settings.levelSpreadMs,
  });
  console.log(
    `${kind}: lateness p99 by pending rows ${latenessByPending.levels.map((l) => `${l.latenessMs.p99} ms at ${l.pendingRows}`).join(', ')} (the levels added ${latenessByPending.extraSeconds} s)`,
  );
  const drain = await measureDrain({ ...phase, ids: await pickSteps(seeded.db, incidents, settings.drainSteps, 2) });
  console.log(`${kind}: drain ${drain.drainMsFromSpawn} ms from spawn`);
  // Every firing step still pending, several per incident (the phases before used some).
  const largeDrain =
    kind === 'sqlite' && settings.largeDrainSteps > 0
      ? await measureDrain({ ...phase, ids: await pickAllSteps(seeded.db, incidents, settings.largeDrainSteps) })
      : undefined;
  if (largeDrain) console.log(`${kind}: drain of ${largeDrain.steps} ${largeDrain.drainMsFromSpawn} ms from spawn`);
  const ratio = big.tickMs.p50 / small.tickMs.p50;
  const peakRssMb = Math.max(lateness.peakRssMb, drain.peakRssMb);
  return {
    database: kind,
    ...(seeded.server ? { server: seeded.server } : {}),
    seedMs: ms(seeded.seedMs),
    pendingRows: big.pendingRows,
    tickCost: {
      small,
      big,
      ratioP50: Math.round(ratio * 100) / 100,
      ratioP95: Math.round((big.tickMs.p95 / small.tickMs.p95) * 100) / 100,
    },
    lateness,
    latenessByPending,
    drain,
    ...(largeDrain ? { largeDrain } : {}),
    rss: {
      tplusPeakMb: Math.round(peakRssMb),
      source: 'VmHWM of the tplus child process (dist/main.js with the flags of bin/runtime.mjs)',
    },
    verdicts: {
      latenessP99: lateness.recordedLatenessMs.p99 <= TARGETS.latenessP99Ms && lateness.allClaimed,
      tickCostRatio: ratio <= TARGETS.tickCostRatio,
      drain: drain.allDrained && drain.drainMsFromSpawn <= TARGETS.drainMs,
      ...(largeDrain
        ? { largeDrain: largeDrain.allDrained && largeDrain.drainMsFromSpawn <= TARGETS.largeDrainMs }
        : {}),
      rss: peakRssMb <= TARGETS.rssMb,
    },
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
}

export type DatabaseRun = Awaited<ReturnType<typeof runOn>>;
