import type { App } from '@slack/bolt';
import { inboxOf, type ListenerDeps } from '../deps.ts';
import { handleInboundMessage } from './intake-from-message.ts';

const FILING_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function registerMessage(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, client, context }) => {
    const e = event as unknown as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      user_team?: string;
      source_team?: string;
      team?: string;
      channel: string;
      text?: string;
      ts: string;
      thread_ts?: string;
    };
    if (!FILING_SUBTYPES.has(e.subtype) || e.bot_id || !e.user) return;
    // A mention arrives twice (app_mention and message): the app_mention listener owns it.
    if (e.text?.includes(`<@${deps.botUserId}`)) return;
    await handleInboundMessage(deps, client, inboxOf(context), {
      channel: e.channel,
      user: e.user,
      userTeam: e.user_team ?? e.source_team ?? e.team,
      text: e.text ?? '',
      ts: e.ts,
      threadTs: e.thread_ts,
      isMention: false,
    });
  });
}
