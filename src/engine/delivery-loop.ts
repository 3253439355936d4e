import type { Logger } from 'pino';
import { coalescing } from './coalesce.ts';
import type { OutboxDispatcher } from './outbox-dispatcher.ts';

/**
 * Runs the outbox dispatcher on demand (a commit, a tick): claims until nothing is due. Under an
 * intake burst it claims in small batches and pauses between them, as inbox processing does.
 */
export function createDeliveryLoop({
  dispatcher,
  intake,
  logger,
}: {
  dispatcher: OutboxDispatcher;
  intake: { isUnderPressure(): boolean; yieldIfBusy(startedMs: number): Promise<void> };
  logger: Logger;
}) {
  let isStopping = false;
  const claims = coalescing(
    async () => {
      while (!isStopping) {
        const started = performance.now();
        if ((await dispatcher.runOnce(intake.isUnderPressure() ? 5 : 50)) === 0) return;
        await intake.yieldIfBusy(started);
      }
    },
    (error) => logger.error({ err: error }, 'outbox dispatch failed'),
  );
  return {
    kick: claims.kick,
    /** Resolves once nothing is being claimed or delivered (deliveries outlive the claim loop). */
    async idle(): Promise<void> {
      while (claims.isBusy || dispatcher.isBusy) {
        await claims.idle();
        await dispatcher.idle();
      }
    },
    /** Claims nothing more; items waiting in a lane are given back untouched. */
    stop(): void {
      isStopping = true;
      dispatcher.halt();
    },
  };
}
