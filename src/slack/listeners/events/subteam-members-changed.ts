import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';

/** A user group's members changed: the responder groups are looked up again at the next tick. */
export function registerSubteamMembersChanged(app: App, deps: ListenerDeps): void {
  app.event('subteam_members_changed', async ({ event }) => {
    if (deps.responderGroups?.isWatched(event.subteam_id)) {
      deps.responderGroups.requestRefresh();
      deps.onCommitted();
    }
  });
}
