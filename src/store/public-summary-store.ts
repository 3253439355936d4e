import type { PrismaClient } from '../generated/prisma/client.ts';
import type { FollowUpKind } from '../domain/follow-ups/index.ts';
import { publicSummarySections } from '../domain/documents/public-summary.ts';
import type { PublicSummaryStore } from '../usecases/public-summary-ports.ts';

export function createPublicSummaryStore({ prisma }: { prisma: PrismaClient }): PublicSummaryStore {
  return {
    async document(id) {
      const row = await prisma.document.findUnique({
        where: { id },
        select: { kind: true, state: true, sections: true, publishedAt: true },
      });
      return row
        ? {
            kind: row.kind as FollowUpKind,
            state: row.state,
            sections: JSON.parse(row.sections) as Record<string, string>,
            publishedAt: row.publishedAt,
          }
        : undefined;
    },
    async markPublished(id, at) {
      await prisma.document.updateMany({ where: { id, publishedAt: null }, data: { publishedAt: at } });
      const row = await prisma.document.findUniqueOrThrow({ where: { id }, select: { publishedAt: true } });
      return row.publishedAt ?? at;
    },
    async latestFor(incidentId) {
      const row = await prisma.document.findFirst({
        where: { incidentId, publishedAt: { not: null }, kind: { in: ['postmortem', 'rca'] } },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      });
      if (!row?.publishedAt) return undefined;
      // Checked again as it is now: an edit after publishing is shown only if it is still public.
      const checked = publicSummarySections({ ...row, sections: JSON.parse(row.sections) as Record<string, string> });
      return checked.ok ? { kind: checked.kind, sections: checked.sections, publishedAt: row.publishedAt } : undefined;
    },
  };
}
