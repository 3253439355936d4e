import type { App } from '@slack/bolt';
import { inboxOf, type ListenerDeps } from '../deps.ts';
import { handleInboundMessage } from './intake-from-message.ts';

export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, client, context }) => {
    const e = event as typeof event & { user_team?: string; source_team?: string; team?: string };
    if (!e.user) return;
    await handleInboundMessage(deps, client, inboxOf(context), {
      channel: e.channel,
      user: e.user,
      userTeam: e.user_team ?? e.source_team ?? e.team,
      text: e.text,
      ts: e.ts,
      threadTs: e.thread_ts,
      isMention: true,
    });
  });
}
