import { join } from 'node:path';
import { responderIdsOf } from './slack/responder-groups.ts';
import type { Logger } from 'pino';
import type { TplusEnv } from './config/env.ts';
import type { TplusConfig } from './config/schema.ts';
import { loadRunbooks } from './config/load-runbooks.ts';
import { addBusinessMinutes, type BusinessCalendar } from './domain/calendar/index.ts';
import type { CustomerDirectory } from './domain/customer-directory.ts';
import { createOnCallLookup, createPagerDutyEvents, parsePagerDutyWebhook } from './pagerduty/index.ts';
import { createIncidentStore } from './store/incident-store.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { applyPagerDutyEvent } from './usecases/apply-pagerduty-event.ts';
import { parseAlerts } from './alerts/parse-alerts.ts';
import { openIncidentsFromAlerts } from './usecases/open-incidents-from-alerts.ts';
import type { IncidentPolicy, OnCall } from './usecases/incident-policy.ts';
import { buildStatusPolicy } from './build-status.ts';
import type { Clock, InboxEntry, TicketStore } from './usecases/ports.ts';

/** The incident half of tplus: runbooks, the incident store, PagerDuty clients and the policy. */
export function buildIncidents({
  env,
  config,
  prisma,
  tickets,
  directory,
  calendars,
  clock,
  logger,
  projectRoot,
}: {
  env: TplusEnv;
  config: TplusConfig;
  prisma: PrismaClient;
  tickets: TicketStore;
  directory: CustomerDirectory;
  calendars: Map<string, BusinessCalendar>;
  clock: Clock;
  logger: Logger;
  projectRoot: string;
}) {
  const runbooks = loadRunbooks(join(projectRoot, env.TPLUS_RUNBOOKS));
  const incidents = createIncidentStore(prisma);
  const pager = env.PAGERDUTY_ROUTING_KEY
    ? createPagerDutyEvents({
        routingKey: env.PAGERDUTY_ROUTING_KEY,
        ...(env.PAGERDUTY_EVENTS_URL ? { eventsUrl: env.PAGERDUTY_EVENTS_URL } : {}),
      })
    : undefined;
  const lookup =
    env.PAGERDUTY_API_TOKEN && config.pagerduty.escalationPolicyId
      ? createOnCallLookup({
          apiToken: env.PAGERDUTY_API_TOKEN,
          escalationPolicyId: config.pagerduty.escalationPolicyId,
          ...(env.PAGERDUTY_API_URL ? { apiUrl: env.PAGERDUTY_API_URL } : {}),
        })
      : undefined;
  const roster = (note: string): OnCall => ({ slackUserIds: config.pagerduty.roster, source: 'roster', note });

  async function onCall(now: Date): Promise<OnCall> {
    if (!lookup) return roster('no PagerDuty API token or escalation policy configured');
    try {
      const { users } = await lookup.current(now);
      const mapped = users.map((u) => config.pagerduty.slackUsers[u.id]).filter((id): id is string => id !== undefined);
      if (mapped.length > 0) return { slackUserIds: [...new Set(mapped)], source: 'pagerduty' };
      return roster(
        `PagerDuty named ${users.map((u) => u.name).join(', ') || 'nobody'}, with no Slack user mapped in pagerduty.slackUsers`,
      );
    } catch (error) {
      logger.warn({ err: error }, 'on-call lookup failed; using the configured roster');
      return roster((error as Error).message);
    }
  }

  const componentNames = new Map(config.components.map((c) => [c.id, c.name]));
  const policy: IncidentPolicy = {
    runbooks,
    directory,
    triageChannelId: config.triage.channelId,
    responderIds: responderIdsOf(config),
    contacts: config.escalation,
    bridgeUrl: config.incidents.bridgeUrl,
    upstreamProviders: config.incidents.upstreamProviders,
    componentName: (id) => componentNames.get(id) ?? id,
    addBusinessMinutesFor: (customerId) => {
      const calendar = customerId ? calendars.get(directory.byId(customerId)?.calendarId ?? '') : undefined;
      return calendar ? (from, minutes) => addBusinessMinutes(calendar, from, minutes) : undefined;
    },
    onCall,
    // The tick is one wall second; at a sandbox time scale that is `scale` seconds of tplus time.
    lateAfterMs: Math.max(5000, 2000 * (env.TPLUS_TIME_SCALE ?? 1)),
    status: buildStatusPolicy({ env, config, directory }),
  };

  /** Processes a PagerDuty webhook from the inbox. */
  async function handlePagerDutyEntry(entry: InboxEntry): Promise<void> {
    const event = parsePagerDutyWebhook(entry.body);
    const outcome = await applyPagerDutyEvent({
      incidents,
      tickets,
      policy,
      clock,
      inboxId: entry.id,
      change: {
        eventType: event.eventType,
        occurredAt: event.occurredAt,
        ...(event.incidentKey ? { incidentKey: event.incidentKey } : {}),
        ...(event.agentSummary ? { agentSummary: event.agentSummary } : {}),
      },
    });
    logger.info({ inboxId: entry.id, eventType: event.eventType, outcome }, 'PagerDuty webhook applied');
  }

  /** Processes a monitoring alert request from the inbox. */
  async function handleAlertsEntry(entry: InboxEntry): Promise<void> {
    const alerts = parseAlerts(JSON.parse(entry.body));
    const outcomes = await openIncidentsFromAlerts({
      incidents,
      policy,
      clock,
      alerts,
      rules: config.alerts.rules,
      fallback: config.alerts.defaultSeverity,
    });
    logger.info({ inboxId: entry.id, outcomes }, 'alerts applied');
  }

  return { runbooks, incidents, pager, policy, handlePagerDutyEntry, handleAlertsEntry };
}
