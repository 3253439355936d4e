// npm run bench:severity — what classifying a ticket costs: latency per message over the frozen
// test split and over long bodies (1 KB, 10 KB, 40 KB), against extracting the features alone in
// the same run, and the RSS the loaded model adds to a process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus, CORPUS_DIRS } from '../src/cli/severity/corpus.ts';
import { loadSeverityModel } from '../src/config/load-severity-model.ts';
import { classifyTicket } from '../src/domain/severity/index.ts';
import { extractFeatures } from '../src/domain/severity/model/features.ts';

const root = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_SEVERITY_ROUNDS ?? 20);
const TARGETS = { p99Ms: 5, rssMb: 50 };

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) * 1000) / 1000;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

function time(texts: readonly string[], run: (text: string) => unknown): number[] {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const text of texts) {
      const started = performance.now();
      run(text);
      samples.push(performance.now() - started);
    }
  return samples;
}

const model = loadSeverityModel(join(root, 'models/severity.json'));
const messages = readCorpus(join(root, CORPUS_DIRS.test)).map((m) => m.text);
const long = (bytes: number) => {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${messages[i % messages.length]}\n`;
  return text.slice(0, bytes);
};
time(messages, (text) => classifyTicket({ text, model })); // warm-up
const sets = { 'test split': messages, '1 KB': [long(1024)], '10 KB': [long(10 * 1024)], '40 KB': [long(40 * 1024)] };
const latency = Object.fromEntries(
  Object.entries(sets).map(([name, texts]) => {
    const classify = percentiles(time(texts, (text) => classifyTicket({ text, model })));
    const features = percentiles(time(texts, (text) => extractFeatures(text)));
    return [
      name,
      { classifyMs: classify, featuresOnlyMs: features, ratio: Math.round((classify.p50 / features.p50) * 100) / 100 },
    ];
  }),
);
const probe = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/severity/rss-probe.ts')], {
    cwd: root,
    encoding: 'utf8',
  }),
) as { baselineMb: number; loadedMb: number; features: number };
const rss = { ...probe, addedMb: Math.round((probe.loadedMb - probe.baselineMb) * 10) / 10 };
const worstP99 = Math.max(...Object.values(latency).map((l) => l.classifyMs.p99));
const report = {
  date: new Date().toISOString(),
  rounds: ROUNDS,
  latency,
  rss,
  targets: TARGETS,
  meetsTargets: worstP99 <= TARGETS.p99Ms && rss.addedMb <= TARGETS.rssMb,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/severity.json'), `${JSON.stringify(report, null, 2)}\n`);
for (const [name, l] of Object.entries(latency))
  console.log(
    `${name.padEnd(12)} classify p50 ${l.classifyMs.p50} ms p99 ${l.classifyMs.p99} ms max ${l.classifyMs.max} ms; features alone p50 ${l.featuresOnlyMs.p50} ms (${l.ratio}x)`,
  );
console.log(
  `RSS: ${rss.baselineMb.toFixed(1)} MB without the model, ${rss.loadedMb.toFixed(1)} MB with it (+${rss.addedMb} MB, ${rss.features} features)`,
);
console.log(
  `targets (p99 ≤ ${TARGETS.p99Ms} ms, ≤ +${TARGETS.rssMb} MB): ${report.meetsTargets ? 'met' : 'NOT met'}; written to bench/results/severity.json`,
);
