/** How the emulated PagerDuty misbehaves. In every mode the request has no effect. */
export type PagerDutyFaultMode =
  /** HTTP 429 with Retry-After: rate-limited, not ingested. */
  | '429'
  /** HTTP 500: PagerDuty failed before ingesting. Clients still cannot tell, so it is ambiguous to them. */
  | '5xx'
  /** The socket is destroyed without an answer. */
  | 'drop';

export class PagerDutyFaultPlan {
  private allUntil = 0;
  private allMode: PagerDutyFaultMode = '5xx';
  private queued: PagerDutyFaultMode[] = [];
  private ratio = 0;
  private ratioMode: PagerDutyFaultMode = '5xx';
  private random: () => number = Math.random;
  retryAfterSeconds = 1;

  failAll({ mode, retryAfterSeconds, forMs }: { mode: PagerDutyFaultMode; retryAfterSeconds?: number; forMs?: number }): void {
    this.allMode = mode;
    // The emulator runs in real time beside real HTTP, so wall-clock windows are what tests mean.
    this.allUntil = forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  failNext(count: number, mode: PagerDutyFaultMode): void {
    for (let i = 0; i < count; i += 1) this.queued.push(mode);
  }

  /** `random` lets a test make the ratio deterministic. */
  failRatio(ratio: number, mode: PagerDutyFaultMode, random: () => number = Math.random): void {
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

  /** The fault for the request being handled, if any; consumes one queued fault. */
  pick(): PagerDutyFaultMode | undefined {
    if (Date.now() < this.allUntil) return this.allMode;
    const next = this.queued.shift();
    if (next) return next;
    if (this.ratio > 0 && this.random() < this.ratio) return this.ratioMode;
    return undefined;
  }
}
