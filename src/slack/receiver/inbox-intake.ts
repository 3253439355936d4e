import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock, InboxEntry, InboxKind, InboxLease, InboxStore } from '../../usecases/ports.ts';
import { slackDedupeKey } from './dedupe-key.ts';

/** How the transport answers Slack: an HTTP response or a Socket Mode ack. */
export type Respond = (status: number, body?: unknown) => void;

export interface InboundSlackRequest {
  kind: InboxKind;
  body: Record<string, unknown>;
  raw: string;
  retryNum?: number;
  retryReason?: string;
  respond: Respond;
}

const MAX_ATTEMPTS = 5;
/**
 * Acks come first. Slack sends a workspace at most ~30,000 events an hour (about 8 a second); far
 * more than that (a burst, redeliveries after an outage, a load test) would have processing, which
 * is CPU-bound in Prisma, hold the event loop while requests wait for their ack. Then processing
 * gets at most a twentieth of the time (it pauses 19× as long as each entry took, up to
 * PRESSURE_MAX_PAUSE_MS) until arrivals calm down; nothing is dropped, the inbox simply drains later.
 */
const PRESSURE_WINDOW_MS = 100;
const PRESSURE_ARRIVALS = 10;
const PRESSURE_DUTY_PAUSE_FACTOR = 19;
/**
 * A step's time is wall time, so one that waited (behind a slow engine tick, a collection, a
 * Slack call) looks long: uncapped, a step of 700 ms paused processing and delivery for 13 s
 * (the end-to-end soak's stalls with no card delivered).
 */
const PRESSURE_MAX_PAUSE_MS = 500;
/** Slack wants an answer within 3 s; leave room for the network. */
const INLINE_ANSWER_MS = 2500;
/**
 * How long (wall clock) an entry this process took stays its own: other replicas leave it alone
 * meanwhile, and take it over once it runs out (this process died). Processing takes milliseconds.
 */
const LEASE_MS = 15_000;

/**
 * Commit → acknowledge → process. Every request is committed to the inbox before Slack gets its
 * answer; events are then processed from the inbox in order, so a crash, a Slack Web API outage
 * or a bug loses nothing: the entry stays pending and is replayed. Interactions and commands are
 * processed at once (their answer may carry a body, e.g. modal validation errors) but are
 * committed first all the same.
 */
export class InboxIntake {
  private app: App | undefined;
  private readonly inFlight = new Set<number>();
  private readonly retryAfter = new Map<number, number>();
  private draining: Promise<void> | undefined;
  private readonly inline = new Set<Promise<void>>();
  private isHalted = false;
  private windowStartedAt = 0;
  private arrivalsInWindow = 0;
  private arrivalsInLastWindow = 0;
  private isDrainRequested = false;
  onProcessed: () => void = () => {};

  constructor(
    private readonly deps: {
      inbox: InboxStore;
      clock: Clock;
      logger: Logger;
      isProcessingHeld?: boolean;
      /** This process's name among replicas (the inbox lease's owner). */
      owner?: string;
      /** Wall clock for leases; the domain clock may be scaled in the sandbox. */
      wallNow?: () => Date;
      /** Processes entries from other sources (PagerDuty webhooks) kept in the same inbox. */
      handlers?: Partial<Record<Exclude<InboxEntry['source'], 'slack'>, (entry: InboxEntry) => Promise<void>>>;
    },
  ) {}

  private lease(): InboxLease {
    const now = (this.deps.wallNow ?? (() => new Date()))();
    return { owner: this.deps.owner ?? 'tplus', now, until: new Date(now.getTime() + LEASE_MS) };
  }

  init(app: App): void {
    this.app = app;
  }

  async accept(request: InboundSlackRequest): Promise<void> {
    const { inbox, clock, logger } = this.deps;
    this.noteArrival();
    const dedupeKey = slackDedupeKey(request.kind, request.body, request.raw);
    let stored: Awaited<ReturnType<InboxStore['append']>>;
    try {
      stored = await inbox.append({
        // An event's raw body is already the JSON to keep; interactions arrive form-encoded.
        source: 'slack',
        dedupeKey,
        kind: request.kind,
        body: request.kind === 'event' ? request.raw : JSON.stringify(request.body),
        receivedAt: clock.now(),
        retryNum: request.retryNum ?? 0,
      });
    } catch (error) {
      // Not committed, so not acknowledged: Slack will retry.
      logger.error({ err: error, dedupeKey }, 'inbox refused an inbound request');
      request.respond(503);
      return;
    }
    if (stored.isDuplicate || request.kind === 'event') {
      request.respond(200);
      if (!stored.isDuplicate) this.kick();
      return;
    }
    const work = this.processInline(stored.entry, request.respond);
    this.inline.add(work);
    try {
      await work;
    } finally {
      this.inline.delete(work);
    }
  }

