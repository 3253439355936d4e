import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { StatusStore } from '../../src/usecases/status-ports.ts';

/** Strings that live only in internal fields: no public response may contain them. */
export const INTERNAL = {
  title: 'INTERNAL-TITLE-7f3a acme db primary wedged',
  actor: 'U0SECRETACTOR',
  channel: 'C0INTERNALCHAN',
};

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

/**
 * The acceptance scenario, written through the status store as tplus would: an S1 caused by an
 * upstream provider (still open), an incident resolved last month, and a maintenance next week.
 */
export async function seedStatusScenario({
  status,
  prisma,
  now,
}: {
  status: StatusStore;
  prisma: PrismaClient;
  now: Date;
}) {
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const internal = await prisma.incident.create({
    data: {
      source: 'declared',
      severity: 'S1',
      title: INTERNAL.title,
      components: '["api"]',
      startedAt: at(-minutes(45)),
      plan: '{}',
      channelId: INTERNAL.channel,
    },
  });
  const s1 = await status.publish({
    target: {
      create: {
        kind: 'incident',
        incidentId: internal.id,
        name: 'Degraded – Stripe API returning errors',
        impact: 'critical',
        upstreamProvider: 'Stripe',
      },
    },
    status: 'investigating',
    body: 'We are investigating errors on the Public API. They appear to be caused by an issue at our provider Stripe.',
    components: [{ componentId: 'api', state: 'major_outage' }],
    actor: INTERNAL.actor,
    at: at(-minutes(30)),
  });
  await status.publish({
    target: { statusIncidentId: s1?.statusIncidentId as number },
    status: 'identified',
    body: 'Stripe has confirmed the issue; payments are retried automatically.',
    components: [{ componentId: 'dashboard', state: 'degraded_performance' }],
    actor: INTERNAL.actor,
    at: at(-minutes(10)),
  });

  // Last month, in the page's zone (the example's New York): the 14th at noon.
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14, 17, 0));
  const past = await status.publish({
    target: { create: { kind: 'incident', name: 'Slow data exports', impact: 'minor' } },
    status: 'investigating',
    body: 'Exports are taking longer than usual.',
    components: [{ componentId: 'exports', state: 'partial_outage' }],
    actor: INTERNAL.actor,
    at: lastMonth,
  });
  await status.publish({
    target: { statusIncidentId: past?.statusIncidentId as number },
    status: 'resolved',
    body: 'Exports are back to normal speed.',
    components: [{ componentId: 'exports', state: 'operational' }],
    actor: INTERNAL.actor,
    at: new Date(lastMonth.getTime() + minutes(90)),
  });

  const maintenanceAt = at(days(7));
  await status.publish({
    target: {
      create: {
        kind: 'maintenance',
        name: 'Database upgrade',
        impact: 'maintenance',
        scheduledFor: maintenanceAt,
        scheduledUntil: new Date(maintenanceAt.getTime() + minutes(120)),
      },
    },
    status: 'scheduled',
    body: 'We will upgrade the primary database; the dashboard may be read-only for a few minutes.',
    components: [{ componentId: 'dashboard', state: 'under_maintenance' }],
    actor: INTERNAL.actor,
    at: at(-days(1)),
    isAnnouncement: true,
  });
  return { incidentId: internal.id, lastMonth, maintenanceAt };
}
