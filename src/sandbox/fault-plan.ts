/**
 * How an emulator misbehaves on demand: for a while, for the next n calls, or for a share of
 * calls. The emulator decides what each mode does; this only picks the fault for a call.
 */
export class FaultPlan<Mode extends string> {
  private allUntil = 0;
  private allMode: Mode | undefined;
  private queued: Mode[] = [];
  private ratio = 0;
  private ratioMode: Mode | undefined;
  private random: () => number = Math.random;
  retryAfterSeconds = 1;

  failAll({ mode, retryAfterSeconds, forMs }: { mode: Mode; retryAfterSeconds?: number; forMs?: number }): void {
    this.allMode = mode;
    // Emulators run in real time beside real HTTP, so wall-clock windows are what tests mean.
    this.allUntil = forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  failNext(count: number, mode: Mode): void {
    for (let i = 0; i < count; i += 1) this.queued.push(mode);
  }

  /** `random` lets a test make the ratio deterministic (default: Math.random as it is now). */
  failRatio(ratio: number, mode: Mode, random: () => number = Math.random): void {
    this.ratio = ratio;
    this.ratioMode = mode;
    this.random = random;
  }

  heal(): void {
    this.allUntil = 0;
    this.queued = [];
    this.ratio = 0;
    this.retryAfterSeconds = 1;
  }

  /** The fault for the call being handled, if any; consumes one queued fault. */
  pick(): Mode | undefined {
    if (Date.now() < this.allUntil) return this.allMode;
    const next = this.queued.shift();
    if (next) return next;
    if (this.ratio > 0 && this.random() < this.ratio) return this.ratioMode;
    return undefined;
  }
}
