// npm run bench:e2e — event to triage card against the shipped tplus process and the Slack
// emulator: five runs at 2,000 tickets/min, ticket bodies of 1 KB / 10 KB / 40 KB with file
// metadata, Slack answering 30 % of calls with 429 or 5xx, PagerDuty down for 2 minutes, and a
// soak with the process's RSS sampled every 5 s. Each run has a fresh process and database.
// Results: bench/results/end-to-end.json (BENCH_RESULTS_DIR to write elsewhere).
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { deliveredPosts, endToEnd, rssMb, type EndToEndOptions, type EndToEndResult } from './support/end-to-end.ts';
import { runInfo } from './support/run-info.ts';
import { mention, SECRET, signedHeaders, TOKEN, startBenchSlack } from './support/slack-requests.ts';
import { startProcess } from './support/start-process.ts';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../src/sandbox/pagerduty-emulator/index.ts';
import type { FaultMode, SlackEmulator } from '../src/sandbox/slack-emulator/index.ts';

const root = join(import.meta.dirname, '..');
const env = process.env;
const RUNS = Number(env.BENCH_E2E_RUNS ?? 5);
const SECONDS = Number(env.BENCH_E2E_SECONDS ?? 60);
const PER_MINUTE = Number(env.BENCH_E2E_PER_MINUTE ?? 2000);
const PAYLOAD_PER_MINUTE = Number(env.BENCH_PAYLOAD_PER_MINUTE ?? 600);
const PAYLOAD_SECONDS = Number(env.BENCH_PAYLOAD_SECONDS ?? 30);
const PAYLOAD_CHARS = (env.BENCH_PAYLOAD_CHARS ?? '1000,10000,40000').split(',').map(Number);
const FAULT_PER_MINUTE = Number(env.BENCH_FAULT_PER_MINUTE ?? 600);
const FAULT_SECONDS = Number(env.BENCH_FAULT_SECONDS ?? 60);
const FAULT_RATIO = Number(env.BENCH_FAULT_RATIO ?? 0.3);
const PD_DOWN_S = Number(env.BENCH_PD_DOWN_S ?? 120);
const PD_PER_MINUTE = Number(env.BENCH_PD_PER_MINUTE ?? 30);
const SOAK_S = Number(env.BENCH_SOAK_S ?? 600);
const SOAK_PER_MINUTE = Number(env.BENCH_SOAK_PER_MINUTE ?? 2000);
const RSS_EVERY_MS = 5000;
// How long after the last send a card may still arrive before its ticket counts as lost.
const DRAIN_MS = Number(env.BENCH_E2E_DRAIN_S ?? 90) * 1000;
// BENCH_E2E_PARTS=runs,payloads,faults,pagerduty,soak runs a subset (trials); all by default.
const PARTS = new Set((env.BENCH_E2E_PARTS ?? 'runs,payloads,faults,pagerduty,soak').split(','));
const TARGET = { p95Ms: 300, runs: RUNS, soakRssWithinPercent: 10, lost: 0, duplicates: 0 };

const PD_ROUTING_KEY = 'R0BENCHROUTINGKEY0000000000000000';
const PD_API_TOKEN = 'pd-bench-api-token';
const S1_TEXT = 'Production is down for all users, every request fails, no workaround';

/** The machine's load when a part starts: the bench shares the machine, so its numbers are indicative. */
function load(): { loadAverage: number[]; uptime: string } {
  let uptime = '';
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    /* no uptime(1) */
  }
  return { loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), uptime };
}

/**
 * An `app_mention` whose text is exactly `chars` characters, with two files attached as Slack sends
 * them from an external (Slack Connect) member: `file_access: check_file_info`, the rest to be
 * fetched with files.info (shape of Slack's message_file_share_slack_connect event).
 */
function sizedMention(seq: number, chars: number) {
  const base = mention(seq);
  const head = `<@U0TPLUSBOT> exports fail with a 500 for all users (${seq}). `;
  const filler = 'The export job stops at the same step each time and the log below repeats. ';
  const text = (head + filler.repeat(Math.ceil(chars / filler.length))).slice(0, chars);
  const files = [1, 2].map((n) => ({
    id: `F${String(seq).padStart(8, '0')}${n}`,
    mode: 'file_access',
    file_access: 'check_file_info',
    created: 0,
    timestamp: 0,
    user: '',
  }));
  return { ...base, event: { ...base.event, text, files, upload: true } };
}

function s1Mention(seq: number) {
  const base = mention(seq);
  return { ...base, event: { ...base.event, text: `<@U0TPLUSBOT> ${S1_TEXT} (${seq})` } };
}

