import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { describeSecret } from '../config/env.ts';
import type { TplusConfig } from '../config/schema.ts';
import { buildPolicy } from '../config/build-policy.ts';
import { loadSeverityModel } from '../config/load-severity-model.ts';
import { loadRunbooks } from '../config/load-runbooks.ts';
import { describeCalendar, localDateOf } from '../domain/calendar/index.ts';
import { describeTarget, FIRST_RESPONSE_TARGETS } from '../domain/sla/index.ts';
import { responderGroupLines } from './responder-groups-check.ts';
import { databaseLine } from './database-check.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Why the Statuspage mirror is on or off: it needs both the key (env) and the page id (config). */
function statuspageMirror(config: TplusConfig, apiKey: string | undefined): string {
  const sp = config.statusPage.statuspage;
  if (!sp) return 'off (no statusPage.statuspage.pageId)';
  if (!apiKey) return `off (page ${sp.pageId} configured, STATUSPAGE_API_KEY not set)`;
  return `on: page ${sp.pageId}, ${Object.keys(sp.components).length} component(s) mapped, STATUSPAGE_API_KEY ${describeSecret(apiKey)}`;
}

/** `npm run doctor`: validates the config and environment and prints what it found, never a secret. */
async function doctor(env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const { env: parsed, config, configPath } = loadConfig(env);
    const severityModel = loadSeverityModel(join(projectRoot, parsed.TPLUS_SEVERITY_MODEL));
    const { calendars } = buildPolicy(config, severityModel);
    const runbooks = loadRunbooks(join(projectRoot, parsed.TPLUS_RUNBOOKS));
    const out = [
      `config: ${configPath} is valid`,
      `transport: ${parsed.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on port ${parsed.PORT}, POST /slack/events`}`,
      `SLACK_BOT_TOKEN: ${describeSecret(parsed.SLACK_BOT_TOKEN)}`,
      `SLACK_SIGNING_SECRET: ${describeSecret(parsed.SLACK_SIGNING_SECRET)}`,
      `SLACK_APP_TOKEN: ${describeSecret(parsed.SLACK_APP_TOKEN)}`,
      `SLACK_API_URL: ${parsed.SLACK_API_URL ?? 'Slack (default)'}`,
      `workspace: team ${config.workspace.teamId}, bot user ${config.workspace.botUserId}`,
      `triage channel: ${config.triage.channelId}; responders: ${config.responders.userIds.join(', ') || '(none)'}${[
        config.responders.usergroupId,
        ...config.responders.userGroups,
      ]
        .filter(Boolean)
        .map((g) => ` + group ${g}`)
        .join('')}`,
      'calendars:',
      // The CLI is the shell: it reads the clock, the domain is told the day to start from.
      ...[...calendars.values()].flatMap((c) => describeCalendar(c, localDateOf(Date.now(), c.timeZone))),
      'customers:',
      ...config.customers.map((c) => {
        const targets = (['S1', 'S2', 'S3', 'S4'] as const)
          .map((s) => `${s} ${describeTarget(FIRST_RESPONSE_TARGETS[c.tier][s])}`)
          .join('; ');
        return `  - ${c.id} (${c.name}): ${c.tier}, calendar ${c.calendar}, channels ${c.slack.channels.join(', ')}${c.slack.supportChannels.length ? `, support channels ${c.slack.supportChannels.join(', ')}` : ''}\n    first response: ${targets}`;
      }),
      `severity model: ${parsed.TPLUS_SEVERITY_MODEL} (${severityModel.features.length} features)`,
      'runbooks:',
      ...Object.values(runbooks).map(
        (r) =>
          `  - ${r.severity}: ${r.steps.map((s) => `T${s.at.after === 'start' ? '' : `(${s.at.after})`}+${s.at.minutes}${s.at.isBusinessTime ? ' business' : ''} ${s.id}`).join(', ')}`,
      ),
      `PagerDuty: PAGERDUTY_ROUTING_KEY ${describeSecret(parsed.PAGERDUTY_ROUTING_KEY)}, PAGERDUTY_API_TOKEN ${describeSecret(parsed.PAGERDUTY_API_TOKEN)}, PAGERDUTY_WEBHOOK_SECRET ${describeSecret(parsed.PAGERDUTY_WEBHOOK_SECRET)}; escalation policy ${config.pagerduty.escalationPolicyId ?? '(none)'}, roster ${config.pagerduty.roster.join(', ') || '(empty)'}`,
      `escalation: managers ${config.escalation.engineeringManagers.join(', ')}, VP ${config.escalation.vpEngineering}, senior engineers ${config.escalation.seniorEngineers.join(', ') || '(managers)'}; bridge ${config.incidents.bridgeUrl ?? '(none)'}`,
      `alerts: POST /alerts ${parsed.TPLUS_ALERTS_TOKEN ? 'on' : 'off (TPLUS_ALERTS_TOKEN not set)'}, ${config.alerts.rules.length} rule(s), default ${config.alerts.defaultSeverity}`,
      `status page: zone ${config.statusPage.timeZone}, maintenance notice ${config.statusPage.maintenanceNoticeHours} h; Statuspage mirror ${statuspageMirror(config, parsed.STATUSPAGE_API_KEY)}`,
      `public address: ${config.statusPage.publicUrl ?? `(statusPage.publicUrl not set: links and feeds say http://localhost:${parsed.PORT})`}; rate limit keyed on ${config.statusPage.trustProxy === 0 ? 'the connecting address' : `X-Forwarded-For behind ${JSON.stringify(config.statusPage.trustProxy)}`}; subscriber mail ${parsed.SMTP_URL ? 'on' : 'off (SMTP_URL not set)'}`,
    ];
    const database = await databaseLine(parsed.DATABASE_URL, projectRoot);
    out.splice(6, 0, database.line);
    out.push(...(await responderGroupLines(config, parsed)));
    process.stdout.write(`${out.join('\n')}\n`);
    if (database.error) {
      process.stderr.write(`tplus doctor: ${database.error}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await doctor(process.env);
