import { LogLevel, WebClient } from '@slack/web-api';
import { pino } from 'pino';
import type { TplusConfig } from '../config/schema.ts';
import { createResponderGroups, describeGroup } from '../slack/responder-groups.ts';

/**
 * doctor's lines for responder user groups: looked up now, as the bot does every 10 minutes. A
 * failed lookup is said as the bot says it in /healthz: it keeps the last list it had.
 */
export async function responderGroupLines(
  config: TplusConfig,
  env: { SLACK_BOT_TOKEN: string; SLACK_API_URL?: string | undefined },
): Promise<string[]> {
  const groups = createResponderGroups({
    config,
    client: new WebClient(env.SLACK_BOT_TOKEN, {
      ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      logLevel: LogLevel.ERROR,
    }),
    logger: pino({ level: 'silent' }),
  });
  groups.runEngineModule(new Date());
  await groups.idle();
  return groups.states().map((s) => {
    const d = describeGroup(s);
    return d.lookupFailed
      ? `responder group ${s.groupId}: lookup failed (${d.lookupFailed}); the running bot keeps the members it last looked up and /healthz says so`
      : `responder group ${s.groupId}: ${d.members} member(s) now (looked up again every 10 minutes and on subteam_members_changed)`;
  });
}
