// The benchmark paper from the results alone: a pure function, so the same results give the same
// bytes and a test can render it from a fixture.
import { engineSection, soakSection } from './engine-sections.ts';
import { endToEndBenchMethodology, endToEndBenchSections, endToEndBenchSummary } from './end-to-end-bench-sections.ts';
import { endToEndRuns, endToEndSection } from './end-to-end-section.ts';
import { errorsSection, latencySection, modeRuns, throughputSection } from './intake-sections.ts';
import { connections, notMeasured, num, renderSections, type Plot, type Section } from './markdown.ts';
import { postgresSection } from './postgres-section.ts';
import type { IntakeResults, Results } from './results.ts';

function summary(results: Results): Section {
  const lines: string[] = [];
  const intake = results.intake;
  if (intake) {
    const [bolt, tplus] = ['bare Bolt', 'tplus durable intake (HTTP)'].map((l) =>
      modeRuns(intake).find((m) => m.label === l),
    );
    for (const t of tplus?.runs ?? []) {
      const b = bolt?.runs.find((r) => r.connections === t.connections);
      if (!b) continue;
      lines.push(
        `- Durable intake at ${connections(t.connections)}: ${num(t.requestsPerSecond, 0)} acks/s, ${num(t.requestsPerSecond / b.requestsPerSecond, 2)}× bare Bolt; p99 ${num(t.latencyMs.p99)} ms against Bolt’s ${num(b.latencyMs.p99)} ms.`,
      );
    }
    if (intake.paired)
      lines.push(
        `- Back to back with bare Bolt at ${connections(intake.paired.connections)}, ${intake.paired.pairs.length} pairs: median ${num(intake.paired.medianRatio, 3)}× Bolt's acks/s (lowest ${num(Math.min(...intake.paired.pairs.map((p) => p.ratio)), 3)}×), p99 ${num(intake.paired.medianP99Ratio, 2)}× Bolt's.`,
      );
    for (const e of endToEndRuns(intake)) {
      lines.push(
        `- End to end at ${num(e.perMinute, 0)} tickets/min for ${num(e.seconds, 0)} s: p50 ${num(e.latencyMs.p50, 0)} ms, p95 ${num(e.latencyMs.p95, 0)} ms; ${num(e.cards, 0)} of ${num(e.sent, 0)} cards delivered.`,
      );
    }
  }
  const { lateness, drain } = results.engine ?? {};
  if (lateness)
    lines.push(
      `- Runbook steps: p99 lateness ${num(lateness.recordedLatenessMs.p99, 0)} ms over ${num(lateness.steps, 0)} steps.`,
    );
  if (drain)
    lines.push(
      `- ${num(drain.steps, 0)} overdue steps drained ${num(drain.drainMsFromReady / 1000, 1)} s after a restart was ready.`,
    );
  for (const r of Object.values(results.replicas?.runs ?? {}).sort(
    (a, b) => a.sqlite.connections - b.sqlite.connections,
  ))
    lines.push(
      `- PostgreSQL intake at ${connections(r.sqlite.connections)}: two replicas ${num(r.postgresqlTwo.acksPerSecond / r.postgresqlOne.acksPerSecond, 2)}× one replica’s acks/s, p99 ${num(r.postgresqlTwo.latencyMs.p99)} ms (SQLite ${num(r.sqlite.acksPerSecond, 0)} acks/s).`,
    );
  const onPostgres = results.engine?.byDatabase?.postgresql;
  if (onPostgres?.lateness && onPostgres.drain)
    lines.push(
      `- Engine on PostgreSQL: p99 lateness ${num(onPostgres.lateness.recordedLatenessMs.p99, 0)} ms; ${num(onPostgres.drain.steps, 0)} overdue steps drained ${num(onPostgres.drain.drainMsFromSpawn / 1000, 1)} s after a restart’s spawn.`,
    );
  lines.push(...endToEndBenchSummary(results.endToEndBench));
  if (lines.length === 0) lines.push(notMeasured('Every benchmark'));
  return { heading: 'Executive summary', body: [lines.join('\n')], plots: [] };
}

