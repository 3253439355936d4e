import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlashCommand } from '../../src/sandbox/driver/index.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';

/**
 * The value of `name`'s series whose labels include `labels` (`a="x",b="y"`), from a Prometheus
 * text exposition; every series also carries this process's `replica` label.
 */
function sample(text: string, name: string, labels = ''): number | undefined {
  const wanted = labels ? labels.split(',') : [];
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((label) => have.includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness();
    base = new URL(h.webhookUrl).origin;
  });
  afterAll(async () => h.close());

  it('reports the inbox, outbox, runbook steps, open incidents and engine ticks as the database and engine have them', async () => {
    await h.send(
      'command',
      buildSlashCommand({
        teamId: ids.ourTeam,
        user: { id: ids.responder, teamId: ids.ourTeam },
        channel: ids.triage,
        command: '/tplus',
        text: 'incident S1 Checkout API returns 500 for every customer',
        triggerId: 'trig-metrics-1',
      }),
    );
    await h.tplus.engine.tick();
    await h.settle();
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const prisma = h.tplus.db.prisma;
    // Each replica's series are told apart by its id (default <hostname>-<pid>).
    expect(sample(text, 'tplus_engine_last_tick_age_seconds', `replica="${hostname()}-${process.pid}"`)).toBeDefined();
    expect(sample(text, 'tplus_open_incidents', 'severity="S1"')).toBe(
      await prisma.incident.count({ where: { resolvedAt: null, severity: 'S1' } }),
    );
    expect(sample(text, 'tplus_open_incidents', 'severity="S1"')).toBe(1);
    expect(sample(text, 'tplus_runbook_steps', 'state="pending"')).toBe(
      await prisma.incidentStep.count({ where: { state: 'pending' } }),
    );
    expect(sample(text, 'tplus_runbook_steps', 'state="done"')).toBe(
      await prisma.incidentStep.count({ where: { state: 'done' } }),
    );
    expect(sample(text, 'tplus_inbox_events', 'state="done"')).toBe(
      await prisma.inboxEvent.count({ where: { state: 'done' } }),
    );
    expect(sample(text, 'tplus_outbox_messages', 'state="delivered"')).toBe(
      await prisma.outboxMessage.count({ where: { state: 'delivered' } }),
    );
    expect(sample(text, 'tplus_outbox_messages', 'state="delivered"')).toBeGreaterThan(0);
    expect(sample(text, 'tplus_engine_tick_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tplus_engine_last_tick_age_seconds')).toBeLessThan(10);
    expect(sample(text, 'tplus_runbook_steps_late')).toBe(0);
  });
});
