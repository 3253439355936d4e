import { join } from 'node:path';
import { createResponderGroups, responderIdsOf } from './slack/responder-groups.ts';
import { App, LogLevel } from '@slack/bolt';
import { createDeliveryClient } from './slack/delivery-client.ts';
import type { Logger } from 'pino';
import { replicaIdOf, type TplusEnv } from './config/env.ts';
import type { TplusConfig } from './config/schema.ts';
import { buildPolicy } from './config/build-policy.ts';
import { loadSeverityModel } from './config/load-severity-model.ts';
import { SEVERITY_MEANING } from './domain/severity/index.ts';
import { describeTarget, FIRST_RESPONSE_TARGETS, formatInstantForReader } from './domain/sla/index.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import { engineModules } from './build-engine-modules.ts';
import { createDeliveryLoop } from './engine/delivery-loop.ts';
import { createOutboxDispatcher, type DispatcherOptions } from './engine/outbox-dispatcher.ts';
import { createMessageRenderer } from './slack/render-message.ts';
import { loadIncidentSummary } from './usecases/incident-summary.ts';
import { buildAppHome } from './build-app-home.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { InboxIntake } from './slack/receiver/inbox-intake.ts';
import { TplusHttpReceiver, type Route } from './slack/receiver/http-receiver.ts';
import { TplusSocketReceiver } from './slack/receiver/socket-receiver.ts';
import { openDatabase } from './store/database.ts';
import { createInboxStore } from './store/inbox-store.ts';
import { createOutboxStore } from './store/outbox-store.ts';
import { createTicketStore } from './store/ticket-store.ts';
import { createStatusStore } from './store/status-store.ts';
import { createResponderGroupStore } from './store/responder-group-store.ts';
import { createRouteServer } from './web/route-server.ts';
import type { Clock } from './usecases/ports.ts';
import { healthRoute } from './web/health-route.ts';
import { pagerDutyWebhookRoute } from './web/pagerduty-webhook-route.ts';
import { alertsRoute } from './web/alerts-route.ts';
import { rateLimited } from './web/rate-limit.ts';
import { createMetrics } from './web/metrics-route.ts';
import { createMetricsStore } from './store/metrics-store.ts';
import { buildIncidents } from './build-incidents.ts';
import { buildStatusPolicy, buildStatuspageClient } from './build-status.ts';
import { buildPublicSite } from './build-public-site.ts';
import { buildSla } from './build-sla.ts';
import { buildContracts } from './build-contracts.ts';
import { buildDocuments } from './build-documents.ts';
import { recomputeDueTimesAtStart } from './build-due-times.ts';

/** Runbook steps claimed per tick; a full batch asks for another tick straight away. */
export interface TplusOptions {
  env: TplusEnv;
  config: TplusConfig;
  clock: Clock;
  logger: Logger;
  projectRoot: string;
  dispatcher?: DispatcherOptions;
}

