import type { Logger } from 'pino';
import type { TplusConfig } from './config/schema.ts';
import type { DueTimeTerms } from './domain/due-times/index.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createDueTimeStore } from './store/due-time-store.ts';
import type { DocumentPolicy } from './usecases/document-policy.ts';
import type { Clock } from './usecases/ports.ts';
import { recomputeDueTimes } from './usecases/recompute-due-times.ts';

/** What due times are computed under, from the config. */
export function dueTimeTermsOf(config: TplusConfig): DueTimeTerms {
  return {
    calendars: Object.fromEntries(config.calendars.map((c) => [c.id, c])),
    customerCalendars: Object.fromEntries(config.customers.map((c) => [c.id, c.calendar])),
    businessDay: config.contract.businessDay,
    deadlinesFrom: config.documents.deadlinesFrom,
    followUps: config.contract.followUps,
  };
}

/** At start, before the engine runs: recomputes open due times when the terms changed since the last start. */
export async function recomputeDueTimesAtStart({
  config,
  prisma,
  policy,
  clock,
  logger,
}: {
  config: TplusConfig;
  prisma: PrismaClient;
  policy: DocumentPolicy;
  clock: Clock;
  logger: Logger;
}): Promise<void> {
  const outcome = await recomputeDueTimes({
    store: createDueTimeStore(prisma),
    terms: dueTimeTermsOf(config),
    policy,
    clock,
  });
  if (outcome && outcome.changes.length > 0)
    logger.info(
      outcome,
      `Due-time terms changed (${outcome.changes.join('; ')}): ${outcome.moved} due time(s) moved, ${outcome.kept} kept`,
    );
}
