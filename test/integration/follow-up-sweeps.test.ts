import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { BLOCK, VIEW } from '../../src/slack/ids.ts';
import { sendDeadlineReminders } from '../../src/usecases/send-deadline-reminders.ts';
import { planIncidentFollowUps } from '../../src/usecases/plan-follow-ups.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { mentionEvent, modalSubmission } from '../support/payloads.ts';
import { startFollowUpScenario } from '../support/follow-up-scenario.ts';

describe('follow-up sweeps', () => {
  let h: Harness | undefined;
  let s: Awaited<ReturnType<typeof startFollowUpScenario>> | undefined;
  afterEach(async () => {
    await h?.close();
    await s?.close();
    h = undefined;
    s = undefined;
  });

  it('sends each due reminder once when two sweeps run at the same moment', async () => {
    s = await startFollowUpScenario();
    const { documents, incidents } = s.h.tplus;
    s.clock.set(new Date('2026-11-21T21:00:00.000Z'));
    const sweep = () =>
      sendDeadlineReminders({ documents: documents.store, incidents, policy: documents.policy, clock: s!.clock });
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const due = await s.h.tplus.db.prisma.deadlineReminder.count({ where: { dueAt: { lte: s.clock.now() } } });
    expect(a + b).toBe(due);
    expect(
      await s.h.tplus.db.prisma.deadlineReminder.count({ where: { state: 'pending', dueAt: { lte: s.clock.now() } } }),
    ).toBe(0);
    // One outbox item per reminder and recipient, whatever the interleaving.
    const keys = (
      await s.h.tplus.db.prisma.outboxMessage.findMany({
        where: { key: { startsWith: 'follow-up:' } },
        select: { key: true },
      })
    ).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('plans an incident once when two sweeps race', async () => {
    s = await startFollowUpScenario();
    const { documents, db } = s.h.tplus;
    // Undo what the engine planned, as if the process had died just before its sweep.
    const deadlineIds = (await db.prisma.followUpDeadline.findMany({ select: { id: true } })).map((d) => d.id);
    await db.prisma.deadlineReminder.deleteMany({ where: { deadlineId: { in: deadlineIds } } });
    await db.prisma.followUpDeadline.deleteMany({});
    await db.prisma.incidentEvent.deleteMany({ where: { kind: 'follow-ups' } });
    await db.prisma.incident.update({ where: { id: s.incident.id }, data: { followUpsPlannedAt: null } });
    const sweep = () =>
      planIncidentFollowUps({ documents: documents.store, policy: documents.policy, clock: s!.clock });
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a + b).toBe(1);
    expect(await db.prisma.followUpDeadline.count({ where: { incidentId: s.incident.id } })).toBe(7);
    expect(await db.prisma.incidentEvent.count({ where: { incidentId: s.incident.id, kind: 'follow-ups' } })).toBe(1);
    expect(await sweep()).toBe(0);
  });

  it('gives a resolved S3 no deadlines, and marks it planned so the sweep does not read it again', async () => {
    const clock = manualClock(new Date('2026-11-19T19:10:00.000Z'));
    h = await startHarness({ clock });
    const run = async () => {
      for (let i = 0; i < 3; i += 1) {
        await h!.tplus.engine.tick();
        await h!.settle();
      }
    };
    await h.send(
      'event',
      mentionEvent({
        text: 'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.',
      }),
    );
    await run();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(ticket.severity).toBe('S3');
    clock.set(new Date('2026-11-19T21:00:00.000Z'));
    await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.resolveModal,
        privateMetadata: JSON.stringify({ ticketId: ticket.id }),
        user: ids.responder,
        userTeam: ids.ourTeam,
        values: {
          [BLOCK.resolutionSummary]: {
            [BLOCK.resolutionSummary]: { type: 'plain_text_input', value: 'Reindexed the search cluster.' },
          },
          [BLOCK.upstream]: { [BLOCK.upstream]: { type: 'static_select', selected_option: { value: 'no' } } },
        },
      }),
    );
    await run();
    const incident = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(incident.resolvedAt).not.toBeNull();
    expect(incident.followUpsPlannedAt?.toISOString()).toBe('2026-11-19T21:00:00.000Z');
    expect(await h.tplus.db.prisma.followUpDeadline.count()).toBe(0);
    expect(await h.tplus.documents.store.incidentsToPlan(10)).toEqual([]);
  });
});
