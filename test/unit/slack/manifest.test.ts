import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMAND, SHORTCUT } from '../../../src/slack/ids.ts';
import { helpText, VERBS } from '../../../src/slack/listeners/commands/tplus-command.ts';

const root = join(import.meta.dirname, '../../..');

/** The bot scope each Web API method needs (Slack's method pages); a method missing here fails the test. */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'pins.add': ['pins:write'],
  'conversations.create': ['channels:manage'],
  'conversations.invite': ['channels:manage'],
  'conversations.list': ['channels:read'],
  'conversations.open': ['im:write'],
  // Read back after an unclear answer, in a public or private shared channel or a DM.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  'users.info': ['users:read'],
  'usergroups.users.list': ['usergroups:read'],
  'views.open': [],
  'views.publish': [],
};

/** What `app.event(name)` subscribes to in the manifest, and the scope each subscription needs. */
const EVENT_SUBSCRIPTIONS: Record<string, Record<string, string[]>> = {
  app_mention: { app_mention: ['app_mentions:read'] },
  // Support channels are public or private shared channels.
  message: { 'message.channels': ['channels:history'], 'message.groups': ['groups:history'] },
  app_home_opened: { app_home_opened: [] },
  subteam_members_changed: { subteam_members_changed: ['usergroups:read'] },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sandbox' || name === 'generated' ? [] : sources(path);
    return path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

const code = sources(join(root, 'src')).join('\n');
const all = (re: RegExp) => [...new Set([...code.matchAll(re)].map((m) => m[1] as string))].sort();
const manifest = parse(readFileSync(join(root, 'manifest.yaml'), 'utf8')) as {
  features: {
    slash_commands: { command: string; usage_hint: string }[];
    shortcuts: { callback_id: string; type: string }[];
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};

describe('manifest.yaml against the code', () => {
  const methods = all(/client\.([a-z]+\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g);
  const events = all(/app\.event\(\s*'([a-z_]+)'/g);

  it('finds the calls and listeners it checks', () => {
    expect(methods).toContain('chat.postMessage');
    expect(events).toContain('app_mention');
  });

  it('subscribes to every event a listener handles, and to nothing else', () => {
    for (const event of events) expect(EVENT_SUBSCRIPTIONS, `event ${event}`).toHaveProperty([event]);
    const expected = events.flatMap((e) => Object.keys(EVENT_SUBSCRIPTIONS[e]!)).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
  });

  it('asks for exactly the scopes the Web API calls, events, command and shortcuts need', () => {
    for (const method of methods) expect(METHOD_SCOPES, `scope of ${method}`).toHaveProperty([method]);
    const needed = new Set([
      ...methods.flatMap((m) => METHOD_SCOPES[m]!),
      ...events.flatMap((e) => Object.values(EVENT_SUBSCRIPTIONS[e]!).flat()),
      'commands',
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares the slash command with every verb in its usage hint, and the message shortcuts the code handles', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
    const hint = manifest.features.slash_commands[0]!.usage_hint;
    expect(hint.split(' | ').map((part) => part.split(' ')[0])).toEqual(Object.keys(VERBS));
    const handled = all(/app\.shortcut(?:<\w+>)?\(\s*SHORTCUT\.(\w+)/g).map(
      (name) => SHORTCUT[name as keyof typeof SHORTCUT],
    );
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(handled.sort());
    expect(Object.values(SHORTCUT).sort()).toEqual(handled.sort());
  });

  it('enables the Home tab exactly when the code listens for app_home_opened', () => {
    expect(manifest.features.app_home?.home_tab_enabled === true).toBe(events.includes('app_home_opened'));
  });

  it('lists every verb in /tplus help', () => {
    const help = helpText();
    for (const verb of Object.keys(VERBS)) expect(help).toContain(`\`/tplus ${verb}`);
  });
});
