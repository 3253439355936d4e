// Paper sections from bench/results/intake.json: ack latency, throughput, errors, end to end.
import { absent, connections, image, notMeasured, num, table, type Section } from './markdown.ts';
import { endToEndRuns } from './end-to-end-section.ts';
import type { IntakeResults, Load } from './results.ts';
import { barChart, lineChart } from './svg-chart.ts';

export const MODES = [
  { key: 'bareHttp', label: 'bare node:http' },
  { key: 'bareBolt', label: 'bare Bolt' },
  { key: 'tplusDurableIntake', label: 'tplus durable intake (HTTP)' },
  { key: 'tplusSocketMode', label: 'tplus durable intake (Socket Mode)' },
] as const;

export type ModeRuns = { key: (typeof MODES)[number]['key']; label: string; runs: Load[] };

/** The intake runs by mode, each sorted by connection count; modes absent from the run left out. */
export function modeRuns(intake: IntakeResults): ModeRuns[] {
  return MODES.flatMap(({ key, label }) => {
    const runs = Object.values(intake[key] ?? {}).sort((a, b) => a.connections - b.connections);
    return runs.length > 0 ? [{ key, label, runs }] : [];
  });
}

// autocannon counts a timeout among the errors too, so it is not added again.
function errorRate(r: Load): number {
  const attempts = r.total + r.errors;
  return attempts > 0 ? (r.non2xx + r.errors) / attempts : 0;
}