/** Builds every part of tplus and wires them; nothing starts until `start()`. */
export async function buildTplus({
  env,
  config,
  clock,
  logger,
  projectRoot,
  dispatcher: dispatcherOptions,
}: TplusOptions) {
  const severityModel = loadSeverityModel(join(projectRoot, env.TPLUS_SEVERITY_MODEL));
  const { directory, calendars, policy } = buildPolicy(config, severityModel);
  const replica = replicaIdOf(env);
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    migrationsDir: join(projectRoot, 'prisma/migrations'),
    poolSize: env.DATABASE_POOL_SIZE,
    onError: (error) => logger.warn({ err: error }, 'database error survived; reconnecting or retrying'),
  });
  if (db.migrated.length > 0) logger.info({ migrations: db.migrated, database: db.kind }, 'database migrated');
  const inbox = createInboxStore(db);
  const tickets = createTicketStore(db.prisma);
  const outbox = createOutboxStore(db.prisma);
  const status = createStatusStore(db);
  const {
    runbooks,
    incidents,
    pager,
    policy: incidentPolicy,
    handlePagerDutyEntry,
    handleAlertsEntry,
  } = buildIncidents({ env, config, prisma: db.prisma, tickets, directory, calendars, clock, logger, projectRoot });
  const sla = await buildSla({ config, runbooks, prisma: db.prisma, clock, logger, projectRoot });
  const contracts = buildContracts({
    config,
    prisma: db.prisma,
    clock,
    logger,
    projectRoot,
    internalToken: env.TPLUS_INTERNAL_TOKEN,
  });
  const documents = buildDocuments({
    config,
    prisma: db.prisma,
    directory,
    calendars,
    incidents,
    statuses: status,
    clock,
    logger,
    projectRoot,
    internalToken: env.TPLUS_INTERNAL_TOKEN,
  });
  // Before the engine's first tick, so no reminder or breach fires on a due time the new terms moved.
  await recomputeDueTimesAtStart({ config, prisma: db.prisma, policy: documents.policy, clock, logger });
  const slackApiUrl = env.SLACK_API_URL;
  const deliveryClient = createDeliveryClient({ token: env.SLACK_BOT_TOKEN, apiUrl: slackApiUrl });
  const timeZoneOf = (customerId: string) =>
    calendars.get(directory.byId(customerId)?.calendarId ?? '')?.timeZone ?? 'UTC';
  const publicUrl = (config.statusPage.publicUrl ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const render = createMessageRenderer({
    tickets,
    incidents,
    componentName: incidentPolicy.componentName,
    directory,
    timeZoneOf,
    meaning: (s) => SEVERITY_MEANING[s],
    formatInstant: formatInstantForReader,
    targetText: (tier, s) => describeTarget(FIRST_RESPONSE_TARGETS[tier][s]),
    summaryOf: (id) =>
      loadIncidentSummary({ incidents, statuses: status, policy: incidentPolicy, statusPageUrl: publicUrl }, id),
  });
  const statuspage = buildStatuspageClient(env);
  const publicSite = buildPublicSite({ env, config, status, prisma: db.prisma, clock, projectRoot });
  const statusPolicy = buildStatusPolicy({ env, config, directory });
  const home = buildAppHome({ config, prisma: db.prisma, client: deliveryClient, directory, incidentPolicy, clock });
  const dispatcher = createOutboxDispatcher({
    outbox,
    clock,
    logger,
    deliverers: {
      client: deliveryClient,
      tickets,
      render,
      incidents,
      botUserId: config.workspace.botUserId,
      ...(pager ? { pager } : {}),
      ...(statuspage ? { statuspage } : {}),
      subscriptions: publicSite.subscriptions,
      renderHome: home.renderHome,
    },
    options: dispatcherOptions,
  });
  const intake = new InboxIntake({
    inbox,
    clock,
    logger,
    isProcessingHeld: env.TPLUS_SANDBOX_HOLD_INBOX === '1',
    owner: replica,
    handlers: { pagerduty: handlePagerDutyEntry, alerts: handleAlertsEntry },
  });
  const delivery = createDeliveryLoop({ dispatcher, intake, logger });

  const saved = createResponderGroupStore(db.prisma);
  const responderGroups = createResponderGroups({ config, client: deliveryClient, logger, saved });
  const { modules, audit } = engineModules({
    intake,
    incidents,
    incidentPolicy,
    tickets,
    status,
    statusPolicy,
    outbox,
    contracts,
    documents,
    clock,
    logger,
    delivery,
    tickAgain: () => void engine.tick(),
    exclusiveLock: db.exclusiveLock,
    responderGroups,
    appHome: home,
  });
  let observeTick: (ms: number) => void = () => {};
  const engine: Engine = createEngine({
    logger,
    onTick: (ms) => observeTick(ms),
    modules,
  });
  const metrics = createMetrics({ store: createMetricsStore(db.read), engine, audit, replica });
  observeTick = metrics.observeTick;
  const routes: Route[] = [
    healthRoute({ engine, inbox, outbox, audit, responderGroups, replica, database: db }),
    metrics.route,
    pagerDutyWebhookRoute({
      secret: env.PAGERDUTY_WEBHOOK_SECRET,
      inbox,
      clock,
      logger,
      onCommitted: () => intake.kick(),
    }),
    alertsRoute({ token: env.TPLUS_ALERTS_TOKEN, inbox, clock, logger, onCommitted: () => intake.kick() }),
    ...contracts.routes,
    ...documents.routes,
  ];
  // Public pages and APIs (no login): rate limited per client.
  const publicRoutes: Route[] = [...sla.routes, ...publicSite.routes];
  routes.push(
    ...rateLimited(publicRoutes, { ...config.statusPage.rateLimit, trustProxy: config.statusPage.trustProxy }),
  );
  const receiver = env.SLACK_APP_TOKEN
    ? new TplusSocketReceiver({ intake, appToken: env.SLACK_APP_TOKEN, slackApiUrl, logger })
    : new TplusHttpReceiver({ intake, signingSecret: env.SLACK_SIGNING_SECRET as string, logger, routes });
  // In Socket Mode Slack needs no HTTP endpoint, but the status page and webhooks still do.
  const routeServer = receiver instanceof TplusHttpReceiver ? undefined : createRouteServer({ routes, logger });
  const app = new App({
    receiver,
    token: env.SLACK_BOT_TOKEN,
    // Known bot ids: Bolt does not call auth.test, so an unreachable Web API cannot stall intake.
    botId: config.workspace.botId,
    botUserId: config.workspace.botUserId,
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    },
    logLevel: LogLevel.WARN,
    extendedErrorHandler: true,
  });
  app.error(async (args) => {
    const { error, body } = args as unknown as { error: Error; body?: { type?: string } };
    logger.error({ err: error, type: body?.type }, 'listener failed; the inbox entry stays pending for a retry');
    throw error;
  });
  registerListeners(app, {
    tickets,
    clock,
    policy,
    directory,
    logger,
    incidents,
    incidentPolicy,
    statuses: status,
    statusPolicy,
    responderIds: responderIdsOf(config),
    botUserId: config.workspace.botUserId,
    components: config.components.map(({ id, name }) => ({ id, name })),
    meaning: (s) => SEVERITY_MEANING[s],
    onCommitted: () => delivery.kick(),
    contracts: { store: contracts.store, claims: contracts.claims, policy: contracts.policy },
    documents: { store: documents.store, policy: documents.policy },
    responderGroups,
    home,
  });
  intake.onProcessed = () => delivery.kick();

  return {
    app,
    receiver,
    intake,
    engine,
    responderGroups,
    db,
    tickets,
    inbox,
    outbox,
    status,
    dispatcher,
    delivery,
    directory,
    policy,
    incidents,
    incidentPolicy,
    contracts,
    documents,
    async start(port = env.PORT): Promise<number> {
      if (receiver instanceof TplusHttpReceiver) await receiver.start(port);
      else await receiver.start();
      const routesPort = await routeServer?.start(port);
      engine.start();
      return receiver instanceof TplusHttpReceiver ? receiver.port : (routesPort ?? 0);
    },
    async stop(): Promise<void> {
      await receiver.stop();
      await routeServer?.stop();
      await engine.stop();
      intake.halt();
      delivery.stop();
      await intake.idle();
      await delivery.idle();
      await db.close();
    },
  };
}
export type Tplus = Awaited<ReturnType<typeof buildTplus>>;
