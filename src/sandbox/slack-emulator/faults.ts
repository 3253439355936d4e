/** How the emulated Web API misbehaves, for outage and ambiguity tests. */
export type FaultMode =
  /** HTTP 500, nothing happened. */
  | '5xx'
  /** HTTP 429 with Retry-After, nothing happened. */
  | '429'
  /** HTTP 200 with `ok: false, error: internal_error`, nothing happened. */
  | 'ok-false'
  /** The connection is cut without an answer, nothing happened. */
  | 'drop'
  /** The call takes effect, then the answer is HTTP 500: the ambiguous case. */
  | '5xx-after-commit';

export class FaultPlan {
  private allUntil = 0;
  private allMode: FaultMode = '5xx';
  private next: FaultMode[] = [];
  private ratio = 0;
  private ratioMode: FaultMode = '5xx';
  retryAfterSeconds = 1;

  constructor(private readonly random: () => number = Math.random) {}

  failAll({ mode, retryAfterSeconds, forMs }: { mode: FaultMode; retryAfterSeconds?: number; forMs?: number }): void {
    this.allMode = mode;
    this.allUntil = forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  failNext(count: number, mode: FaultMode): void {
    for (let i = 0; i < count; i += 1) this.next.push(mode);
  }

  failRatio(ratio: number, mode: FaultMode): void {
    this.ratio = ratio;
    this.ratioMode = mode;
  }

  heal(): void {
    this.allUntil = 0;
    this.next = [];
    this.ratio = 0;
  }

  /** The fault for this call, if any; `apps.connections.open` and test helpers are never faulted by ratio. */
  pick(): FaultMode | undefined {
    if (Date.now() < this.allUntil) return this.allMode;
    const queued = this.next.shift();
    if (queued) return queued;
    if (this.ratio > 0 && this.random() < this.ratio) return this.ratioMode;
    return undefined;
  }
}
