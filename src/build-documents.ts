import { resolve } from 'node:path';
import { responderIdsOf } from './slack/responder-groups.ts';
import type { Logger } from 'pino';
import type { TplusConfig } from './config/schema.ts';
import type { BusinessCalendar } from './domain/calendar/index.ts';
import type { CustomerDirectory } from './domain/customer-directory.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createDocumentRenderer } from './documents/render-document.ts';
import { createDocumentStore } from './store/document-store.ts';
import type { DocumentPolicy, FollowUpCustomer } from './usecases/document-policy.ts';
import type { IncidentStore } from './usecases/incident-ports.ts';
import type { Clock } from './usecases/ports.ts';
import type { StatusStore } from './usecases/status-ports.ts';
import { planIncidentFollowUps } from './usecases/plan-follow-ups.ts';
import { sendDeadlineReminders } from './usecases/send-deadline-reminders.ts';
import { documentRoutes } from './web/document-routes.ts';

/**
 * Composition of the post-incident half: documents (templates from `documents.templatesDir`,
 * resolved against the project root), follow-up deadlines and their reminders.
 */
export function buildDocuments({
  config,
  prisma,
  directory,
  calendars,
  incidents,
  statuses,
  clock,
  logger,
  projectRoot,
  internalToken,
}: {
  config: TplusConfig;
  prisma: PrismaClient;
  directory: CustomerDirectory;
  calendars: Map<string, BusinessCalendar>;
  incidents: IncidentStore;
  statuses: StatusStore;
  clock: Clock;
  logger: Logger;
  projectRoot: string;
  internalToken: string | undefined;
}) {
  const store = createDocumentStore(prisma);
  const render = createDocumentRenderer(resolve(projectRoot, config.documents.templatesDir));
  const componentNames = new Map(config.components.map((c) => [c.id, c.name]));
  const customers: FollowUpCustomer[] = config.customers.map((c) => ({
    ...(directory.byId(c.id) as NonNullable<ReturnType<CustomerDirectory['byId']>>),
    successManager: c.successManager,
    calendar: calendars.get(c.calendar) as BusinessCalendar,
  }));
  const policy: DocumentPolicy = {
    customers,
    ourTeamId: config.workspace.teamId,
    triageChannelId: config.triage.channelId,
    responderIds: responderIdsOf(config),
    approverIds: new Set(config.documents.approvers),
    engineeringManagers: config.escalation.engineeringManagers,
    terms: {
      ...config.contract.followUps,
      businessDay: config.contract.businessDay,
      deadlinesFrom: config.documents.deadlinesFrom,
    },
    severities: config.documents.followUpSeverities,
    internalTimeZone: config.statusPage.timeZone,
    componentName: (id) => componentNames.get(id) ?? id,
    render,
    async statusUpdates(incidentId) {
      const record = await statuses.byIncident(incidentId);
      return (record?.updates ?? [])
        .map((u) => ({ at: u.displayAt, status: u.status, body: u.body }))
        .sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
  return {
    store,
    policy,
    routes: documentRoutes({ token: internalToken, documents: store }),
    /**
     * Engine module: plans follow-ups of newly resolved incidents, then sends due reminders; the count of rows written.
     */
    async runEngineModule(): Promise<number> {
      const planned = await planIncidentFollowUps({ documents: store, policy, clock });
      const reminded = await sendDeadlineReminders({ documents: store, incidents, policy, clock });
      if (planned + reminded > 0) logger.debug({ planned, reminded }, 'follow-ups');
      return planned + reminded;
    },
  };
}
