import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';

describe('first-response SLA breach', () => {
  // Tuesday 24 Nov 2026 15:00 in New York.
  const clock = manualClock(new Date('2026-11-24T20:00:00Z'));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => h.close());

  it('is recorded once when the due time passes with no response, and the card shows it', async () => {
    await h.send('event', mentionEvent({ text: 'Login is down for all users, the platform is unusable' }));
    await h.settle();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.firstResponseDueAt.toISOString()).toBe('2026-11-24T20:30:00.000Z');

    clock.set(new Date('2026-11-24T20:30:00.000Z'));
    await h.tplus.engine.tick();
    await h.settle();
    expect((await h.tplus.db.prisma.deadline.findFirstOrThrow()).state).toBe('pending');

    clock.set(new Date('2026-11-24T20:30:00.001Z'));
    await h.tplus.engine.tick();
    await h.tplus.engine.tick();
    await h.settle();
    const deadline = await h.tplus.db.prisma.deadline.findFirstOrThrow();
    expect(deadline.state).toBe('breached');
    expect((await h.tplus.db.prisma.ticket.findFirstOrThrow()).slaBreachedAt?.toISOString()).toBe(
      '2026-11-24T20:30:00.000Z',
    );
    const notices = h.emulator.messagesIn(ids.triage).filter((m) => JSON.stringify(m).includes('SLA breached'));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(h.emulator.callsTo('chat.update').at(-1)!.args)).toContain('SLA BREACHED');
  });
});
