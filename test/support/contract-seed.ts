import type { PrismaClient } from '../../src/generated/prisma/client.ts';

/** Writes an incident row as tplus would have recorded it (the runbook plan is irrelevant to contract tracking). */
export async function seedIncident(
  prisma: PrismaClient,
  i: {
    customerId: string | null;
    severity?: string;
    components?: string[];
    startedAt: Date;
    minutes?: number | null;
    acknowledgedAfterMinutes?: number;
    title?: string;
    isUpstreamCause?: boolean;
    isCustomerCaused?: boolean;
  },
): Promise<number> {
  const { id } = await prisma.incident.create({
    data: {
      source: i.customerId ? 'ticket' : 'declared',
      customerId: i.customerId,
      severity: i.severity ?? 'S1',
      title: i.title ?? 'API returns 503',
      components: JSON.stringify(i.components ?? []),
      startedAt: i.startedAt,
      plan: JSON.stringify({ severity: i.severity ?? 'S1', steps: [] }),
      acknowledgedAt:
        i.acknowledgedAfterMinutes === undefined
          ? null
          : new Date(i.startedAt.getTime() + i.acknowledgedAfterMinutes * 60_000),
      resolvedAt:
        i.minutes === null || i.minutes === undefined ? null : new Date(i.startedAt.getTime() + i.minutes * 60_000),
      isUpstreamCause: i.isUpstreamCause ?? false,
      isCustomerCaused: i.isCustomerCaused ?? false,
    },
  });
  return id;
}
