import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InboxIntake } from '../../../src/slack/receiver/inbox-intake.ts';
import { createInboxStore } from '../../../src/store/inbox-store.ts';
import { tempDatabase } from '../../support/temp-database.ts';

const clock = { now: () => new Date(Date.UTC(2026, 11, 5, 10, 0, 0)) };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the pause of background work while requests pour in', () => {
  const t = tempDatabase('intake-pressure');
  let seq = 0;
  /** An intake that keeps what it accepts (processing held: only arrivals matter here). */
  const intake = () =>
    new InboxIntake({
      inbox: createInboxStore(t.db),
      clock,
      logger: pino({ level: 'silent' }),
      isProcessingHeld: true,
    });
  const arrive = async (into: InboxIntake, count: number) => {
    for (let i = 0; i < count; i += 1) {
      const body = { type: 'event_callback', event_id: `EvPressure${(seq += 1)}`, event: { type: 'app_mention' } };
      await into.accept({ kind: 'event', body, raw: JSON.stringify(body), respond: () => {} });
    }
  };
  const timed = async (work: Promise<void>) => {
    const started = performance.now();
    await work;
    return performance.now() - started;
  };

  it('ends once arrivals calm down, however long the step before it waited', async () => {
    const into = intake();
    await arrive(into, 12);
    expect(into.isUnderPressure()).toBe(true);
    // A step that took 700 ms of wall time (it waited behind a slow tick, say): 19× would be 13 s.
    const paused = await timed(into.yieldIfBusy(performance.now() - 700));
    expect(paused).toBeGreaterThanOrEqual(100);
    expect(paused).toBeLessThan(1000);
    expect(into.isUnderPressure()).toBe(false);
  });

  it('lasts at most half a second while the burst goes on, and 19× a short step', async () => {
    const into = intake();
    await arrive(into, 12);
    let isBursting = true;
    const burst = (async () => {
      while (isBursting) {
        await arrive(into, 3);
        await sleep(5);
      }
    })();
    try {
      const long = await timed(into.yieldIfBusy(performance.now() - 700));
      expect(long).toBeGreaterThanOrEqual(490);
      expect(long).toBeLessThan(1500);
      const short = await timed(into.yieldIfBusy(performance.now() - 4));
      expect(short).toBeGreaterThanOrEqual(70);
      expect(short).toBeLessThan(490);
    } finally {
      isBursting = false;
      await burst;
    }
  });

  it('is no pause at all without pressure', async () => {
    const into = intake();
    await arrive(into, 2);
    expect(into.isUnderPressure()).toBe(false);
    expect(await timed(into.yieldIfBusy(performance.now() - 700))).toBeLessThan(50);
  });
});
