import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';

/** Opening the Home tab publishes it (through the outbox, rendered at delivery). */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home' || !deps.home) return;
    await deps.home.opened(event.user);
    deps.onCommitted();
  });
}
