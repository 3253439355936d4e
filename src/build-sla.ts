import { join } from 'node:path';
import type { Logger } from 'pino';
import type { TplusConfig } from './config/schema.ts';
import type { Runbook } from './domain/runbook/index.ts';
import { SEVERITY_MEANING } from './domain/severity/index.ts';
import { buildSlaContent, type SlaContent } from './domain/sla-page/index.ts';
import { FIRST_RESPONSE_TARGETS } from './domain/sla/index.ts';
import type { Severity } from './domain/types.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createSlaVersionStore } from './store/sla-version-store.ts';
import { publishSlaVersion } from './usecases/publish-sla-version.ts';
import type { Clock } from './usecases/ports.ts';
import { slaRoutes } from './web/sla-routes.ts';
import { loadSlaTemplates } from './web/sla-templates.ts';

/** The SLA as generated from the running config and runbooks: what tplus enforces. */
export function slaContentFrom({
  config,
  runbooks,
}: {
  config: TplusConfig;
  runbooks: Record<Severity, Runbook>;
}): SlaContent {
  return buildSlaContent({
    contract: config.contract,
    followUpSeverities: config.documents.followUpSeverities,
    deadlinesFrom: config.documents.deadlinesFrom,
    statusPage: config.statusPage,
    responseTargets: FIRST_RESPONSE_TARGETS,
    severityMeaning: SEVERITY_MEANING,
    runbooks: { S1: runbooks.S1, S2: runbooks.S2 },
    components: config.components,
  });
}

/**
 * The SLA half of tplus: publishes a new version when the generated SLA changed since the last
 * start (before any request can read it), and returns the public routes that serve it.
 */
export async function buildSla({
  config,
  runbooks,
  prisma,
  clock,
  logger,
  projectRoot,
}: {
  config: TplusConfig;
  runbooks: Record<Severity, Runbook>;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  projectRoot: string;
}) {
  const versions = createSlaVersionStore(prisma);
  const published = await publishSlaVersion({ versions, content: slaContentFrom({ config, runbooks }), clock });
  if (published) {
    const fields = {
      version: published.version,
      effectiveAt: published.effectiveAt.toISOString(),
      changes: published.diff.map((c) => c.path),
    };
    // The operator who edited the config learns here that a weaker promise does not apply yet.
    if (published.isWeakening)
      logger.warn(
        fields,
        `SLA version ${published.version} weakens a commitment: it takes effect after the notice period, on ${fields.effectiveAt}`,
      );
    else logger.info(fields, `SLA version ${published.version} published, in effect now`);
  }
  const templates = loadSlaTemplates(join(projectRoot, 'templates/sla'));
  return {
    versions,
    published,
    routes: slaRoutes({ versions, templates, clock, timeZone: config.statusPage.timeZone }),
  };
}
