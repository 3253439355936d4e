import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/engine/clock.ts';
import { declareIncident } from '../../../src/usecases/declare-incident.ts';
import { syncIncidents } from '../../../src/usecases/sync-incidents.ts';
import { ids, startHarness, type Harness } from '../../support/harness.ts';
import { mentionEvent } from '../../support/payloads.ts';

describe('keeping incidents in step with their tickets', () => {
  const clock = manualClock(new Date('2026-11-24T14:00:00Z'));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => h.close());

  it('keeps a ticket flagged when it changed again after the sweep read it, so the newer change is not lost', async () => {
    await h.send(
      'event',
      mentionEvent({
        text: 'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.',
      }),
    );
    await h.settle();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await syncIncidents({ incidents: h.tplus.incidents, policy: h.tplus.incidentPolicy, clock });
    expect((await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).needsIncidentSync).toBe(
      false,
    );

    // The sweep has read the ticket as S3; meanwhile a responder reclassifies it S1.
    const asRead = { id: ticket.id, severity: 'S3' as const, status: ticket.status };
    await h.tplus.db.prisma.ticket.update({
      where: { id: ticket.id },
      data: { severity: 'S1', needsIncidentSync: true },
    });
    await h.tplus.incidents.markSynced(asRead);
    expect((await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).needsIncidentSync).toBe(
      true,
    );

    await syncIncidents({ incidents: h.tplus.incidents, policy: h.tplus.incidentPolicy, clock });
    const incident = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect(incident.severity).toBe('S1');
    expect((await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).needsIncidentSync).toBe(
      false,
    );
  });

  it('declares an incident once when the command that declared it is replayed from the inbox', async () => {
    const stored = await h.tplus.inbox.append({
      source: 'slack',
      dedupeKey: 'slack:command:replayed',
      kind: 'command',
      body: '{}',
      receivedAt: clock.now(),
      retryNum: 0,
    });
    if (stored.isDuplicate) throw new Error('fresh key expected');
    const args = {
      incidents: h.tplus.incidents,
      policy: h.tplus.incidentPolicy,
      clock,
      severity: 'S2' as const,
      title: 'Webhooks delayed by 10 minutes',
      components: [],
      declaredBy: ids.responder,
      inboxId: stored.entry.id,
    };
    expect(await declareIncident(args)).toBeDefined();
    expect(await declareIncident(args)).toBeUndefined();
    expect(await h.tplus.db.prisma.incident.count({ where: { title: 'Webhooks delayed by 10 minutes' } })).toBe(1);
  });
});
