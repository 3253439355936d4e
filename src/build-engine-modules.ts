import type { Logger } from 'pino';
import type { EngineModule } from './engine/engine.ts';
import type { InboxIntake } from './slack/receiver/inbox-intake.ts';
import { advanceMaintenances } from './usecases/advance-maintenances.ts';
import { auditEngine, type AuditFindings } from './usecases/audit-engine.ts';
import type { IncidentStore } from './usecases/incident-ports.ts';
import type { IncidentPolicy } from './usecases/incident-policy.ts';
import { markSlaBreaches } from './usecases/mark-sla-breaches.ts';
import type { Clock, OutboxStore, TicketStore } from './usecases/ports.ts';
import { runDueSteps } from './usecases/run-due-steps.ts';
import { remindStaleStatus } from './usecases/remind-stale-status.ts';
import { syncIncidents } from './usecases/sync-incidents.ts';

const STEP_BATCH = 200;

/**
 * The engine's modules in their fixed order (see docs/architecture.md), and the auditor's totals
 * that /healthz and /metrics report. Each module asks for delivery when it wrote outbox rows.
 */
export function engineModules({
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
  tickAgain,
  exclusiveLock = { holds: async () => true },
  responderGroups,
  appHome,
}: {
  intake: InboxIntake;
  incidents: IncidentStore;
  incidentPolicy: IncidentPolicy;
  tickets: TicketStore;
  status: Parameters<typeof advanceMaintenances>[0]['statuses'];
  statusPolicy: Parameters<typeof advanceMaintenances>[0]['policy'];
  outbox: OutboxStore;
  contracts: { runEngineModule(): Promise<number> };
  documents: { runEngineModule(): Promise<number> };
  clock: Clock;
  logger: Logger;
  delivery: { kick(): void };
  /** A full batch of steps means more are due: the next tick follows at once. */
  tickAgain: () => void;
  /** The once-a-minute checks (auditor, contract) run where this lock is held: one replica. */
  exclusiveLock?: { holds(): Promise<boolean> };
  /** Looks responder user groups up again when due (every 10 min, or after subteam_members_changed). */
  responderGroups?: { runEngineModule(now: Date): void };
  /** Keeps opened App Homes current: asks for a publish when something they show changed. */
  appHome?: { runEngineModule(): Promise<number> };
}): { modules: EngineModule[]; audit: { lastRunAt: Date | undefined; totals: AuditFindings } } {
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  // The auditor runs once a minute of tplus time; its totals are reported by /healthz.
  const audit = {
    lastRunAt: undefined as Date | undefined,
    totals: { overdueSteps: 0, stuckOutbox: 0, pageFallbacks: 0 } as AuditFindings,
  };
  async function runAuditor(): Promise<void> {
    if (!(await exclusiveLock.holds())) return;
    const now = clock.now();
    if (audit.lastRunAt && now.getTime() - audit.lastRunAt.getTime() < 60_000) return;
    audit.lastRunAt = now;
    const found = await auditEngine({ incidents, outbox, policy: incidentPolicy, clock });
    for (const k of Object.keys(found) as (keyof AuditFindings)[]) audit.totals[k] += found[k];
    if (found.overdueSteps + found.stuckOutbox + found.pageFallbacks > 0) {
      logger.warn({ ...found }, 'auditor: overdue steps or stuck outbox items; retried');
      delivery.kick();
    }
  }
  const modules: EngineModule[] = [
    { name: 'inbox-replay', run: async () => intake.kick() },
    { name: 'responder-groups', run: async () => responderGroups?.runEngineModule(clock.now()) },
    // Both yield between items so requests are answered during a long batch; starting incidents
    // also steps back under an intake burst, as processing does. Steps never wait for that.
    {
      name: 'incident-sync',
      run: async () => {
        if ((await syncIncidents({ incidents, policy: incidentPolicy, clock, pace: (t) => intake.yieldIfBusy(t) })) > 0)
          delivery.kick();
      },
    },
    {
      name: 'runbook-steps',
      run: async () => {
        const ran = await runDueSteps({
          incidents,
          policy: incidentPolicy,
          clock,
          limit: STEP_BATCH,
          pace: yieldTurn,
        });
        if (ran > 0) delivery.kick();
        // A full batch means more are due (a backlog after a restart): the next tick follows at once, not at the next
        // second.
        if (ran >= STEP_BATCH) tickAgain();
      },
    },
    {
      name: 'stale-status',
      run: async () => {
        if ((await remindStaleStatus({ incidents, policy: incidentPolicy, clock })) > 0) delivery.kick();
      },
    },
    {
      name: 'sla-breaches',
      run: async () => {
        if ((await markSlaBreaches({ tickets, clock })) > 0) delivery.kick();
      },
    },
    {
      name: 'maintenance',
      run: async () => {
        if ((await advanceMaintenances({ statuses: status, policy: statusPolicy, clock })) > 0) delivery.kick();
      },
    },
    {
      name: 'app-home',
      run: async () => {
        if (((await appHome?.runEngineModule()) ?? 0) > 0) delivery.kick();
      },
    },
    { name: 'outbox', run: async () => delivery.kick() },
    { name: 'auditor', run: runAuditor },
    {
      name: 'contract',
      run: async () => {
        if ((await exclusiveLock.holds()) && (await contracts.runEngineModule()) > 0) delivery.kick();
      },
    },
    {
      name: 'follow-ups',
      run: async () => {
        if ((await documents.runEngineModule()) > 0) delivery.kick();
      },
    },
  ];
  return { modules, audit };
}
