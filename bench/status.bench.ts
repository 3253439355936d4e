// npm run bench:status — the public status page and JSON under load, against a bare node:http
// server answering the same bytes, measured in the same run.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startProcess } from './support/start-process.ts';
import { parse, stringify } from 'yaml';
import { startSlackEmulator } from '../src/sandbox/slack-emulator/index.ts';
import { seedHistory } from './status/seed-history.ts';

const root = join(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 10;
const COMPONENTS = 20;
const INCIDENTS = 500;
// An incident's page is added once the history is seeded (its id is random).
const PATHS = ['/status', '/api/v2/summary.json'];

// Browsers and monitors ask for gzip; both servers answer with the same compressed bytes.
async function load(url: string, duration: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers: { 'accept-encoding': 'gzip' } });
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/** Milliseconds for the first request after a write: the page rendered from the database. */
async function coldRenders(
  url: string,
  publish: () => Promise<void>,
  times: number,
): Promise<{ medianMs: number; maxMs: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    await publish();
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    medianMs: Number((samples[Math.floor(samples.length / 2)] ?? NaN).toFixed(1)),
    maxMs: Number((samples.at(-1) ?? NaN).toFixed(1)),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tplus-status-bench-'));
  const emulator = await startSlackEmulator({
    botToken: 'xoxb-bench',
    teamId: 'T0TPLUS01',
    botUserId: 'U0TPLUSBOT',
    botId: 'B0TPLUSBOT',
    channels: [],
  });
  const children: ChildProcess[] = [];
  const report: Record<string, unknown> = {
    machine: { cores: cpus().length, node: process.version },
    durationSeconds: DURATION_S,
    connections: CONNECTIONS,
  };
  try {
    // The example config with 20 components and a limit the load cannot reach.
    const config = parse(readFileSync(join(root, 'tplus.config.example.yaml'), 'utf8')) as {
      components: { id: string; name: string; group?: string }[];
      statusPage: Record<string, unknown>;
    };
    const extra = Array.from({ length: COMPONENTS - config.components.length }, (_, i) => ({
      id: `service-${i + 1}`,
      name: `Service ${i + 1}`,
      group: `Group ${(i % 4) + 1}`,
    }));
    config.components = [...config.components, ...extra];
    config.statusPage.rateLimit = { requests: 100_000_000, perSeconds: 1 };
    const configPath = join(dir, 'tplus.config.yaml');
    writeFileSync(configPath, stringify(config));
    const databaseUrl = `file:${join(dir, 'status.db')}`;

    const seedStarted = performance.now();
    const seeded = await seedHistory({
      databaseUrl,
      migrationsDir: join(root, 'prisma/migrations'),
      now: new Date(),
      componentIds: config.components.map((c) => c.id),
      incidents: INCIDENTS,
    });
    report.seed = {
      ...seeded.counts,
      components: config.components.length,
      seconds: Number(((performance.now() - seedStarted) / 1000).toFixed(1)),
    };

    const tplus = await startProcess(
      'tplus',
      {
        SLACK_SIGNING_SECRET: 'bench-signing-secret-000000',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: databaseUrl,
        TPLUS_CONFIG: configPath,
        LOG_LEVEL: 'info',
      },
      'tplus started',
    );
    children.push(tplus.child);
    const base = `http://127.0.0.1:${tplus.port}`;
    const [firstOpen] = await seeded.store.list({ since: new Date(0), kind: 'incident', limit: 1 });
    let n = 0;
    // Each publish moves the store version, so the next request renders from the database.
    const publish = async () => {
      n += 1;
      await seeded.store.publish({
        target: { statusIncidentId: firstOpen?.id as number },
        status: 'resolved',
        body: `Follow-up note ${n}.`,
        components: [],
        actor: 'bench',
        at: new Date(),
      });
    };
    const [oldest] = (await seeded.store.page({ kind: 'incident', limit: 1, offset: INCIDENTS - 1 })).records;
    PATHS.push(`/incidents/${oldest?.publicId ?? ''}`);
    const cold = {
      html: await coldRenders(`${base}/status`, publish, 5),
      json: await coldRenders(`${base}/api/v2/summary.json`, publish, 5),
    };
    report.coldRender = cold;

    const bodies: Record<string, { body: string; contentType: string }> = {};
    for (const path of PATHS) {
      const res = await fetch(`${base}${path}`);
      bodies[path] = { body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
    }
    report.bytes = Object.fromEntries(
      PATHS.map((p) => [
        p,
        { plain: Buffer.byteLength(bodies[p]?.body ?? ''), gzip: gzipSync(bodies[p]?.body ?? '').length },
      ]),
    );
    const bodiesPath = join(dir, 'bodies.json');
    writeFileSync(bodiesPath, JSON.stringify(bodies));
    const bare = await startProcess('bench/status/bare-server.ts', { BARE_BODIES: bodiesPath }, 'bare server started');
    children.push(bare.child);
    const bareBase = `http://127.0.0.1:${bare.port}`;

    const results: Record<
      string,
      { bare: Awaited<ReturnType<typeof load>>; tplus: Awaited<ReturnType<typeof load>>; ratio: number }
    > = {};
    for (const path of PATHS) {
      await load(`${bareBase}${path}`, 1);
      await load(`${base}${path}`, 1);
      const bareRun = await load(`${bareBase}${path}`, DURATION_S);
      const tplusRun = await load(`${base}${path}`, DURATION_S);
      results[path] = {
        bare: bareRun,
        tplus: tplusRun,
        ratio: Number((tplusRun.requestsPerSecond / bareRun.requestsPerSecond).toFixed(3)),
      };
    }
    report.load = results;
    // Issue 12: /status and an incident page p99 ≤ 50 ms; summary.json at least half a bare server's rate.
    const incidentPath = PATHS[2] as string;
    report.targets = { p99MsStatus: 50, p99MsIncidentPage: 50, summaryRatioAtLeast: 0.5 };
    report.meetsTargets =
      (results['/status']?.tplus.latencyMs.p99 ?? Infinity) <= 50 &&
      (results[incidentPath]?.tplus.latencyMs.p99 ?? Infinity) <= 50 &&
      (results['/api/v2/summary.json']?.ratio ?? 0) >= 0.5;
    await seeded.close();
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/status.json'), `${JSON.stringify(report, null, 2)}\n`);
  const runs = report.load as Record<
    string,
    {
      bare: { requestsPerSecond: number; latencyMs: { p99: number } };
      tplus: { requestsPerSecond: number; latencyMs: { p50: number; p99: number }; non2xx: number };
      ratio: number;
    }
  >;
  console.log(`seeded: ${JSON.stringify(report.seed)}`);
  console.log(`cold render (first request after a write): ${JSON.stringify(report.coldRender)}`);
  console.log(
    `at ${CONNECTIONS} connections for ${DURATION_S} s       req/s    p50    p99 (ms)   bare req/s  bare p99   ratio`,
  );
  for (const [path, r] of Object.entries(runs)) {
    console.log(
      `${path.padEnd(40)} ${r.tplus.requestsPerSecond.toFixed(0).padStart(6)} ${String(r.tplus.latencyMs.p50).padStart(6)} ${String(r.tplus.latencyMs.p99).padStart(6)}   ${r.bare.requestsPerSecond.toFixed(0).padStart(10)} ${String(r.bare.latencyMs.p99).padStart(9)}   ${r.ratio.toFixed(2)}${r.tplus.non2xx ? `  (${r.tplus.non2xx} non-2xx!)` : ''}`,
    );
  }
  console.log(
    `targets (/status and an incident page p99 ≤ 50 ms, summary.json ≥ 0.5× bare): ${report.meetsTargets ? 'met' : 'NOT met'}; written to bench/results/status.json`,
  );
}

await main();
