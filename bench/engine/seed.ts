import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadRunbooks } from '../../src/config/load-runbooks.ts';
import { freezePlan, ZRunbook, type FrozenPlan } from '../../src/domain/runbook/index.ts';
import { toDbDate } from '../../src/store/db-date.ts';
import { applyMigrations } from '../../src/store/migrate.ts';

/**
 * The real S1 runbook plus one reminder step. S1 has nine steps and the issue counts ten per
 * incident (10,000 incidents ≈ 100,000 pending rows); the tenth is a notify-triage step like S1's
 * own, parsed by ZRunbook so the plan is one tplus could load. For the sweep a row is a row.
 */
export function benchPlan(projectRoot: string): FrozenPlan {
  const s1 = loadRunbooks(join(projectRoot, 'runbooks')).S1;
  const reminder = {
    id: 'status-reminder',
    title: 'Status update reminder',
    at: { minutes: 90 },
    action: 'notify-triage',
    when: 'unresolved',
    message: '{ref} is unresolved at {age}: post a status update.',
  };
  return freezePlan(ZRunbook.parse({ ...s1, steps: [...s1.steps, reminder] }));
}

/** Deterministic, so two runs seed the same due times and differ only in what tplus does. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUSTOMERS = [
  {
    id: 'acme',
    tier: 'enterprise-premium',
    channel: 'C0ACMESHR1',
    team: 'T0ACME0001',
    user: 'U0ACMEUSR1',
    components: ['api', 'dashboard'],
  },
  {
    id: 'globex',
    tier: 'standard',
    channel: 'C0GLOBEX01',
    team: 'T0GLOBEX01',
    user: 'U0GLOBUSR1',
    components: ['dashboard', 'exports'],
  },
] as const;

/**
 * The seeded rows, incident by incident, as the values of the INSERTs below (dates as tplus's
 * stored text): the SQLite and the PostgreSQL seeders write the same rows.
 */
export function* seedRows({ incidents, plan, now }: { incidents: number; plan: FrozenPlan; now: Date }) {
  const random = mulberry32(20261125);
  const planJson = JSON.stringify(plan);
  for (let id = 1; id <= incidents; id += 1) {
    const customer = CUSTOMERS[id % CUSTOMERS.length]!;
    const startedAt = new Date(now.getTime() - (5 + (id % 55)) * 60_000);
    const ackAt = new Date(startedAt.getTime() + 3 * 60_000);
    const title = `Exports fail with a 500 for all users (${id})`;
    yield {
      /** id, inboxKey, customerId, tier, channelId, threadTs, reporterUserId, reporterTeamId, summary, description, filedAt, firstResponseDueAt, firstResponseAt */
      ticket: [
        id,
        `bench:ticket:${id}`,
        customer.id,
        customer.tier,
        customer.channel,
        `${Math.floor(startedAt.getTime() / 1000)}.${String(id).padStart(6, '0')}`,
        customer.user,
        customer.team,
        title,
        `${title}: nobody can download a report.`,
        toDbDate(startedAt),
        toDbDate(new Date(startedAt.getTime() + 15 * 60_000)),
        toDbDate(ackAt),
      ] as const,
      /** ticketId, dueAt, settledAt */
      deadline: [id, toDbDate(new Date(startedAt.getTime() + 15 * 60_000)), toDbDate(ackAt)] as const,
      /** id, ticketId, customerId, title, components, startedAt, acknowledgedAt, plan */
      incident: [
        id,
        id,
        customer.id,
        title,
        JSON.stringify(customer.components),
        toDbDate(startedAt),
        toDbDate(ackAt),
        planJson,
      ] as const,
      /** incidentId, stepId, dueAt */
      steps: plan.steps.map(
        (step) =>
          [id, step.id, toDbDate(new Date(now.getTime() + 3_600_000 + Math.floor(random() * 5 * 3_600_000)))] as const,
      ),
    };
  }
}

/**
 * Writes `incidents` open, acknowledged S1 incidents, each started from a ticket (Ticket with a met
 * first-response Deadline, Incident, one pending IncidentStep per plan step) into a fresh SQLite
 * file, in one transaction through better-sqlite3: Prisma's create would take minutes for 100k
 * rows. Tickets are seeded too because the engine's incident-sync module sweeps tickets and open
 * incidents every tick; without them the tick would look cheaper than it is in production.
 *
 * Every step is due 1–6 h from `now`: pending, but nothing fires until the bench moves a due time.
 * Acknowledged incidents keep their unacknowledged-only steps pending, as tplus does (they are
 * skipped when they come due, not cancelled on the ack), so all ten rows are pending.
 */
export function seedDatabase({
  path,
  migrationsDir,
  incidents,
  plan,
  now,
}: {
  path: string;
  migrationsDir: string;
  incidents: number;
  plan: FrozenPlan;
  now: Date;
}): { ms: number; stepRows: number } {
  const started = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The same migrations tplus applies on open, so the file is what tplus would have made.
  applyMigrations(db, migrationsDir);
  const insertTicket =
    db.prepare(`INSERT INTO Ticket (id, inboxKey, customerId, tier, channelId, threadTs, source, reporterUserId, reporterTeamId, summary, description,
    severity, classificationReason, classificationSignals, status, filedAt, firstResponseDueAt, firstResponseAt, firstResponseBy, needsIncidentSync)
    VALUES (?, ?, ?, ?, ?, ?, 'mention', ?, ?, ?, ?, 'S1', 'bench seed', '[]', 'acknowledged', ?, ?, ?, 'U0RESP0001', 0)`);
  const insertDeadline = db.prepare(
    `INSERT INTO Deadline (ticketId, kind, dueAt, state, settledAt) VALUES (?, 'first-response', ?, 'met', ?)`,
  );
  const insertIncident =
    db.prepare(`INSERT INTO Incident (id, ticketId, source, customerId, severity, title, components, startedAt, acknowledgedAt, acknowledgedBy, plan, planVersion)
    VALUES (?, ?, 'ticket', ?, 'S1', ?, ?, ?, ?, 'U0RESP0001', ?, 1)`);
  const insertStep = db.prepare(
    `INSERT INTO IncidentStep (incidentId, planVersion, stepId, dueAt, state) VALUES (?, 1, ?, ?, 'pending')`,
  );
  let stepRows = 0;
  db.transaction(() => {
    for (const row of seedRows({ incidents, plan, now })) {
      insertTicket.run(...row.ticket);
      insertDeadline.run(...row.deadline);
      insertIncident.run(...row.incident);
      for (const step of row.steps) insertStep.run(...step);
      stepRows += row.steps.length;
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { ms: performance.now() - started, stepRows };
}
