import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../../src/store/database.ts';
import { createInboxStore } from '../../../src/store/inbox-store.ts';
import { createStatusStore } from '../../../src/store/status-store.ts';
import type { OutboxEffect } from '../../../src/usecases/ports.ts';
import type { StatusPublication, StatusStore } from '../../../src/usecases/status-ports.ts';
import { projectRoot } from '../../support/harness.ts';

const t = (iso: string) => new Date(`2026-11-${iso}Z`);
const post = (key: string): OutboxEffect => ({
  kind: 'slack.post',
  key,
  channel: 'C0CUSTOMER',
  message: { view: 'customer-ack', data: { text: 'status update' } },
});

describe('the status store', () => {
  let db: OpenDatabase;
  let dir: string;
  let store: StatusStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-status-'));
    db = await openDatabase({
      databaseUrl: `file:${join(dir, 't.db')}`,
      migrationsDir: join(projectRoot, 'prisma/migrations'),
    });
    store = createStatusStore(db);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (extra: Partial<StatusPublication> = {}): StatusPublication => ({
    target: { create: { kind: 'incident', name: 'Elevated API errors', impact: 'major', upstreamProvider: 'Stripe' } },
    status: 'investigating',
    body: 'We are investigating errors on the API.',
    components: [{ componentId: 'api', state: 'major_outage' }],
    actor: 'U0RESPONDER',
    at: t('25T10:00:00'),
    ...extra,
  });

  it('opens a status incident with its first update, component change and outbox effect in one go', async () => {
    const versionBefore = store.version();
    const written = await store.publish(open({ effects: [post('status:1:post')] }));
    if (!written) throw new Error('expected a write');
    const incident = await store.get(written.statusIncidentId);
    expect(incident).toMatchObject({
      kind: 'incident',
      name: 'Elevated API errors',
      impact: 'major',
      status: 'investigating',
      upstreamProvider: 'Stripe',
      createdAt: t('25T10:00:00'),
      monitoringAt: null,
      resolvedAt: null,
      announcedAt: null,
    });
    expect(incident?.publicId).toMatch(/^[0-9a-z]{12}$/);
    expect(incident?.updates).toHaveLength(1);
    expect(incident?.updates[0]).toMatchObject({
      id: written.updateId,
      status: 'investigating',
      actor: 'U0RESPONDER',
      body: 'We are investigating errors on the API.',
    });
    expect(incident?.updates[0]?.publicId).toMatch(/^[0-9a-z]{12}$/);
    expect(
      await db.prisma.componentStatusChange.findMany({
        select: { componentId: true, state: true, at: true, source: true },
      }),
    ).toEqual([{ componentId: 'api', state: 'major_outage', at: t('25T10:00:00'), source: 'status' }]);
    expect((await db.prisma.outboxMessage.findMany()).map((m) => m.key)).toEqual(['status:1:post']);
    expect(store.version()).not.toBe(versionBefore);
  });

  it('moves the incident through monitoring to resolved, newest update first, components merged', async () => {
    const first = await store.publish(
      open({
        components: [
          { componentId: 'api', state: 'major_outage' },
          { componentId: 'web', state: 'partial_outage' },
        ],
      }),
    );
    const id = first?.statusIncidentId as number;
    await store.publish({
      target: { statusIncidentId: id },
      status: 'monitoring',
      body: 'A fix is deployed.',
      components: [{ componentId: 'api', state: 'operational' }],
      actor: 'runbook',
      at: t('25T10:30:00'),
    });
    await store.publish({
      target: { statusIncidentId: id },
      status: 'resolved',
      body: 'Resolved.',
      components: [{ componentId: 'web', state: 'operational' }],
      actor: 'runbook',
      at: t('25T11:00:00'),
    });
    const incident = await store.get(id);
    expect(incident).toMatchObject({
      status: 'resolved',
      updatedAt: t('25T11:00:00'),
      monitoringAt: t('25T10:30:00'),
      resolvedAt: t('25T11:00:00'),
    });
    expect(incident?.updates.map((u) => u.status)).toEqual(['resolved', 'monitoring', 'investigating']);
    expect(incident?.components).toEqual([
      { componentId: 'api', state: 'operational' },
      { componentId: 'web', state: 'operational' },
    ]);
    expect(await store.open('incident')).toEqual([]);
  });

  it('writes nothing when the inbox entry that caused the update was already applied', async () => {
    const inbox = createInboxStore(db);
    const stored = await inbox.append({
      source: 'slack',
      dedupeKey: 'slack:view:status-1',
      kind: 'interaction',
      body: '{}',
      receivedAt: t('25T10:00:00'),
      retryNum: 0,
    });
    if (stored.isDuplicate) throw new Error('fresh key expected');
    const publication = open({ causeInboxId: stored.entry.id, effects: [post('status:cause:post')] });
    expect(await store.publish(publication)).toBeDefined();
    expect(await store.publish(publication)).toBeUndefined();
    expect(await db.prisma.statusIncident.count()).toBe(1);
    expect(await db.prisma.statusUpdate.count()).toBe(1);
    expect(await db.prisma.componentStatusChange.count()).toBe(1);
    expect(await db.prisma.outboxMessage.count()).toBe(1);
  });

  it('rolls everything back when a part of the publication fails', async () => {
    await expect(store.publish({ ...open(), target: { statusIncidentId: 999 } })).rejects.toThrow();
    expect(await db.prisma.statusUpdate.count()).toBe(0);
    expect(await db.prisma.componentStatusChange.count()).toBe(0);
  });

  it('announces a maintenance when it is published and keeps it open until completed', async () => {
    const written = await store.publish({
      target: {
        create: {
          kind: 'maintenance',
          name: 'Database upgrade',
          impact: 'maintenance',
          scheduledFor: t('28T02:00:00'),
          scheduledUntil: t('28T04:00:00'),
        },
      },
      status: 'scheduled',
      body: 'We will upgrade the database.',
      components: [],
      actor: 'U0RESPONDER',
      at: t('25T09:00:00'),
    });
    const id = written?.statusIncidentId as number;
    expect(await store.get(id)).toMatchObject({
      announcedAt: t('25T09:00:00'),
      scheduledFor: t('28T02:00:00'),
      scheduledUntil: t('28T04:00:00'),
    });
    expect((await store.open('maintenance')).map((m) => m.id)).toEqual([id]);
    expect(await store.open('incident')).toEqual([]);
    await store.publish({
      target: { statusIncidentId: id },
      status: 'verifying',
      body: 'Checking.',
      components: [],
      actor: 'x',
      at: t('28T04:00:00'),
    });
    await store.publish({
      target: { statusIncidentId: id },
      status: 'completed',
      body: 'Done.',
      components: [],
      actor: 'x',
      at: t('28T04:10:00'),
    });
    expect(await store.get(id)).toMatchObject({ monitoringAt: t('28T04:00:00'), resolvedAt: t('28T04:10:00') });
    expect(await store.open()).toEqual([]);
  });

  it('finds the status incident of an internal incident, and lists by creation or openness since a date', async () => {
    await db.prisma.incident.create({
      data: {
        source: 'declared',
        severity: 'S1',
        title: 'internal',
        components: '[]',
        startedAt: t('20T00:00:00'),
        plan: '{}',
      },
    });
    const old = await store.publish(open({ at: t('01T00:00:00') }));
    const linked = await store.publish(
      open({
        target: { create: { kind: 'incident', incidentId: 1, name: 'Linked', impact: 'minor' } },
        at: t('24T00:00:00'),
      }),
    );
    await store.publish({
      target: { statusIncidentId: linked?.statusIncidentId as number },
      status: 'resolved',
      body: 'ok',
      components: [],
      actor: 'x',
      at: t('24T01:00:00'),
    });
    expect((await store.byIncident(1))?.id).toBe(linked?.statusIncidentId);
    expect(await store.byIncident(2)).toBeUndefined();
    // The old one is still open, so it is listed though created before `since`.
    expect((await store.list({ since: t('20T00:00:00') })).map((i) => i.id)).toEqual([
      linked?.statusIncidentId,
      old?.statusIncidentId,
    ]);
    expect((await store.list({ since: t('20T00:00:00'), limit: 1 })).map((i) => i.id)).toEqual([
      linked?.statusIncidentId,
    ]);
  });

  it('gives the changes in a window plus each component’s last change before it', async () => {
    const change = (componentId: string, state: string, at: Date) =>
      db.prisma.componentStatusChange.create({ data: { componentId, state, at, source: 'runbook' } });
    await change('api', 'major_outage', t('01T00:00:00'));
    await change('api', 'partial_outage', t('02T00:00:00'));
    await change('web', 'degraded_performance', t('03T00:00:00'));
    await change('api', 'operational', t('10T00:00:00'));
    // At the window's end: outside the half-open window.
    await change('api', 'major_outage', t('20T00:00:00'));
    const changes = await store.componentChanges(t('05T00:00:00'), t('20T00:00:00'));
    expect(changes).toEqual([
      { componentId: 'api', state: 'partial_outage', at: t('02T00:00:00') },
      { componentId: 'web', state: 'degraded_performance', at: t('03T00:00:00') },
      { componentId: 'api', state: 'operational', at: t('10T00:00:00') },
    ]);
  });
});
