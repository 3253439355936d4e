import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContracts } from '../../src/build-contracts.ts';
import { manualClock } from '../../src/engine/clock.ts';
import { openDatabase, type OpenDatabase } from '../../src/store/database.ts';
import { buildMonthlyReport } from '../../src/usecases/build-monthly-report.ts';
import type { MonthlyReport } from '../../src/domain/contract/index.ts';
import { config, INTERNAL_TOKEN, projectRoot, startHarness, type Harness } from '../support/harness.ts';
import { seedIncident } from '../support/contract-seed.ts';

const MIN = 60_000;
const AFTER_OCTOBER = new Date('2026-11-15T12:00:00Z');

/**
 * October 2026 for Acme (New York: 31 days = 44,640 min):
 *  - S1 on the API, acked after 5 min, resolved after 45 min: 45 min down;
 *  - S2 on the dashboard, acked after 10, resolved after 120: not downtime (only S1 counts);
 *  - S1 caused upstream, acked after 3, resolved after 60: excluded;
 *  - Globex's S1 on the shared dashboard, acked after 8, resolved after 30: 30 min down, its title hidden;
 *  - Globex's incident on exports only: not Acme's;
 *  - maintenance on the API announced 72 h ahead, 2 h: excluded from the month.
 * Downtime 75 min of 44,520 considered → 99.83154 %: 10 % credit = 1,200 USD.
 */
async function seedOctober(db: OpenDatabase) {
  const p = db.prisma;
  const at = (iso: string) => new Date(iso);
  const s1 = await seedIncident(p, {
    customerId: 'acme',
    components: ['api'],
    startedAt: at('2026-10-05T14:00:00Z'),
    acknowledgedAfterMinutes: 5,
    minutes: 45,
    title: 'API 503 <img src=x onerror=alert(1)> [pay here](http://evil.example) | col',
  });
  const s2 = await seedIncident(p, {
    customerId: 'acme',
    severity: 'S2',
    components: ['dashboard'],
    startedAt: at('2026-10-12T14:00:00Z'),
    acknowledgedAfterMinutes: 10,
    minutes: 120,
  });
  const upstream = await seedIncident(p, {
    customerId: 'acme',
    components: ['api'],
    startedAt: at('2026-10-20T14:00:00Z'),
    acknowledgedAfterMinutes: 3,
    minutes: 60,
    isUpstreamCause: true,
  });
  const shared = await seedIncident(p, {
    customerId: 'globex',
    components: ['dashboard'],
    startedAt: at('2026-10-25T14:00:00Z'),
    acknowledgedAfterMinutes: 8,
    minutes: 30,
    title: 'Globex confidential: payroll export broken',
  });
  await seedIncident(p, {
    customerId: 'globex',
    components: ['exports'],
    startedAt: at('2026-10-26T14:00:00Z'),
    minutes: 500,
  });
  await p.statusIncident.create({
    data: {
      publicId: 'maint00000001',
      kind: 'maintenance',
      name: 'Database upgrade',
      impact: 'maintenance',
      status: 'completed',
      components: JSON.stringify([{ componentId: 'api', state: 'under_maintenance' }]),
      createdAt: at('2026-10-25T02:00:00Z'),
      updatedAt: at('2026-10-28T04:00:00Z'),
      announcedAt: at('2026-10-25T02:00:00Z'),
      scheduledFor: at('2026-10-28T02:00:00Z'),
      scheduledUntil: at('2026-10-28T04:00:00Z'),
    },
  });
  const ticket = (n: number, severity: string, filedAt: Date, dueMinutes: number, answeredMinutes: number | null) =>
    p.ticket.create({
      data: {
        inboxKey: `seed-${n}`,
        customerId: 'acme',
        tier: 'enterprise-premium',
        channelId: 'C0ACMESHR1',
        source: 'mention',
        reporterUserId: 'U0ACMEUSR1',
        reporterTeamId: 'T0ACME0001',
        summary: 's',
        description: 'd',
        severity,
        classificationReason: 'seed',
        classificationSignals: '[]',
        filedAt,
        firstResponseDueAt: new Date(filedAt.getTime() + dueMinutes * MIN),
        firstResponseAt: answeredMinutes === null ? null : new Date(filedAt.getTime() + answeredMinutes * MIN),
        needsIncidentSync: false,
      },
    });
  await ticket(1, 'S1', at('2026-10-05T14:00:00Z'), 15, 5);
  await ticket(2, 'S1', at('2026-10-06T14:00:00Z'), 15, 15);
  await ticket(3, 'S2', at('2026-10-12T14:00:00Z'), 60, 61);
  await ticket(4, 'S3', at('2026-10-13T14:00:00Z'), 240, null);
  await p.followUpDeadline.create({
    data: {
      incidentId: s1,
      kind: 'rca',
      customerId: 'acme',
      dueAt: at('2026-10-12T18:45:00Z'),
      isBusinessDays: true,
      state: 'met',
      metAt: at('2026-10-13T15:00:00Z'),
    },
  });
  await p.creditClaim.create({
    data: {
      inboxKey: 'seed-claim',
      customerId: 'acme',
      incidentId: s1,
      month: '2026-10',
      requestedBy: 'U0ACMEUSR1',
      requestedAt: at('2026-10-06T10:00:00Z'),
      uptimePercent: 99.9,
      creditPercent: 10,
      creditAmount: 1200,
      currency: 'USD',
      state: 'approved',
      decidedBy: 'U0CSACME01',
      decidedAt: at('2026-11-02T10:00:00Z'),
      appliedCycle: '2026-12',
      channelId: 'C0ACMESHR1',
    },
  });
  await p.terminationTrigger.create({
    data: {
      key: `rca-late:acme:${s1}`,
      customerId: 'acme',
      kind: 'rca-late',
      evidence: '{}',
      firedAt: at('2026-10-12T18:46:00Z'),
    },
  });
  // September's uptime trigger fired in October belongs to September's report; October's, fired in November, to
  // October's.
  await p.terminationTrigger.create({
    data: {
      key: 'uptime:acme:2026-09',
      customerId: 'acme',
      kind: 'uptime',
      evidence: '{}',
      firedAt: at('2026-10-01T04:01:00Z'),
    },
  });
  await p.terminationTrigger.create({
    data: {
      key: 'uptime:acme:2026-10',
      customerId: 'acme',
      kind: 'uptime',
      evidence: '{}',
      firedAt: at('2026-11-01T04:01:00Z'),
    },
  });
  return { s1, s2, upstream, shared };
}

