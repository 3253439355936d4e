// npm run bench:e2e — event to triage card against the shipped tplus process and the Slack
// emulator: five runs at 2,000 tickets/min, ticket bodies of 1 KB / 10 KB / 40 KB with file
// metadata, Slack answering 30 % of calls with 429 or 5xx, PagerDuty down for 2 minutes, and a
// soak with the process's RSS sampled every 5 s. Each run has a fresh process and database.
// Results: bench/results/end-to-end.json (BENCH_RESULTS_DIR to write elsewhere); with
// BENCH_E2E_MERGE=1 the parts run replace their own sections of that file (bench/e2e/merge.ts).
// The parts and their settings are in bench/e2e/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInfo } from './support/run-info.ts';
import { startBenchSlack } from './support/slack-requests.ts';
import { slackFaultsPart } from './e2e/faults.ts';
import { load } from './e2e/measure.ts';
import { mergeParts } from './e2e/merge.ts';
import { pagerDutyPart } from './e2e/pagerduty.ts';
import { payloadsPart } from './e2e/payloads.ts';
import { runsPart } from './e2e/runs.ts';
import {
  DRAIN_MS,
  FAULT_PER_MINUTE,
  FAULT_RATIO,
  FAULT_SECONDS,
  PARTS,
  PAYLOAD_CHARS,
  PAYLOAD_PER_MINUTE,
  PAYLOAD_SECONDS,
  PD_DOWN_S,
  PD_PER_MINUTE,
  PER_MINUTE,
  root,
  RSS_EVERY_MS,
  RUNS,
  SECONDS,
  SOAK_PER_MINUTE,
  SOAK_S,
  TARGET,
} from './e2e/settings.ts';
import { soakPart } from './e2e/soak.ts';
import { tplusFleet } from './e2e/tplus.ts';

const env = process.env;

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
  const fleet = tplusFleet(dir, slack);
  try {
    if (PARTS.has('runs')) report.runs = await runsPart(fleet);
    if (PARTS.has('payloads')) report.payloads = await payloadsPart(fleet);
    const faults: Record<string, unknown> = {};
    if (PARTS.has('faults')) Object.assign(faults, await slackFaultsPart(fleet));
    if (PARTS.has('pagerduty')) faults.pagerdutyDown = await pagerDutyPart(fleet);
    if (Object.keys(faults).length) report.faults = faults;
    if (PARTS.has('soak')) report.soak = await soakPart(fleet);
  } finally {
    await fleet.stopAll();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.loadAtEnd = load();
  const resultsDir = env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'end-to-end.json');
  const written = env.BENCH_E2E_MERGE === '1' ? mergeParts(file, report, PARTS) : report;
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  console.log(`written to ${file}${written === report ? '' : ` (parts ${[...PARTS].join(', ')} replaced)`}`);
}

await main();
