// The tick-cost phase of bench:engine: one engine tick with 1 % and with all the pending rows.
import { pino } from 'pino';
import { parseEnv } from '../../src/config/load-config.ts';
import type { TplusConfig } from '../../src/config/schema.ts';
import { systemClock } from '../../src/engine/clock.ts';
import { buildTplus } from '../../src/tplus.ts';
import { auditEngine } from '../../src/usecases/audit-engine.ts';
import { markSlaBreaches } from '../../src/usecases/mark-sla-breaches.ts';
import { runDueSteps } from '../../src/usecases/run-due-steps.ts';
import { syncIncidents } from '../../src/usecases/sync-incidents.ts';
import { timed } from './probes.ts';
import { sleep, summarize } from './stats.ts';

/**
 * Tick cost, in this process: `engine.tick()` needs the tplus object, and a child's cron could not
 * be called on demand. Nothing is due, so a tick is the sweep itself: every module's queries with
 * nothing to do. A tick is counted until the delivery run it kicks is idle too, because in
 * production that run happens every second as well.
 *
 * Both databases are open at once and ticked alternately, after a shared warm-up: measured one
 * after the other, the first paid for JIT warm-up and the ratio moved between 4× and 8× from run
 * to run. The module figures call each engine module's use case alone, to say which one grows.
 */
export async function measureTickCost({
  urls,
  env,
  config,
  ticks,
  projectRoot,
}: {
  urls: { small: string; big: string };
  env: Record<string, string>;
  config: TplusConfig;
  ticks: number;
  projectRoot: string;
}) {
  const open = async (url: string) => {
    const tplus = await buildTplus({
      env: parseEnv({ ...env, DATABASE_URL: url }),
      config,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      projectRoot,
    });
    const tick = async () => {
      await tplus.engine.tick();
      await tplus.delivery.idle();
      await tplus.intake.idle();
    };
    return { tplus, tick, samples: [] as number[] };
  };
  const sides = { small: await open(urls.small), big: await open(urls.big) };
  try {
    // Warm-up: Prisma compiles each query shape on first use, V8 optimises, the page cache fills.
    for (let i = 0; i < 20; i += 1) for (const side of Object.values(sides)) await side.tick();
    for (let i = 0; i < ticks; i += 1) {
      const order = i % 2 === 0 ? [sides.small, sides.big] : [sides.big, sides.small];
      for (const side of order) {
        side.samples.push(await timed(side.tick));
        await sleep(5);
      }
    }
    return { small: await report(sides.small), big: await report(sides.big) };
  } finally {
    for (const side of Object.values(sides)) await side.tplus.stop();
  }
}

type Tplus = Awaited<ReturnType<typeof buildTplus>>;

/** One side's tick figures, its pending rows and open incidents, and each engine module's p50 alone. */
async function report({ tplus, samples }: { tplus: Tplus; samples: number[] }) {
  const deps = {
    incidents: tplus.incidents,
    tickets: tplus.tickets,
    policy: tplus.incidentPolicy,
    clock: systemClock,
  };
  const parts: [string, () => Promise<unknown>][] = [
    [
      'inbox-replay',
      async () => {
        tplus.intake.kick();
        await tplus.intake.idle();
      },
    ],
    ['incident-sync', () => syncIncidents(deps)],
    ['incident-sync: ticketsToSync', () => tplus.incidents.ticketsToSync(100)],
    ['runbook-steps', () => runDueSteps(deps)],
    ['sla-breaches', () => markSlaBreaches({ tickets: tplus.tickets, clock: systemClock })],
    [
      'outbox',
      async () => {
        // A claim returns once its lanes have room; the deliveries themselves are part of the cost.
        await tplus.dispatcher.runOnce(50);
        await tplus.dispatcher.idle();
      },
    ],
    // Runs once a minute, not every second: listed so its growth is visible, not in the tick median.
    [
      'auditor (once a minute)',
      () =>
        auditEngine({
          incidents: tplus.incidents,
          outbox: tplus.outbox,
          policy: tplus.incidentPolicy,
          clock: systemClock,
        }),
    ],
  ];
  const countOf = async (sql: string) => Number((await tplus.db.read<{ n: number }>(sql))[0]?.n ?? 0);
  const moduleP50Ms: Record<string, number> = {};
  for (const [name, run] of parts) {
    const runs: number[] = [];
    for (let i = 0; i < 3; i += 1) await run();
    for (let i = 0; i < 20; i += 1) runs.push(await timed(run));
    moduleP50Ms[name] = summarize(runs).p50;
  }
  return {
    pendingRows: await countOf(`SELECT count(*) AS n FROM "IncidentStep" WHERE "state" = 'pending'`),
    openIncidents: await countOf('SELECT count(*) AS n FROM "Incident" WHERE "resolvedAt" IS NULL'),
    tickMs: summarize(samples),
    moduleP50Ms,
  };
}
