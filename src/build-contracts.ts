import { join, isAbsolute } from 'node:path';
import type { Logger } from 'pino';
import type { TplusConfig } from './config/schema.ts';
import { createMonthlyReportRenderer } from './documents/render-monthly-report.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createContractStore } from './store/contract-store.ts';
import { createCreditClaimStore } from './store/credit-claim-store.ts';
import { checkContractTriggers } from './usecases/check-contract-triggers.ts';
import type { ContractAccount, ContractPolicy } from './usecases/contract-policy.ts';
import type { Clock } from './usecases/ports.ts';
import { recordErrorBudgets } from './usecases/record-error-budgets.ts';
import { reportRoutes } from './web/report-routes.ts';

const MINUTE = 60_000;
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the config says about the contract, per customer in their own calendar's zone. */
export function buildContractPolicy(config: TplusConfig): ContractPolicy {
  const zoneOf = new Map(config.calendars.map((c) => [c.id, c.timeZone]));
  const accounts: ContractAccount[] = config.customers.map((c) => ({
    id: c.id,
    name: c.name,
    components: c.components,
    timeZone: zoneOf.get(c.calendar) ?? 'UTC',
    successOwner: c.successOwner,
    executiveContact: c.executiveContact,
    monthlyFee: c.monthlyFee,
  }));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const { contract } = config;
  return {
    account: (id) => byId.get(id),
    accounts: () => accounts,
    availabilityTarget: contract.availabilityTarget,
    downtimeWeights: contract.downtimeWeights,
    tiers: contract.credits,
    creditCapPercent: contract.creditCapPercent,
    claimWindowDays: contract.claimWindowDays,
    termination: contract.termination,
    maintenanceNoticeHours: config.statusPage.maintenanceNoticeHours,
    approvers: new Set(config.documents.approvers),
  };
}

/**
 * Contract tracking: stores, policy, the report renderer and routes, and the engine module that
 * fires termination triggers and writes error-budget lines once a minute of tplus time (both
 * read whole months; a second's precision buys nothing here).
 */
export function buildContracts({
  config,
  prisma,
  clock,
  logger,
  projectRoot,
  internalToken,
}: {
  config: TplusConfig;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  projectRoot: string;
  internalToken: string | undefined;
}) {
  const policy = buildContractPolicy(config);
  const store = createContractStore(prisma);
  const claims = createCreditClaimStore(prisma);
  const templatesDir = isAbsolute(config.documents.templatesDir)
    ? config.documents.templatesDir
    : join(projectRoot, config.documents.templatesDir);
  const renderReport = createMonthlyReportRenderer(templatesDir);
  let lastRunAt: number | undefined;
  const memo: { judgedAt?: string } = {};
  /** Resolves how many triggers and budget lines were written (the caller wakes delivery). */
  async function runEngineModule(): Promise<number> {
    const now = clock.now().getTime();
    if (lastRunAt !== undefined && now - lastRunAt < MINUTE) return 0;
    lastRunAt = now;
    const started = performance.now();
    const fired = await checkContractTriggers({ store, policy, clock, pace: yieldTurn, memo });
    if (fired > 0) logger.warn({ fired }, 'contract termination triggers fired');
    const lines = await recordErrorBudgets({ store, policy, clock, pace: yieldTurn });
    logger.debug({ fired, lines, ms: Math.round(performance.now() - started) }, 'contract check');
    return fired + lines;
  }
  const routes = reportRoutes({ token: internalToken, store, claims, policy, clock, render: renderReport, logger });
  return { policy, store, claims, renderReport, routes, runEngineModule };
}
export type Contracts = ReturnType<typeof buildContracts>;
