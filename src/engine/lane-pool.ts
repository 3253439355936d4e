/**
 * Runs items in lanes: a lane's items one at a time, in the order they were added; up to
 * `concurrency` lanes side by side. Lanes outlive a batch: an item added to a lane that is still
 * running waits behind it, and a lane stuck on one slow call holds only its own slot, so the
 * caller can keep adding work while it waits.
 */
export function createLanePool<T>({
  concurrency,
  laneOf,
  run,
  onError,
}: {
  concurrency: number;
  laneOf: (item: T) => string;
  run: (item: T) => Promise<void>;
  /** What `run` threw (a store that failed to record an outcome); the lane goes on with its next item. */
  onError: (error: unknown, item: T) => void;
}) {
  const lanes = new Map<string, T[]>();
  const running = new Set<string>();
  /** Lanes with work, not running yet, oldest first. */
  const ready: string[] = [];
  let waiters: (() => void)[] = [];

  const hasRoom = () => ready.length === 0 && running.size < concurrency;
  const notify = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };

  async function drain(lane: string, queue: T[]): Promise<void> {
    try {
      // Items added while this runs join `queue` and go in their turn.
      while (queue.length > 0) {
        const item = queue[0] as T;
        await run(item).catch((error: unknown) => onError(error, item));
        queue.shift();
      }
    } finally {
      lanes.delete(lane);
      running.delete(lane);
      fill();
      notify();
    }
  }

  function fill(): void {
    while (running.size < concurrency && ready.length > 0) {
      const lane = ready.shift() as string;
      running.add(lane);
      void drain(lane, lanes.get(lane) as T[]);
    }
  }

  return {
    add(items: readonly T[]): void {
      for (const item of items) {
        const lane = laneOf(item);
        const queue = lanes.get(lane);
        if (queue) queue.push(item);
        else {
          lanes.set(lane, [item]);
          ready.push(lane);
        }
      }
      fill();
    },
    /** Resolves once more work would start at once: every lane with work has a slot. */
    async room(): Promise<void> {
      while (!hasRoom()) await new Promise<void>((wake) => waiters.push(wake));
    },
    /** Resolves once every item added has run. */
    async idle(): Promise<void> {
      while (lanes.size > 0) await new Promise<void>((wake) => waiters.push(wake));
    },
    get isBusy(): boolean {
      return lanes.size > 0;
    },
  };
}
