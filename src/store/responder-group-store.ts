import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SavedGroups } from '../slack/responder-groups.ts';

/** The last successful lookup of each responder user group (once per group and 10 minutes: Prisma is fine). */
export function createResponderGroupStore(prisma: PrismaClient): SavedGroups {
  return {
    async load(): Promise<{ groupId: string; members: string[]; refreshedAt: Date }[]> {
      const rows = await prisma.responderGroup.findMany();
      return rows.map((r) => ({
        groupId: r.groupId,
        members: JSON.parse(r.members) as string[],
        refreshedAt: r.refreshedAt,
      }));
    },
    async save(group: { groupId: string; members: string[]; refreshedAt: Date }): Promise<void> {
      const data = { members: JSON.stringify(group.members), refreshedAt: group.refreshedAt };
      await prisma.responderGroup.upsert({
        where: { groupId: group.groupId },
        create: { groupId: group.groupId, ...data },
        update: data,
      });
    },
  };
}
