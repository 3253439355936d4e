// npm run bench:engine — the runbook engine with 10,000 open incidents (100,000 pending steps),
// on each database of BENCH_ENGINE_DATABASES (default sqlite,postgresql) in the same run, with the
// step-lateness histogram at BENCH_ENGINE_LATENESS_PENDING pending rows (default 1,000, 10,000 and
// 100,000). The phases are in bench/engine/: settings.ts names every variable.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../src/config/load-config.ts';
import { startPagerDutyEmulator } from '../src/sandbox/pagerduty-emulator/index.ts';
import { startSlackEmulator } from '../src/sandbox/slack-emulator/index.ts';
import { buildBundle } from '../bin/build.mjs';
import { botCommand, NODE_FLAGS } from '../bin/runtime.mjs';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts';
import { printSideBySide, printTable } from './engine/report.ts';
import { runOn, type DatabaseRun } from './engine/run-on.ts';
import { seed } from './engine/seed-databases.ts';
import { benchPlan } from './engine/seed.ts';
import { LATENESS_BUCKET_EDGES_MS, readSettings, TARGETS, type DatabaseKind } from './engine/settings.ts';
import { runInfo } from './support/run-info.ts';

const root = join(import.meta.dirname, '..');
const SLACK = { botToken: 'xoxb-bench-token', signingSecret: 'bench-signing-secret-000000' };
const PD = {
  routingKey: 'R0UTINGKEY0BENCH0000000000000000',
  apiToken: 'pd-api-token-bench',
  webhookSecret: 'pd-webhook-secret-bench',
};

async function main() {
  const settings = readSettings();
  // BENCH_RESULTS_DIR keeps a trial run from overwriting the committed results.
  const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  const config = parseConfigText(readFileSync(join(root, 'tplus.config.example.yaml'), 'utf8'), 'example');
  await buildBundle();
  const slack = await startSlackEmulator({
    botToken: SLACK.botToken,
    teamId: config.workspace.teamId,
    botUserId: config.workspace.botUserId,
    botId: config.workspace.botId,
    channels: [
      { id: config.triage.channelId, name: 'support-triage' },
      { id: 'C0ACMESHR1', name: 'acme-support' },
      { id: 'C0GLOBEX01', name: 'globex-shared' },
    ],
  });
  const pagerduty = await startPagerDutyEmulator({
    routingKey: PD.routingKey,
    apiToken: PD.apiToken,
    onCalls: [
      {
        escalationPolicyId: 'PESCAL1',
        users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
      },
    ],
  });
  const env = {
    SLACK_BOT_TOKEN: SLACK.botToken,
    SLACK_SIGNING_SECRET: SLACK.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
    PAGERDUTY_ROUTING_KEY: PD.routingKey,
    PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
    PAGERDUTY_API_TOKEN: PD.apiToken,
    PAGERDUTY_API_URL: pagerduty.apiUrl,
    PAGERDUTY_WEBHOOK_SECRET: PD.webhookSecret,
  };
  let benchPeakRss = 0;
  const rssSampler = setInterval(() => {
    benchPeakRss = Math.max(benchPeakRss, process.memoryUsage().rss);
  }, 100);
  const dir = mkdtempSync(join(tmpdir(), 'tplus-engine-bench-'));
  const started = Date.now();
  const run = runInfo();
  const loadAtStart = loadavg();
  // Started on first use, so a SQLite-only run needs no PostgreSQL binaries.
  let server: Promise<PostgresServer> | undefined;
  const postgres = () => (server ??= startPostgres());
  const byDatabase: Partial<Record<DatabaseKind, DatabaseRun>> = {};
  const plan = benchPlan(root);
  try {
    for (const kind of settings.databases) {
      const seeded = await seed({ kind, dir, plan, settings, projectRoot: root, postgres });
      try {
        const context = { projectRoot: root, env, slack, childNodeOptions: settings.childNodeOptions };
        byDatabase[kind] = await runOn({ kind, seeded, context, config, settings });
      } finally {
        await seeded.db.close();
      }
    }
  } finally {
    clearInterval(rssSampler);
    await slack.close();
    await pagerduty.close();
    if (server) await (await server).stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const report = {
    machine: { cores: run.cores, node: run.node, cpu: run.cpu },
    run,
    loadAverage: {
      atStart: loadAtStart.map((v) => Math.round(v * 100) / 100),
      atEnd: loadavg().map((v) => Math.round(v * 100) / 100),
    },
    setup: {
      childNodeOptions: settings.childNodeOptions ?? null,
      incidents: settings.incidents,
      stepsPerIncident: plan.steps.length,
      smallIncidents: settings.smallIncidents,
      ticks: settings.ticks,
      lateSteps: settings.lateSteps,
      spreadMs: settings.spreadMs,
      latenessPending: settings.latenessPending,
      levelSpreadMs: settings.levelSpreadMs,
      latenessBucketEdgesMs: LATENESS_BUCKET_EDGES_MS,
      drainSteps: settings.drainSteps,
      nodeFlags: [
        ...NODE_FLAGS,
        ...(settings.childNodeOptions ? settings.childNodeOptions.split(/\s+/).filter(Boolean) : []),
      ],
      env: botCommand().env,
    },
    databases: settings.databases,
    byDatabase,
    benchProcessPeakRssMb: Math.round(benchPeakRss / 2 ** 20),
    targets: TARGETS,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'engine.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const r of Object.values(byDatabase)) printTable(r);
  printSideBySide(byDatabase, settings.drainSteps);
  console.log(
    `this process (emulators + in-process tick phase) peak RSS ${report.benchProcessPeakRssMb} MB; load average at start ${report.loadAverage.atStart.join(' ')}, at end ${report.loadAverage.atEnd.join(' ')}; run took ${report.runtimeSeconds} s`,
  );
  console.log(`written to ${join(resultsDir, 'engine.json')}`);
}

await main();