export function latencySection(intake: IntakeResults | undefined): Section {
  const heading = 'Ack latency';
  if (!intake) return absent(heading);
  const modes = modeRuns(intake);
  if (modes.length === 0) return absent(heading);
  const rows = modes.flatMap(({ label, runs }) =>
    runs.map((r) => {
      const l = r.latencyMs;
      return [
        label,
        String(r.connections),
        num(r.requestsPerSecond, 0),
        ...[l.p50, l.p90, l.p95, l.p99, l.max].map((v) => num(v)),
      ];
    }),
  );
  // 10 connections is the reference the targets use; a run without it shows its smallest count.
  const counts = modes.flatMap((m) => m.runs.map((r) => r.connections)).sort((a, b) => a - b);
  const reference = counts.find((c) => c >= 10) ?? counts[0] ?? 0;
  const percentiles = ['p50', 'p90', 'p95', 'p99', 'max'] as const;
  const shown = percentiles.filter((p) => modes.some((m) => m.runs.some((r) => r.latencyMs[p] !== undefined)));
  const plot = {
    file: 'ack-latency.svg',
    svg: barChart({
      title: `Ack latency at ${connections(reference)}`,
      unit: 'ms',
      categories: [...shown],
      series: modes.map(({ label, runs }) => {
        const run = runs.find((r) => r.connections === reference);
        return { name: label, values: shown.map((p) => run?.latencyMs[p]) };
      }),
    }),
  };
  const bareHttp = modes.some((m) => m.key === 'bareHttp') ? [] : [notMeasured('Bare node:http on the intake path')];
  return {
    heading,
    body: [
      'Time from the request to Slack’s 200, as the load tool saw it (tplus answers after the event is committed to the inbox). ' +
        'In Socket Mode, time from the emulator sending an envelope to its ack, with as many envelopes in flight as there are connections.',
      table(['mode', 'connections', 'acks/s', 'p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'max ms'], rows),
      '– : the load tool does not report this percentile.',
      ...bareHttp,
      image(plot, 'ack latency per mode'),
    ],
    plots: [plot],
  };
}

export function throughputSection(intake: IntakeResults | undefined): Section {
  const heading = 'Throughput';
  if (!intake) return absent(heading);
  const modes = modeRuns(intake);
  // Baseline, peak, knee and the ratio to bare Bolt are the HTTP intake's; the plot shows every mode.
  const tplus = modes.find((m) => m.key === 'tplusDurableIntake');
  if (!tplus) return absent(heading);
  const body: string[] = [];
  const baseline = tplus.runs[0]!;
  const peak = tplus.runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  body.push(
    `Baseline: ${num(baseline.requestsPerSecond, 0)} acks/s at ${connections(baseline.connections)}. ` +
      `Peak: ${num(peak.requestsPerSecond, 0)} acks/s at ${connections(peak.connections)} ` +
      `(connection counts measured: ${tplus.runs.map((r) => r.connections).join(', ')}).`,
  );
  if (baseline.connections === 1)
    body.push(
      'At 1 connection tplus is still processing the tickets of the warm-up run, and the load tool sends a request only ' +
        'after the previous ack; the figure swings widely from run to run. A likely cause, not yet proven: arrivals ' +
        'then stay below what the intake takes for a burst, processing does not step back, and an ack can wait behind ' +
        'one ticket.',
    );
  if (tplus.runs.length < 3) {
    body.push(notMeasured('Saturation (too few connection counts to find the knee)'));
  } else {
    // The knee: the fewest connections that reach 90 % of the peak; past it more connections add queueing.
    const knee = tplus.runs.find((r) => r.requestsPerSecond >= 0.9 * peak.requestsPerSecond)!;
    const past = tplus.runs.filter((r) => r.connections > knee.connections);
    if (past.length === 0) {
      body.push(`Saturation: not reached by ${connections(knee.connections)}, the largest count measured.`);
    } else {
      const pastRate = past.reduce((sum, r) => sum + errorRate(r), 0) / past.length;
      body.push(
        `Saturation: the knee is at ${connections(knee.connections)} (${num(knee.requestsPerSecond, 0)} acks/s, ≥ 90 % of the peak); ` +
          `mean error rate past it ${num(pastRate * 100, 2)} %.`,
      );
    }
  }
  const bolt = modes.find((m) => m.key === 'bareBolt');
  if (bolt) {
    const rows = tplus.runs.flatMap((r) => {
      const b = bolt.runs.find((x) => x.connections === r.connections);
      return b
        ? [
            [
              String(r.connections),
              num(r.requestsPerSecond, 0),
              num(b.requestsPerSecond, 0),
              `${num(r.requestsPerSecond / b.requestsPerSecond, 2)}×`,
            ],
          ]
        : [];
    });
    body.push(table(['connections', 'tplus acks/s', 'bare Bolt acks/s', 'tplus ÷ Bolt'], rows));
  }
  body.push(...pairedParagraphs(intake));
  const plot = {
    file: 'throughput.svg',
    svg: lineChart({
      title: 'Acks per second against connections',
      xLabel: 'connections',
      unit: 'acks/s',
      series: modes.map(({ label, runs }) => ({
        name: label,
        points: runs.map((r) => [r.connections, r.requestsPerSecond]),
      })),
    }),
  };
  body.push(image(plot, 'acks per second against connections'));
  return { heading, body, plots: [plot] };
}

/** Bare Bolt then tplus, back to back in fresh processes, pair by pair; the target reads the medians. */
function pairedParagraphs({ paired, targets }: IntakeResults): string[] {
  if (!paired || paired.pairs.length === 0) return [notMeasured('Bare Bolt and tplus in back-to-back pairs')];
  const ratioTarget = targets?.ratioAtLeastC10;
  const p99Target = targets?.p99RatioAtMostC10;
  const verdict = (isMet: boolean) => (isMet ? 'met' : '**missed**');
  const rows = paired.pairs.map((p, i) => [
    String(i + 1),
    num(p.bareBolt.requestsPerSecond, 0),
    num(p.tplus.requestsPerSecond, 0),
    `${num(p.ratio, 2)}×`,
    num(p.bareBolt.latencyMs.p99, 0),
    num(p.tplus.latencyMs.p99, 0),
    `${num(p.p99Ratio, 2)}×`,
  ]);
  const medians =
    `Medians of the ${paired.pairs.length} pairs: tplus ${num(paired.medianRatio, 3)}× bare Bolt's acks/s` +
    (ratioTarget === undefined
      ? ''
      : ` (target ≥ ${num(ratioTarget, 1)}×: ${verdict(paired.medianRatio >= ratioTarget)})`) +
    `, p99 ${num(paired.medianP99Ratio, 2)}× Bolt's` +
    (p99Target === undefined
      ? ''
      : ` (target ≤ ${num(p99Target, 1)}×: ${verdict(paired.medianP99Ratio <= p99Target)})`) +
    `; lowest pair ${num(Math.min(...paired.pairs.map((p) => p.ratio)), 3)}×.`;
  return [
    `Back-to-back pairs at ${connections(paired.connections)}: bare Bolt, then tplus, each freshly started, warmed up for 2 s and measured for ${num(paired.seconds, 0)} s; a pair takes about 15 s, where the sweep above measures the two modes minutes apart (this machine's speed drifts by up to 40 % from one minute to the next).`,
    table(['pair', 'Bolt acks/s', 'tplus acks/s', 'tplus ÷ Bolt', 'Bolt p99 ms', 'tplus p99 ms', 'p99 ÷ Bolt'], rows),
    medians,
  ];
}

/** `faultsMeasured`: bench:e2e measured Slack and PagerDuty faults, in their own section. */
export function errorsSection(intake: IntakeResults | undefined, faultsMeasured = false): Section {
  const heading = 'Error rates and 429 handling';
  if (!intake) return absent(heading);
  const rows = modeRuns(intake).flatMap(({ label, runs }) =>
    runs.map((r) => [
      label,
      String(r.connections),
      num(r.total, 0),
      num(r.non2xx, 0),
      num(r.errors, 0),
      num(r.timeouts, 0),
      `${num(errorRate(r) * 100, 2)} %`,
    ]),
  );
  const e2e = endToEndRuns(intake).map(
    (e) =>
      `End to end at ${num(e.perMinute, 0)} tickets/min: ${num(e.errors, 0)} requests not answered 200, ${num(e.sent - e.cards, 0)} of ${num(e.sent, 0)} cards not delivered.`,
  );
  return {
    heading,
    body: [
      table(['mode', 'connections', 'requests', 'non-2xx', 'errors', 'timeouts', 'error rate'], rows),
      ...e2e,
      faultsMeasured
        ? 'Slack answering 429 (Retry-After) or 5xx, and PagerDuty down: see Faults below.'
        : notMeasured('Slack answering 429 (Retry-After) or 5xx, and PagerDuty down'),
    ],
    plots: [],
  };
}
