// The paper's end-to-end sections on the five runs at 2,000 tickets/min and on payload sizes,
// from bench/results/end-to-end.json (npm run bench:e2e).
import { image, notMeasured, num, table, type Plot, type Section } from './markdown.ts';
import type { EndToEndBenchResults } from './end-to-end-results.ts';
import { inWords, latencyCells, load1, lostNotes, p95Met, perSecondPlot, verdict } from './end-to-end-bench-format.ts';
import { barChart } from './svg-chart.ts';

export function runsSection(e2e: EndToEndBenchResults | undefined): Section {
  const runs = e2e?.runs ?? [];
  const heading = `End to end: ${inWords(runs.length || 5)} runs`;
  if (!e2e || runs.length === 0) return { heading, body: [notMeasured('Five end-to-end runs')], plots: [] };
  const { p95Ms } = e2e.target;
  const met = runs.filter((r) => p95Met(r, p95Ms)).length;
  const first = runs[0]!;
  const plots: Plot[] = [
    {
      file: 'e2e-runs.svg',
      svg: barChart({
        title: `Event to triage card, ${inWords(runs.length)} runs at ${num(first.perMinute, 0)} tickets/min`,
        unit: 'ms',
        categories: runs.map((r) => `run ${r.run}`),
        series: (['p50', 'p95', 'p99'] as const).map((p) => ({
          name: p,
          values: runs.map((r) => r.latencyMs[p] ?? undefined),
        })),
      }),
    },
  ];
  const body = [
    `${num(runs.length, 0)} runs, each on a fresh tplus process (the shipped bundle) and a fresh SQLite database: a signed \`app_mention\` every ${num(60_000 / first.perMinute, 0)} ms (${num(first.perMinute, 0)} tickets/min) for ${num(first.seconds, 0)} s. The latency is from the send to the ticket card’s successful \`chat.postMessage\` at the Slack emulator; _lost_ is an event acknowledged with 200 whose card had not arrived ${num(e2e.settings?.drainSeconds ?? NaN, 0)} s after the last send.`,
    `p95 under ${num(p95Ms, 0)} ms in ${num(met, 0)} of ${num(runs.length, 0)} runs (target: ${num(e2e.target.runs, 0)} of ${num(e2e.target.runs, 0)}): ${verdict(met >= e2e.target.runs && runs.length >= e2e.target.runs)}.`,
    table(
      [
        'run',
        'load (1 min)',
        'sent',
        'cards',
        'lost',
        'errors',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        `p95 < ${num(p95Ms, 0)} ms`,
      ],
      runs.map((r) => [
        String(r.run),
        load1(r),
        num(r.sent, 0),
        num(r.cards, 0),
        num(r.lost, 0),
        num(r.errors, 0),
        ...latencyCells(r),
        p95Met(r, p95Ms) ? 'yes' : '**no**',
      ]),
    ),
    ...lostNotes((r) => `Run ${num((r as { run?: number }).run, 0)}`, runs),
    image(plots[0]!, 'end-to-end latency per run'),
  ];
  // The run with the highest p95: where a stall, if any, shows as a gap in the delivered line.
  const worst = [...runs].sort((a, b) => (b.latencyMs.p95 ?? Infinity) - (a.latencyMs.p95 ?? Infinity))[0]!;
  const plot = perSecondPlot(
    'e2e-worst-run-per-second.svg',
    `Sent and delivered each second, run ${worst.run} (highest p95)`,
    worst,
  );
  if (plot) {
    plots.push(plot);
    body.push(
      `Run ${worst.run}, the one with the highest p95, second by second:`,
      image(plot, `sent and delivered per second in run ${worst.run}`),
    );
  }
  return { heading, body, plots };
}

export function payloadsSection(e2e: EndToEndBenchResults | undefined): Section {
  const heading = 'Payload sizes';
  const sizes = e2e?.payloads ?? [];
  if (sizes.length === 0) return { heading, body: [notMeasured('Ticket bodies of 1 KB, 10 KB and 40 KB')], plots: [] };
  const first = sizes[0]!;
  const label = (p: (typeof sizes)[number]) => `${num(p.textChars, 0)} chars`;
  const plot = {
    file: 'e2e-payload-sizes.svg',
    svg: barChart({
      title: 'Ack and card latency by ticket body size',
      unit: 'ms',
      categories: sizes.map(label),
      series: [
        { name: 'ack p99', values: sizes.map((p) => p.ackMs.p99 ?? undefined) },
        { name: 'card p50', values: sizes.map((p) => p.latencyMs.p50 ?? undefined) },
        { name: 'card p95', values: sizes.map((p) => p.latencyMs.p95 ?? undefined) },
      ],
    }),
  };
  return {
    heading,
    body: [
      `An \`app_mention\` whose text is ${sizes.map(label).join(', ')} long (Slack’s message limit is 40,000 characters), with ${num(first.files, 0)} files attached as Slack sends them from a Slack Connect member (\`file_access: check_file_info\`), at ${num(first.perMinute, 0)} tickets/min for ${num(first.seconds, 0)} s per size, each on a fresh process and database. The ack is the HTTP answer to the signed request; the card as above.`,
      table(
        [
          'text',
          'event bytes',
          'load (1 min)',
          'sent',
          'cards',
          'lost',
          'ack p50 ms',
          'ack p95 ms',
          'ack p99 ms',
          'card p50 ms',
          'card p95 ms',
          'card p99 ms',
          'card max ms',
        ],
        sizes.map((p) => [
          label(p),
          num(p.payloadBytes ?? undefined, 0),
          load1(p),
          num(p.sent, 0),
          num(p.cards, 0),
          num(p.lost, 0),
          num(p.ackMs.p50 ?? undefined),
          num(p.ackMs.p95 ?? undefined),
          num(p.ackMs.p99 ?? undefined),
          ...latencyCells(p),
        ]),
      ),
      ...lostNotes((r) => `${num((r as { textChars?: number }).textChars, 0)} characters`, sizes),
      image(plot, 'ack and card latency by payload size'),
    ],
    plots: [plot],
  };
}