function methodology(results: Results): Section {
  const { intake, engine } = results;
  const run = {
    ...results.replicas?.machine,
    ...results.replicas?.run,
    ...engine?.machine,
    ...engine?.run,
    ...intake?.machine,
    ...intake?.run,
  };
  const counts = intake
    ? [...new Set(modeRuns(intake).flatMap((m) => m.runs.map((r) => r.connections)))].sort((a, b) => a - b)
    : [];
  const lines = [
    `- Tool: \`npm run bench\`. Intake over HTTP: autocannon (requests signed before the clock starts) against the tplus bundle (the flags of \`bin/runtime.mjs\`) and the bare baselines, in the same run; over Socket Mode: the Slack emulator keeps as many envelopes in flight as there are connections and times each ack. End to end: signed events at a steady rate, cards timed at the Slack emulator. Engine: a seeded database and a tplus child process, SQLite (the figures of the sections below unless they say otherwise) and PostgreSQL. PostgreSQL: a throwaway server started by the benchmark itself.`,
    `- Machine: ${run.cores === undefined ? 'not recorded' : `${run.cores} cores`}${run.cpu ? `, ${run.cpu}` : ''}; Node ${run.node ?? 'not recorded'}.`,
    `- Commit and date: ${provenance(results)}.`,
    intake?.durationSeconds === undefined
      ? `- ${notMeasured('Intake load')}`
      : `- Duration: ${num(intake.durationSeconds, 0)} s per intake load run.`,
    counts.length
      ? `- Ramp: none; each load run holds a fixed connection count (${counts.join(', ')}) after a warm-up run.`
      : `- Ramp: ${notMeasured('intake load')}.`,
    `- Payloads: ${payloads(intake, results.endToEndBench?.payloads !== undefined)}`,
    ...endToEndBenchMethodology(results.endToEndBench),
  ];
  return { heading: 'Methodology', body: [lines.join('\n')], plots: [] };
}

/** Each file's own commit and date: the benchmarks are often run at different commits. */
function provenance(results: Results): string {
  const runs = {
    'intake.json': results.intake?.run,
    'replicas.json': results.replicas?.run,
    'engine.json': results.engine?.run,
    'end-to-end.json': results.endToEndBench?.run,
  };
  const at = (run: { commit?: string; date?: string } | undefined) =>
    run?.commit ? `${run.commit} at ${run.date ?? 'an unrecorded date'}` : 'not recorded';
  const parts = Object.entries(results.endToEndBench?.partRuns ?? {}).map(
    ([part, run]) => `its part \`${part}\` rerun at ${at(run)}`,
  );
  return (
    Object.entries(runs)
      .filter(([file]) => results.files.includes(file))
      .map(([file, run]) => [`\`${file}\` ${at(run)}`, ...(file === 'end-to-end.json' ? parts : [])].join(', '))
      .join('; ') || 'not recorded'
  );
}

function payloads(intake: IntakeResults | undefined, sizesMeasured: boolean): string {
  const size = intake?.payloadBytes === undefined ? 'size not recorded' : `${num(intake.payloadBytes, 0)} bytes`;
  return `one \`app_mention\` event callback from a Slack Connect channel (${size}). ${sizesMeasured ? 'Ticket bodies of 1 KB, 10 KB and 40 KB with file metadata: see Payload sizes.' : notMeasured('Ticket bodies of 1 KB, 10 KB and 40 KB with attachments')}`;
}

function rawData(results: Results): Section {
  const links = results.files.map((f) => `- [\`bench/results/${f}\`](../bench/results/${f})`);
  return { heading: 'Raw data', body: [links.length ? links.join('\n') : notMeasured('Every benchmark')], plots: [] };
}

export function renderPaper(results: Results): { markdown: string; plots: Plot[] } {
  const { intake, engine } = results;
  const sections: Section[] = [
    summary(results),
    methodology(results),
    latencySection(intake),
    throughputSection(intake),
    errorsSection(intake, results.endToEndBench?.faults !== undefined),
    endToEndSection(intake),
    ...endToEndBenchSections(results.endToEndBench),
    engineSection(engine),
    soakSection(
      engine,
      results.endToEndBench?.soak ? 'RSS over a soak at 2,000 tickets/min: see Soak above.' : undefined,
    ),
    postgresSection(results.replicas, engine),
    rawData(results),
  ];
  const intro = ['_Generated by `npm run bench:paper` from `bench/results/`; do not edit by hand._'];
  return { markdown: renderSections('tplus benchmark', intro, sections), plots: sections.flatMap((s) => s.plots) };
}