describe('the monthly SLA report', () => {
  let dir: string;
  let db: OpenDatabase;
  let seeded: Awaited<ReturnType<typeof seedOctober>>;
  let report: MonthlyReport;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-report-'));
    db = await openDatabase({
      databaseUrl: `file:${join(dir, 'tplus.db')}`,
      migrationsDir: join(projectRoot, 'prisma/migrations'),
    });
    seeded = await seedOctober(db);
    const contracts = buildContracts({
      config,
      prisma: db.prisma,
      clock: manualClock(AFTER_OCTOBER),
      logger: pino({ level: 'silent' }),
      projectRoot,
      internalToken: undefined,
    });
    const outcome = await buildMonthlyReport({
      store: contracts.store,
      claims: contracts.claims,
      policy: contracts.policy,
      clock: manualClock(AFTER_OCTOBER),
      customerId: 'acme',
      month: '2026-10',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    report = outcome.report;
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures uptime, downtime and the error budget of the month, excluding maintenance and upstream causes', () => {
    expect(report.period.isComplete).toBe(true);
    expect(report.uptime).toEqual({
      percent: 99.8315,
      downtimeMinutes: 75,
      excludedMinutes: 120,
      consideredMinutes: 44_520,
    });
    expect(report.errorBudget).toEqual({
      targetPercent: 99.9,
      budgetMinutes: 44.64,
      usedMinutes: 75,
      remainingMinutes: 0,
      overspentMinutes: 30.36,
      usedPercent: 168,
    });
    expect(report.credit).toEqual({
      percent: 10,
      terminationRight: false,
      amount: 1200,
      currency: 'USD',
      isProvisional: false,
    });
  });

  it('lists the incidents that affected the customer with severity, duration and exclusion reasons, never another customer’s title', () => {
    expect(
      report.incidents.map((i) => [
        i.id,
        i.severity,
        i.durationMinutes,
        i.downtimeMinutes,
        i.exclusion,
        i.budgetPercent,
      ]),
    ).toEqual([
      [seeded.s1, 'S1', 45, 45, null, 100.8],
      [seeded.s2, 'S2', 120, 0, 'S2 does not count as downtime', 0],
      [seeded.upstream, 'S1', 60, 0, 'upstream provider outside our control', 0],
      [seeded.shared, 'S1', 30, 30, null, 67.2],
    ]);
    expect(JSON.stringify(report)).not.toContain('Globex confidential');
  });

  it('computes MTTA and MTTR exactly from start, acknowledgement and resolution', () => {
    expect(report.mtta).toEqual({ minutes: 6.5, incidents: 4 });
    expect(report.mttr).toEqual({ minutes: 63.75, incidents: 4 });
  });

  it('reports first-response attainment per severity, RCA punctuality, claims and triggers', () => {
    expect(report.responseTimes).toEqual([
      { severity: 'S1', tickets: 2, met: 2, missed: 0, pending: 0, attainmentPercent: 100 },
      { severity: 'S2', tickets: 1, met: 0, missed: 1, pending: 0, attainmentPercent: 0 },
      { severity: 'S3', tickets: 1, met: 0, missed: 1, pending: 0, attainmentPercent: 0 },
    ]);
    expect(report.rca).toEqual([
      {
        incidentId: seeded.s1,
        dueAt: new Date('2026-10-12T18:45:00Z'),
        sentAt: new Date('2026-10-13T15:00:00Z'),
        punctuality: 'late',
      },
    ]);
    expect(report.claims).toEqual([
      expect.objectContaining({
        incidentId: seeded.s1,
        state: 'approved',
        appliedCycle: '2026-12',
        creditAmount: 1200,
      }),
    ]);
    expect(report.triggers.map((t) => t.key)).toEqual([`rca-late:acme:${seeded.s1}`, 'uptime:acme:2026-10']);
  });

  it('writes the Markdown and JSON files from the CLI, run as a child process', async () => {
    const out = join(dir, 'reports');
    const run = await promisify(execFile)(
      process.execPath,
      [join(projectRoot, 'bin/tplus.mjs'), 'report', '--customer', 'acme', '--month', '2026-10', '--out', out],
      {
        env: {
          ...process.env,
          TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
          DATABASE_URL: `file:${join(dir, 'tplus.db')}`,
        },
        timeout: 60_000,
      },
    );
    expect(run.stdout).toContain('acme-2026-10.md');
    const json = JSON.parse(readFileSync(join(out, 'acme-2026-10.json'), 'utf8')) as MonthlyReport;
    expect(json.uptime.percent).toBe(99.8315);
    expect(json.mttr.minutes).toBe(63.75);
    const md = readFileSync(join(out, 'acme-2026-10.md'), 'utf8');
    expect(md).toContain('# Service report: Acme Corp, 2026-10');
    expect(md).toContain('| Error budget | 75 of 44.64 min used (168 %), 30.36 min over budget |');
    expect(md).toContain('| Uptime | **99.8315 %** (target 99.9 %) |');
    expect(md).toContain('MTTA (start to acknowledgement): 6.5 min over 4 incident(s)');
    expect(md).toContain('upstream provider outside our control');
    expect(md).toContain('| Service credit | 10 % = 1,200.00 USD |');
    expect(md).not.toContain('Globex confidential');
    // The customer's own title is their text: inert in the Markdown (no tag, no link, no table cell break).
    expect(md).toContain('API 503 \\<img src=x onerror=alert(1)\\> \\[pay here\\](http://evil.example) \\| col');
    expect(md).not.toMatch(/(^|[^\\])<img/);
  });

  it('refuses a bad month and an unknown customer on the command line', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'report', ...args], {
        env: {
          ...process.env,
          TPLUS_CONFIG: join(projectRoot, 'tplus.config.example.yaml'),
          DATABASE_URL: `file:${join(dir, 'tplus.db')}`,
        },
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
    expect(await run(['--customer', 'acme', '--month', '2026-13'])).toEqual({
      code: 2,
      stderr: expect.stringContaining('is not a month') as string,
    });
    expect(await run(['--customer', 'initech', '--month', '2026-10'])).toEqual({
      code: 2,
      stderr: expect.stringContaining('no customer "initech"') as string,
    });
  });
});

describe('GET /reports/<customer>/<month> over HTTP', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({ clock: manualClock(AFTER_OCTOBER) });
    await seedOctober(h.tplus.db);
    base = h.url.replace('/slack/events', '');
  });
  afterAll(async () => h.close());
  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('answers 401 without the internal token or with a wrong one', async () => {
    expect((await get('/reports/acme/2026-10.json')).status).toBe(401);
    expect((await get('/reports/acme/2026-10.json', 'not-the-token-0123456789')).status).toBe(401);
  });

  it('answers 404 for an unknown customer and 400 for a bad month', async () => {
    expect((await get('/reports/initech/2026-10.json', INTERNAL_TOKEN)).status).toBe(404);
    const bad = await get('/reports/acme/2026-13.json', INTERNAL_TOKEN);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('bad-month');
  });

  it('serves the JSON and the Markdown with the token', async () => {
    const json = await get('/reports/acme/2026-10.json', INTERNAL_TOKEN);
    expect(json.status).toBe(200);
    expect(((await json.json()) as MonthlyReport).uptime.percent).toBe(99.8315);
    const md = await get('/reports/acme/2026-10.md', INTERNAL_TOKEN);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toContain('**99.8315 %**');
  });
});