type Tplus = {
  child: ChildProcess;
  url: string;
  dbPath: string;
  logs: { warn: Map<string, number>; samples: string[] };
};

async function startTplus(dir: string, name: string, slack: SlackEmulator, extra: Record<string, string> = {}) {
  const dbPath = join(dir, `${name}.db`);
  const { child, port } = await startProcess(
    'tplus',
    {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `file:${dbPath}`,
      TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
      LOG_LEVEL: 'info',
      ...extra,
    },
    'tplus started',
  );
  // Warnings and errors by message, and the first few whole, for a report of what went wrong.
  const logs = { warn: new Map<string, number>(), samples: [] as string[] };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const record = JSON.parse(line) as { level?: number; msg?: string };
      if ((record.level ?? 0) < 40) return;
      const msg = record.msg ?? '?';
      logs.warn.set(msg, (logs.warn.get(msg) ?? 0) + 1);
      if (record.level! >= 50 && logs.samples.length < 20) logs.samples.push(line.slice(0, 600));
    } catch {
      /* not a log line */
    }
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events`, dbPath, logs } satisfies Tplus;
}

async function stop(tplus: Tplus) {
  if (tplus.child.exitCode !== null) return;
  const exited = new Promise((resolve) => tplus.child.once('exit', resolve));
  tplus.child.kill('SIGKILL');
  await exited;
}

/** RSS every RSS_EVERY_MS from now until the returned stop function is called. */
function sampleRss(pid: number) {
  const started = Date.now();
  const samples: { second: number; mb: number }[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== undefined)
      samples.push({ second: Math.round((Date.now() - started) / 1000), mb: Math.round(mb * 10) / 10 });
  };
  take();
  const timer = setInterval(take, RSS_EVERY_MS);
  return () => {
    clearInterval(timer);
    return samples;
  };
}

/** Drops the per-ticket examples when nothing went wrong, so the results stay readable. */
function tidy(r: EndToEndResult) {
  const { examples, undelivered, ...rest } = r;
  return r.lost + r.duplicates + r.postDuplicates > 0 ? { ...rest, undelivered, examples } : rest;
}

async function main() {
  const slack = await startBenchSlack();
  const dir = mkdtempSync(join(tmpdir(), 'tplus-bench-e2e-'));
  const report: Record<string, unknown> = {
    run: { ...runInfo(), ...load() },
    settings: {
      runs: RUNS,
      seconds: SECONDS,
      perMinute: PER_MINUTE,
      drainSeconds: DRAIN_MS / 1000,
      payloads: { perMinute: PAYLOAD_PER_MINUTE, seconds: PAYLOAD_SECONDS, chars: PAYLOAD_CHARS },
      faults: { perMinute: FAULT_PER_MINUTE, seconds: FAULT_SECONDS, ratio: FAULT_RATIO },
      pagerduty: { downSeconds: PD_DOWN_S, perMinute: PD_PER_MINUTE },
      soak: { seconds: SOAK_S, perMinute: SOAK_PER_MINUTE, rssEveryMs: RSS_EVERY_MS },
    },
    target: TARGET,
  };
  const live = new Set<Tplus>();
  const fresh = async (name: string, extra?: Record<string, string>) => {
    slack.reset();
    const t = await startTplus(dir, name, slack, extra);
    live.add(t);
    return t;
  };
  const done = async (t: Tplus) => {
    await stop(t);
    live.delete(t);
  };
  const warnings = (t: Tplus) => ({ warnings: Object.fromEntries(t.logs.warn), errorSamples: t.logs.samples });
  try {
    if (PARTS.has('runs')) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t = await fresh(`run-${i + 1}`);
        const at = load();
        const r = await endToEnd(t.url, t.dbPath, slack, PER_MINUTE, SECONDS, { drainMs: DRAIN_MS });
        await done(t);
        runs.push({ run: i + 1, ...tidy(r), ...warnings(t), load: at });
        console.log(
          `run ${i + 1}: ${r.cards}/${r.sent} cards, p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} p99 ${r.latencyMs.p99} max ${r.latencyMs.max} ms, lost ${r.lost}, errors ${r.errors} (load ${at.loadAverage.join(' ')})`,
        );
      }
      report.runs = runs;
    }

    if (PARTS.has('payloads')) {
      const payloads = [];
      for (const chars of PAYLOAD_CHARS) {
        const t = await fresh(`payload-${chars}`);
        const at = load();
        const r = await endToEnd(t.url, t.dbPath, slack, PAYLOAD_PER_MINUTE, PAYLOAD_SECONDS, {
          payload: (seq) => sizedMention(seq, chars),
          drainMs: DRAIN_MS,
        });
        await done(t);
        payloads.push({ textChars: chars, files: 2, ...tidy(r), load: at });
        console.log(
          `payload ${chars} chars (${r.payloadBytes} bytes): ack p50 ${r.ackMs.p50} p99 ${r.ackMs.p99} ms; card p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} ms; ${r.cards}/${r.sent}, lost ${r.lost}`,
        );
      }
      report.payloads = payloads;
    }

    const faults: Record<string, unknown> = {};
    if (PARTS.has('faults')) {
      for (const mode of ['429', '5xx'] as FaultMode[]) {
        const t = await fresh(`slack-${mode}`);
        const at = load();
        // Faulted while the events arrive (the run's FAULT_SECONDS), healed when the last is sent: the
        // per-second deliveries show the throughput under the fault and the recovery after it.
        slack.failRatio(FAULT_RATIO, mode);
        let deliveredDuringFault = 0;
        const options: EndToEndOptions = {
          drainMs: DRAIN_MS,
          onSendsDone: () => {
            deliveredDuringFault = deliveredPosts(slack).cards.size;
            slack.heal();
          },
        };
        const r = await endToEnd(t.url, t.dbPath, slack, FAULT_PER_MINUTE, FAULT_SECONDS, options);
        slack.heal();
        const calls = slack.calls.filter((c) => c.method !== 'apps.connections.open');
        const faulted = calls.filter((c) => c.httpStatus !== 200).length;
        await done(t);
        faults[`slack${mode}`] = {
          mode,
          ratio: FAULT_RATIO,
          ...tidy(r),
          slackCalls: calls.length,
          faultedCalls: faulted,
          cardsDeliveredDuringFault: deliveredDuringFault,
          ...warnings(t),
          load: at,
        };
        console.log(
          `slack ${mode} at ${FAULT_RATIO * 100} %: ${r.cards}/${r.sent} cards, p50 ${r.latencyMs.p50} p95 ${r.latencyMs.p95} max ${r.latencyMs.max} ms, lost ${r.lost}, duplicate cards ${r.duplicates}, duplicate posts ${r.postDuplicates}, ${faulted}/${calls.length} calls faulted, ${deliveredDuringFault} cards during the fault, drained ${r.drainMs} ms after the last send`,
        );
      }
    }

    if (PARTS.has('pagerduty')) {
      const pd = await startPagerDutyEmulator({
        routingKey: PD_ROUTING_KEY,
        apiToken: PD_API_TOKEN,
        onCalls: [
          {
            escalationPolicyId: 'PESCAL1',
            users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
          },
        ],
      });
      try {
        const t = await fresh('pagerduty-down', {
          PAGERDUTY_ROUTING_KEY: PD_ROUTING_KEY,
          PAGERDUTY_EVENTS_URL: pd.eventsUrl,
          PAGERDUTY_API_TOKEN: PD_API_TOKEN,
          PAGERDUTY_API_URL: pd.apiUrl,
        });
        const at = load();
        faults.pagerdutyDown = { ...(await pagerDutyDown(t, pd)), ...warnings(t), load: at };
        await done(t);
      } finally {
        await pd.close();
      }
    }
    if (Object.keys(faults).length) report.faults = faults;

    if (PARTS.has('soak')) {
      const t = await fresh('soak');
      const at = load();
      const stopRss = sampleRss(t.child.pid!);
      const r = await endToEnd(t.url, t.dbPath, slack, SOAK_PER_MINUTE, SOAK_S, { drainMs: DRAIN_MS });
      const rss = stopRss();
      await done(t);
      // Mean RSS of each whole minute of sending; the target compares the last with the second.
      const minutes = [];
      for (let m = 0; m * 60 < SOAK_S; m += 1) {
        const inMinute = rss.filter((s) => s.second >= m * 60 && s.second < (m + 1) * 60);
        if (inMinute.length) minutes.push({ minute: m + 1, meanMb: mean(inMinute.map((s) => s.mb)) });
      }
      const second = minutes.find((m) => m.minute === 2)?.meanMb;
      const last = minutes.at(-1)?.meanMb;
      const growthPercent = second && last ? Math.round(((last - second) / second) * 1000) / 10 : null;
      report.soak = {
        ...tidy(r),
        ...warnings(t),
        perSecond: r.perSecond,
        rssMb: rss,
        minutes,
        rssGrowthPercent: growthPercent,
        load: at,
        loadAtEnd: load(),
      };
      console.log(
        `soak ${SOAK_S} s at ${SOAK_PER_MINUTE}/min: ${r.cards}/${r.sent} cards, lost ${r.lost}, p95 ${r.latencyMs.p95} ms; RSS minute 2 ${second} MB, last ${last} MB (${growthPercent} %)`,
      );
    }
  } finally {
    for (const t of live) await stop(t);
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.loadAtEnd = load();
  const resultsDir = env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'end-to-end.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written to ${join(resultsDir, 'end-to-end.json')}`);
}

