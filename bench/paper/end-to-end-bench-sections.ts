// The paper's sections from bench/results/end-to-end.json (npm run bench:e2e): five runs at
// 2,000 tickets/min, payload sizes, faults (Slack 429 / 5xx, PagerDuty down) and the soak.
// The sections themselves are in end-to-end-bench-runs.ts and end-to-end-bench-faults.ts.
import { num, type Section } from './markdown.ts';
import type { EndToEndBenchResults } from './end-to-end-results.ts';
import { inWords, ms, p95Met, sec, verdict } from './end-to-end-bench-format.ts';
import { faultsSection, soakSectionE2e } from './end-to-end-bench-faults.ts';
import { payloadsSection, runsSection } from './end-to-end-bench-runs.ts';

export { faultsSection, payloadsSection, runsSection, soakSectionE2e };

/** The four sections, in the paper's order. */
export function endToEndBenchSections(e2e: EndToEndBenchResults | undefined): Section[] {
  return [runsSection(e2e), payloadsSection(e2e), faultsSection(e2e), soakSectionE2e(e2e)];
}

/** Executive summary lines. */
export function endToEndBenchSummary(e2e: EndToEndBenchResults | undefined): string[] {
  if (!e2e) return [];
  const lines: string[] = [];
  const runs = e2e.runs ?? [];
  if (runs.length) {
    const met = runs.filter((r) => p95Met(r, e2e.target.p95Ms)).length;
    lines.push(
      `- End to end at ${num(runs[0]!.perMinute, 0)} tickets/min, ${inWords(runs.length)} runs: p95 ${runs.map((r) => ms(r.latencyMs.p95)).join(', ')} ms; under ${num(e2e.target.p95Ms, 0)} ms in ${num(met, 0)} of ${num(runs.length, 0)} (target ${num(e2e.target.runs, 0)} of ${num(e2e.target.runs, 0)}: ${verdict(met >= e2e.target.runs && runs.length >= e2e.target.runs)}); ${num(
        runs.reduce((a, r) => a + r.lost, 0),
        0,
      )} lost.`,
    );
  }
  if (e2e.payloads?.length)
    lines.push(
      `- Ticket bodies: card p95 ${e2e.payloads.map((p) => `${ms(p.latencyMs.p95)} ms at ${num(p.textChars, 0)} characters`).join(', ')}.`,
    );
  const f = e2e.faults;
  for (const [name, r] of [
    ['429', f?.slack429],
    ['5xx', f?.slack5xx],
  ] as const)
    if (r)
      lines.push(
        `- Slack answering ${num(r.ratio * 100, 0)} % of calls with ${name}: ${num(r.lost, 0)} lost, ${num(r.duplicates + r.postDuplicates, 0)} duplicates; card p95 ${ms(r.latencyMs.p95)} ms.`,
      );
  if (f?.pagerdutyDown)
    lines.push(
      `- PagerDuty down ${num(f.pagerdutyDown.downSeconds / 60, 1)} min: ${num(f.pagerdutyDown.incidents, 0)} incidents, ${num(f.pagerdutyDown.lost, 0)} pages lost, ${num(f.pagerdutyDown.duplicates, 0)} twice; the last delivered ${sec(f.pagerdutyDown.recoveryToLastTriggerMs)} s after it came back.`,
    );
  if (e2e.soak)
    lines.push(
      `- Soak of ${num(e2e.soak.seconds / 60, 1)} minutes at ${num(e2e.soak.perMinute, 0)} tickets/min: ${num(e2e.soak.lost, 0)} lost; RSS last minute against the second ${e2e.soak.rssGrowthPercent === null ? '–' : `${e2e.soak.rssGrowthPercent > 0 ? '+' : ''}${num(e2e.soak.rssGrowthPercent)}`} %.`,
    );
  return lines;
}

/** A methodology line: the machine's load when bench:e2e ran (the machine may be shared). */
export function endToEndBenchMethodology(e2e: EndToEndBenchResults | undefined): string[] {
  if (!e2e?.run?.loadAverage) return [];
  return [
    `- Load while \`bench:e2e\` ran: load average (1, 5, 15 min) ${e2e.run.loadAverage.map((l) => num(l, 2)).join(', ')} at the start${e2e.loadAtEnd ? `, ${e2e.loadAtEnd.loadAverage.map((l) => num(l, 2)).join(', ')} at the end` : ''}, on ${num(e2e.run.cores, 0)} cores; each part’s own load is in its table or text.`,
  ];
}
