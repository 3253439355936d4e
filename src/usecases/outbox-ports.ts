import type { OutboxEffect } from './ports.ts';

export interface OutboxItem {
  id: number;
  key: string;
  effect: OutboxEffect;
  attempts: number;
  /** A previous attempt may have taken effect (an unclear answer, or a dispatcher that died mid-call). */
  isAmbiguous: boolean;
  createdAt: Date;
}

/** An item as one claim leased it: the token fences the claim once another one takes the row over. */
export interface LeasedOutboxItem extends OutboxItem {
  leaseToken: string;
  /** Wall-clock end of the lease. */
  leaseUntil: Date;
}
type Lease = Pick<LeasedOutboxItem, 'id' | 'leaseToken'>;

export interface OutboxStore {
  /**
   * Leases items due at `now` to this dispatcher until `lease.until`; a leased item is not handed
   * out twice. Leases are in wall-clock time (`lease.now`), which a sandbox's scaled clock is not.
   */
  claimDue(
    now: Date,
    limit: number,
    lease: { now: Date; until: Date },
    options?: { skipKinds?: readonly string[] },
  ): Promise<LeasedOutboxItem[]>;
  /** Whether an item with this key was ever written (any state). */
  exists(key: string): Promise<boolean>;
  /** The item's delivery state, undefined when no item has this key. */
  stateOf(key: string): Promise<'pending' | 'delivered' | 'dead' | undefined>;
  /** Pending items created before `createdBefore` (delivery has failed for a while), oldest first. */
  stuck(createdBefore: Date): Promise<OutboxItem[]>;
  /** Makes a pending item due at `now`, so the next dispatch retries it whatever its backoff said. */
  retryNow(id: number, now: Date): Promise<void>;
  /**
   * Gives a leased item back untouched (no attempt counted), e.g. when its platform is failing;
   * with `dueAt`, it is not due again before then.
   */
  release(item: Lease, dueAt?: Date): Promise<void>;
  /** Extends a lease we still hold (false: it ran out and may be another dispatcher's now). */
  renew(item: Lease, lease: { now: Date; until: Date }): Promise<boolean>;
  resultOf(key: string): Promise<{ channel: string; ts: string } | undefined>;
  /** Records the outcome; false when the lease was taken over meanwhile (nothing is written). */
  markDelivered(item: Lease, result: { channel: string; ts: string } | null, at: Date): Promise<boolean>;
  /** Reschedules after a failure; `isAmbiguous` records that the effect may have happened. */
  reschedule(
    item: Lease,
    args: { error: string; nextAttemptAt: Date; isAmbiguous: boolean; isDead: boolean },
  ): Promise<boolean>;
  nextDueAt(): Promise<Date | undefined>;
  counts(): Promise<Record<string, number>>;
}
