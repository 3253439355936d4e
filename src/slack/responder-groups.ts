import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { TplusConfig } from '../config/schema.ts';

/** One group's last lookup: members from the last success, and the error of the last attempt if it failed. */
export interface GroupState {
  groupId: string;
  members: string[];
  refreshedAt: Date | undefined;
  error: string | undefined;
}

/** The last successful lookups, kept in the database (store/responder-group-store.ts). */
export interface SavedGroups {
  load(): Promise<{ groupId: string; members: string[]; refreshedAt: Date }[]>;
  save(group: { groupId: string; members: string[]; refreshedAt: Date }): Promise<void>;
}

const sets = new WeakMap<TplusConfig, Set<string>>();

/**
 * The responders as one live set shared by every policy built from this config: the configured
 * user ids plus the members of `responders.userGroups` as last looked up (changed in place).
 */
export function responderIdsOf(config: TplusConfig): Set<string> {
  let set = sets.get(config);
  if (!set) {
    set = new Set(config.responders.userIds);
    sets.set(config, set);
  }
  return set;
}

export const GROUP_REFRESH_MS = 10 * 60_000;

/**
 * Looks the user groups up with `usergroups.users.list`; a failed lookup keeps the group's last
 * known members (and says so through `states()`, which /healthz and doctor print).
 */
export function createResponderGroups({
  config,
  client,
  logger,
  saved,
}: {
  config: TplusConfig;
  client: WebClient;
  logger: Logger;
  /** Where the last lookups are kept, so a restart while Slack is unreachable keeps them too. */
  saved?: SavedGroups;
}) {
  const groups = [
    ...new Set([
      ...config.responders.userGroups,
      ...(config.responders.usergroupId ? [config.responders.usergroupId] : []),
    ]),
  ];
  const states = new Map<string, GroupState>(
    groups.map((groupId) => [groupId, { groupId, members: [], refreshedAt: undefined, error: undefined }]),
  );
  const ids = responderIdsOf(config);
  let lastRunAt = 0;
  let isRequested = true;
  let running: Promise<void> | undefined;

  let isLoaded = saved === undefined;
  async function refresh(now: Date): Promise<void> {
    lastRunAt = now.getTime();
    isRequested = false;
    if (!isLoaded) {
      for (const row of await saved!.load()) {
        const state = states.get(row.groupId);
        if (state) Object.assign(state, { members: row.members, refreshedAt: row.refreshedAt });
      }
      isLoaded = true;
    }
    for (const state of states.values()) {
      try {
        const response = await client.usergroups.users.list({ usergroup: state.groupId });
        state.members = (response.users ?? []).filter((u): u is string => typeof u === 'string');
        state.refreshedAt = now;
        state.error = undefined;
        await saved?.save({ groupId: state.groupId, members: state.members, refreshedAt: now });
      } catch (error) {
        const e = error as { data?: { error?: string }; message?: string };
        state.error = e.data?.error ?? e.message ?? String(error);
        logger.warn({ group: state.groupId, error: state.error }, 'user group lookup failed; keeping the last list');
      }
    }
    ids.clear();
    for (const id of config.responders.userIds) ids.add(id);
    for (const state of states.values()) for (const id of state.members) ids.add(id);
  }

  return {
    isWatched: (groupId: string): boolean => states.has(groupId),
    /** A group changed (subteam_members_changed): look again at the next tick. */
    requestRefresh(): void {
      isRequested = true;
    },
    /**
     * The engine module: every 10 minutes, or at once when asked. The lookup runs beside the tick,
     * so a slow Slack never holds the engine up.
     */
    runEngineModule(now: Date): void {
      if (groups.length === 0 || running) return;
      if (!isRequested && now.getTime() - lastRunAt < GROUP_REFRESH_MS) return;
      running = refresh(now)
        .catch((error: unknown) => logger.error({ err: error }, 'user group refresh failed'))
        .finally(() => (running = undefined));
    },
    /** Resolves when no lookup is under way (tests). */
    idle: async (): Promise<void> => {
      await running;
    },
    states: (): GroupState[] => [...states.values()].map((s) => ({ ...s, members: [...s.members] })),
  };
}

/** For /healthz and doctor: the members known, and whether the last lookup failed (the list is then kept). */
export function describeGroup(s: GroupState) {
  return {
    group: s.groupId,
    members: s.members.length,
    refreshedAt: s.refreshedAt?.toISOString() ?? null,
    ...(s.error
      ? {
          lookupFailed: s.error,
          note: s.refreshedAt ? 'keeping the last known members' : 'no members known yet: only responders.userIds',
        }
      : {}),
  };
}

export type ResponderGroups = ReturnType<typeof createResponderGroups>;