const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

/**
 * PagerDuty answers every request with 500 for PD_DOWN_S while S1 tickets arrive; then it is back.
 * Every incident's trigger must reach it after that, once: the emulator's accepted events are
 * counted per dedup key. Recovery-to-last-trigger says how long the backlog took.
 */
async function pagerDutyDown(t: Tplus, pd: PagerDutyEmulator) {
  const downAt = Date.now();
  pd.failAll({ mode: '5xx', forMs: PD_DOWN_S * 1000 });
  const upAt = downAt + PD_DOWN_S * 1000;
  const intervalMs = 60_000 / PD_PER_MINUTE;
  let sent = 0;
  let errors = 0;
  for (let i = 0; Date.now() < upAt - intervalMs / 2; i += 1) {
    const wait = downAt + i * intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = JSON.stringify(s1Mention(7_000_000 + i));
    const r = await fetch(t.url, { method: 'POST', headers: signedHeaders(body), body }).catch(() => undefined);
    await r?.arrayBuffer();
    sent += 1;
    if (r?.status !== 200) errors += 1;
  }
  const waitUntilUp = upAt - Date.now();
  if (waitUntilUp > 0) await new Promise((resolve) => setTimeout(resolve, waitUntilUp));
  const db = new Database(t.dbPath, { readonly: true });
  const incidents = () =>
    (db.prepare('SELECT id FROM Incident').all() as { id: number }[]).map((r) => `tplus-incident-${r.id}`);
  const triggers = () => {
    const byKey = new Map<string, number[]>();
    for (const call of pd.calls) {
      const body = call.body as { event_action?: string; dedup_key?: string } | undefined;
      if (call.path !== '/v2/enqueue' || call.httpStatus !== 202 || body?.event_action !== 'trigger') continue;
      byKey.set(body.dedup_key ?? '', [...(byKey.get(body.dedup_key ?? '') ?? []), call.at.getTime()]);
    }
    return byKey;
  };
  const deadline = Date.now() + 300_000;
  let keys = incidents();
  let byKey = triggers();
  while (keys.some((k) => !byKey.has(k)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    keys = incidents();
    byKey = triggers();
  }
  // A little longer, so a second trigger for a key would be seen.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  keys = incidents();
  byKey = triggers();
  db.close();
  const failedCalls = pd.calls.filter((c) => c.path === '/v2/enqueue' && c.httpStatus !== 202).length;
  const firsts = keys.map((k) => byKey.get(k)?.[0]).filter((at): at is number => at !== undefined);
  const lost = keys.filter((k) => !byKey.has(k));
  const twice = keys.filter((k) => (byKey.get(k)?.length ?? 0) > 1);
  const deliveredDuringOutage = firsts.filter((at) => at < upAt).length;
  // Triggers accepted each second from the start of the outage.
  const perSecond: { second: number; delivered: number }[] = [];
  for (const at of firsts) {
    const s = Math.floor((at - downAt) / 1000);
    for (let i = perSecond.length; i <= s; i += 1) perSecond.push({ second: i, delivered: 0 });
    perSecond[s]!.delivered += 1;
  }
  const result = {
    downSeconds: PD_DOWN_S,
    perMinute: PD_PER_MINUTE,
    ticketsSent: sent,
    errors,
    incidents: keys.length,
    triggersDelivered: firsts.length,
    deliveredDuringOutage,
    lost: lost.length,
    duplicates: twice.length,
    failedEnqueueCalls: failedCalls,
    recoveryToLastTriggerMs: firsts.length ? Math.max(...firsts) - upAt : null,
    recoveryToFirstTriggerMs: firsts.length ? Math.min(...firsts) - upAt : null,
    perSecond,
    ...(lost.length + twice.length > 0 ? { examples: { lost: lost.slice(0, 10), twice: twice.slice(0, 10) } } : {}),
  };
  console.log(
    `pagerduty down ${PD_DOWN_S} s: ${result.incidents} incidents from ${sent} S1 tickets, ${result.triggersDelivered} triggers delivered (${deliveredDuringOutage} during the outage), lost ${result.lost}, twice ${result.duplicates}; recovery to last trigger ${result.recoveryToLastTriggerMs} ms`,
  );
  return result;
}

await main();