  /** Processes pending entries, oldest first; safe to call often (calls coalesce). */
  kick(): void {
    if (this.deps.isProcessingHeld || this.isHalted) return;
    if (this.draining) {
      this.isDrainRequested = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => {
        // The database stopped answering (a PostgreSQL restart, say): unhandled, this rejection
        // would end the process. What is left stays pending and the next kick or tick replays it.
        this.deps.logger.error({ err: error }, 'processing the inbox stopped; pending entries will be replayed');
      })
      .finally(() => {
        this.draining = undefined;
        if (this.isDrainRequested) {
          this.isDrainRequested = false;
          this.kick();
        }
      });
  }

  /** For shutdown: finish the entry in hand, start no other; what is left stays pending for the next start. */
  halt(): void {
    this.isHalted = true;
  }

  /** Resolves when no queued event and no inline interaction is being processed. */
  async idle(): Promise<void> {
    while (this.draining || this.inline.size > 0) {
      await Promise.all([this.draining, ...this.inline]);
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const nowMs = this.deps.clock.now().getTime();
      const batch = (await this.deps.inbox.claimPending(100, this.lease())).filter(
        (e) => !this.inFlight.has(e.id) && (this.retryAfter.get(e.id) ?? 0) <= nowMs,
      );
      if (batch.length === 0) return;
      for (const entry of batch) {
        if (this.isHalted) return;
        const started = performance.now();
        await this.process(entry, () => {});
        await this.yieldIfBusy(started);
      }
    }
  }

  private noteArrival(): void {
    const now = performance.now();
    if (now - this.windowStartedAt >= PRESSURE_WINDOW_MS) {
      this.arrivalsInLastWindow = now - this.windowStartedAt < 2 * PRESSURE_WINDOW_MS ? this.arrivalsInWindow : 0;
      this.windowStartedAt = now;
      this.arrivalsInWindow = 0;
    }
    this.arrivalsInWindow += 1;
  }

  /**
   * Always lets the event loop take waiting requests (Prisma over better-sqlite3 resolves in
   * microtasks only, so a loop of queries would otherwise never let a request in, and a burst
   * could not even be noticed). Under pressure, also pauses 19× as long as the work begun at
   * `startedMs` took (at most PRESSURE_MAX_PAUSE_MS, and no longer than the pressure lasts): each
   * background loop gets ≤ 1/20 of the time.
   */
  async yieldIfBusy(startedMs: number): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!this.isUnderPressure()) return;
    const now = performance.now();
    const until = now + Math.min(PRESSURE_MAX_PAUSE_MS, Math.max(5, (now - startedMs) * PRESSURE_DUTY_PAUSE_FACTOR));
    // In slices, so the pause ends once arrivals have calmed down.
    for (let left = until - now; left > 0 && this.isUnderPressure(); left = until - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, PRESSURE_WINDOW_MS / 2)));
    }
  }

  /** Far more requests than Slack sends in normal operation arrived in the last ~100 ms. */
  isUnderPressure(): boolean {
    if (performance.now() - this.windowStartedAt >= 2 * PRESSURE_WINDOW_MS) return false;
    return Math.max(this.arrivalsInWindow, this.arrivalsInLastWindow) >= PRESSURE_ARRIVALS;
  }

  private async processInline(entry: InboxEntry, respond: Respond): Promise<void> {
    // Another replica's replay may have taken it between our insert and now: it answers the user.
    if (!(await this.deps.inbox.claim(entry.id, this.lease()))) {
      respond(200);
      return;
    }
    let isAnswered = false;
    const answer: Respond = (status, body) => {
      if (isAnswered) return;
      isAnswered = true;
      respond(status, body);
    };
    const timer = setTimeout(() => answer(200), INLINE_ANSWER_MS);
    try {
      await this.process(entry, (body) => answer(200, body));
    } finally {
      clearTimeout(timer);
      answer(200);
    }
  }

  private async process(entry: InboxEntry, ack: (body?: unknown) => void): Promise<void> {
    const { inbox, clock, logger } = this.deps;
    if (!this.app) throw new Error('InboxIntake.init(app) was not called');
    this.inFlight.add(entry.id);
    try {
      if (entry.source !== 'slack') {
        const handle = this.deps.handlers?.[entry.source];
        if (!handle) throw new Error(`no handler for inbox entries from ${entry.source}`);
        await handle(entry);
      } else
        await this.app.processEvent({
          body: JSON.parse(entry.body) as Record<string, unknown>,
          ack: async (response?: unknown) => ack(response),
          retryNum: entry.retryNum,
          customProperties: { inboxId: entry.id, inboxKey: entry.dedupeKey },
        });
      await inbox.markDone(entry.id, 'handled', clock.now());
      this.retryAfter.delete(entry.id);
    } catch (error) {
      const attempts = entry.attempts + 1;
      const isFinal = attempts >= MAX_ATTEMPTS;
      logger.error({ err: error, inboxId: entry.id, attempts, isFinal }, 'processing an inbound request failed');
      await inbox.recordFailure(entry.id, String((error as Error)?.stack ?? error), { isFinal, at: clock.now() });
      this.retryAfter.set(entry.id, clock.now().getTime() + 1000 * 2 ** attempts);
    } finally {
      this.inFlight.delete(entry.id);
      this.onProcessed();
    }
  }
}
