import type { WebClient } from '@slack/web-api';
import type { TplusConfig } from './config/schema.ts';
import type { CustomerDirectory } from './domain/customer-directory.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { appHome } from './slack/views/app-home.ts';
import { responderIdsOf } from './slack/responder-groups.ts';
import { createHomeStore } from './store/home-store.ts';
import { homeModel, type HomeRole } from './usecases/app-home.ts';
import type { IncidentPolicy } from './usecases/incident-policy.ts';
import type { Clock } from './usecases/ports.ts';

/**
 * The App Home: a user's Home is published through the outbox when they open it and, for everyone
 * who has opened it, after changes (the engine module compares one stamp each tick, so a burst of
 * changes asks once a tick, and an untried request is never doubled). The view is rendered at
 * delivery, from the state then.
 */
export function buildAppHome({
  config,
  prisma,
  client,
  directory,
  incidentPolicy,
  clock,
}: {
  config: TplusConfig;
  prisma: PrismaClient;
  client: WebClient;
  directory: CustomerDirectory;
  incidentPolicy: IncidentPolicy;
  clock: Clock;
}) {
  const homes = createHomeStore(prisma);
  const responders = responderIdsOf(config);
  const rolesOf = (userId: string): HomeRole[] => [
    ...(responders.has(userId) ? (['responder'] as const) : []),
    ...(config.escalation.engineeringManagers.includes(userId) || config.escalation.vpEngineering === userId
      ? (['manager'] as const)
      : []),
    ...(directory.all().some((c) => c.successOwner === userId) ? (['success'] as const) : []),
  ];

  async function renderHome(userId: string): Promise<object> {
    const roles = rolesOf(userId);
    // Someone with no role here may be a Slack Connect member: Slack knows their team.
    const team = roles.length > 0 ? config.workspace.teamId : (await client.users.info({ user: userId })).user?.team_id;
    const isExternal = team !== config.workspace.teamId;
    const now = clock.now();
    const [data, onCall] = isExternal
      ? [{ tickets: [], incidents: [], followUps: [] }, { slackUserIds: [] }]
      : await Promise.all([homes.read(), incidentPolicy.onCall(now)]);
    return appHome(homeModel({ userId, isExternal, roles, data, directory, onCall: onCall.slackUserIds, now }));
  }

  let stamp: string | undefined;
  let viewers: Set<string> | undefined;
  return {
    renderHome,
    /** app_home_opened: publish this user's Home (and keep it current from now on). */
    async opened(userId: string): Promise<void> {
      viewers?.add(userId);
      await homes.request(userId, clock.now());
    },
    async runEngineModule(): Promise<number> {
      viewers ??= new Set(await homes.viewers());
      const now = await homes.stamp();
      if (now === stamp) return 0;
      const isFirst = stamp === undefined;
      stamp = now;
      if (isFirst) return 0;
      let asked = 0;
      for (const userId of viewers) if (await homes.request(userId, clock.now())) asked += 1;
      return asked;
    },
  };
}
