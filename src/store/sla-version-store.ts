import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SlaChange, SlaContent, SlaVersion } from '../domain/sla-page/index.ts';
import type { SlaVersionStore } from '../usecases/sla-ports.ts';

interface SlaVersionRow {
  version: number;
  contentHash: string;
  content: string;
  diff: string;
  isWeakening: boolean;
  createdAt: Date;
  effectiveAt: Date;
}

function toVersion(row: SlaVersionRow): SlaVersion {
  return {
    version: row.version,
    contentHash: row.contentHash,
    content: JSON.parse(row.content) as SlaContent,
    diff: JSON.parse(row.diff) as SlaChange[],
    isWeakening: row.isWeakening,
    createdAt: row.createdAt,
    effectiveAt: row.effectiveAt,
  };
}

export function createSlaVersionStore(prisma: PrismaClient): SlaVersionStore {
  return {
    async list() {
      return (await prisma.slaVersion.findMany({ orderBy: { version: 'asc' } })).map(toVersion);
    },
    async get(version) {
      const row = await prisma.slaVersion.findUnique({ where: { version } });
      return row ? toVersion(row) : undefined;
    },
    async append(latestVersion, next) {
      try {
        const row = await prisma.slaVersion.create({
          data: {
            version: latestVersion + 1,
            contentHash: next.contentHash,
            content: JSON.stringify(next.content),
            diff: JSON.stringify(next.diff),
            isWeakening: next.isWeakening,
            createdAt: next.createdAt,
            effectiveAt: next.effectiveAt,
          },
        });
        return toVersion(row);
      } catch (error) {
        // The version number is the key: of two processes publishing at once, one insert wins.
        if ((error as { code?: string }).code === 'P2002') return undefined;
        throw error;
      }
    },
  };
}
