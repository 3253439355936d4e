import cron from 'node-cron';
import type { Logger } from 'pino';

export interface EngineModule {
  name: string;
  run(): Promise<unknown>;
}

const SLOW_TICK_MS = 500;

/**
 * One ticker (node-cron, every second) runs the modules in a fixed order, each isolated so one
 * failing module does not stop the others; a tick still running when the next is due is skipped.
 */
export function createEngine({
  modules,
  logger,
  wallMs = Date.now,
  onTick,
}: {
  modules: EngineModule[];
  logger: Logger;
  wallMs?: () => number;
  onTick?: (ms: number) => void;
}) {
  let task: ReturnType<typeof cron.schedule> | undefined;
  let ticking: Promise<void> | undefined;
  let lastTickAt: number | undefined;

  async function tickOnce(): Promise<void> {
    const started = wallMs();
    for (const module of modules) {
      try {
        await module.run();
      } catch (error) {
        logger.error({ err: error, module: module.name }, 'engine module failed');
      }
    }
    lastTickAt = wallMs();
    onTick?.(lastTickAt - started);
    if (lastTickAt - started > SLOW_TICK_MS) logger.warn({ ms: lastTickAt - started }, 'slow engine tick');
  }

  let again: Promise<void> | undefined;
  /**
   * Runs a whole tick that starts no earlier than this call: a tick already under way may have
   * passed the module the caller needs ("run now" after a write), so one more follows it.
   */
  function tick(): Promise<void> {
    if (!ticking) {
      ticking = tickOnce().finally(() => (ticking = undefined));
      return ticking;
    }
    again ??= ticking.then(() => {
      again = undefined;
      return tick();
    });
    return again;
  }

  return {
    tick,
    start(): void {
      // The timer skips a second whose tick is still running rather than queueing one more.
      task = cron.schedule(
        '* * * * * *',
        () => {
          if (!ticking) void tick();
        },
        { noOverlap: true },
      );
      void tick();
    },
    async stop(): Promise<void> {
      await task?.stop();
      task = undefined;
      await ticking;
    },
    /** Milliseconds since the last completed tick, or undefined before the first. */
    tickAgeMs: (): number | undefined => (lastTickAt === undefined ? undefined : wallMs() - lastTickAt),
  };
}
export type Engine = ReturnType<typeof createEngine>;
