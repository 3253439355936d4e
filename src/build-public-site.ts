import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { TplusEnv } from './config/env.ts';
import type { TplusConfig } from './config/schema.ts';
import type { SubscriberDeliverers, Mailer } from './engine/subscriber-delivery.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import type { Route } from './slack/receiver/http-receiver.ts';
import { createStatusPageRenderer } from './status/render-page.ts';
import { createStatusSite } from './status/status-site.ts';
import { createPublicSummaryStore } from './store/public-summary-store.ts';
import { createSubscriberStore } from './store/subscriber-store.ts';
import type { Clock } from './usecases/ports.ts';
import type { StatusStore } from './usecases/status-ports.ts';
import { publicSummaryRoute } from './web/public-summary-route.ts';
import { statusRoutes } from './web/status-routes.ts';
import { subscriptionRoutes } from './web/subscription-routes.ts';

/** Nodemailer over SMTP_URL (smtp:// or smtps://, credentials in the URL). */
function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/**
 * The public face beside the SLA: the status page, its history, feeds and JSON, the
 * subscription routes, and what the outbox needs to deliver subscribers' mail and webhooks.
 */
export function buildPublicSite({
  env,
  config,
  status,
  prisma,
  clock,
  projectRoot,
}: {
  env: TplusEnv;
  config: TplusConfig;
  status: StatusStore;
  prisma: PrismaClient;
  clock: Clock;
  projectRoot: string;
}): { routes: Route[]; subscriptions: SubscriberDeliverers } {
  const sp = config.statusPage;
  const templatesDir = join(projectRoot, 'templates/status');
  const url = (sp.publicUrl ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const summaries = createPublicSummaryStore({ prisma });
  const site = createStatusSite({
    store: status,
    clock,
    components: config.components,
    templatesDir,
    summaries,
    settings: {
      title: sp.title,
      timeZone: sp.timeZone,
      url,
      weights: { partialOutage: sp.partialOutageWeight, degradedPerformance: sp.degradedPerformanceWeight },
    },
  });
  const subscribers = createSubscriberStore({ prisma });
  const routes = [
    ...statusRoutes(site),
    publicSummaryRoute({ token: env.TPLUS_INTERNAL_TOKEN, store: summaries, clock }),
    ...subscriptionRoutes({
      store: subscribers,
      clock,
      render: createStatusPageRenderer(templatesDir),
      site: { title: sp.title, timeZone: sp.timeZone, url },
      componentIds: config.components.map((c) => c.id),
      allowLoopbackHttp: env.TPLUS_WEBHOOK_ALLOW_LOOPBACK === '1',
    }),
  ];
  const subscriptions: SubscriberDeliverers = {
    subscribers,
    statuses: status,
    site: { title: sp.title, url, componentNames: new Map(config.components.map((c) => [c.id, c.name])) },
    ...(env.SMTP_URL ? { mailer: smtpMailer(env.SMTP_URL, sp.subscriptions.from) } : {}),
    webhookFailureLimit: sp.subscriptions.webhookFailureLimit,
    now: () => clock.now(),
  };
  return { routes, subscriptions };
}
