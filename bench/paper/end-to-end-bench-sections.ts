// The paper's sections from bench/results/end-to-end.json (npm run bench:e2e): five runs at
// 2,000 tickets/min, payload sizes, faults (Slack 429 / 5xx, PagerDuty down) and the soak.
import { image, notMeasured, num, table, type Plot, type Section } from './markdown.ts';
import type { EndToEndBenchResults, EndToEndBenchRun, PagerDutyDownRun, SlackFaultRun } from './end-to-end-results.ts';
import { barChart, lineChart } from './svg-chart.ts';

type Maybe = number | null | undefined;
const ms = (v: Maybe) => num(v ?? undefined, 0);
const sec = (v: Maybe) => (v === null || v === undefined ? '–' : num(v / 1000, 1));
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number) => WORDS[n] ?? num(n, 0);
const load1 = (r: { load?: { loadAverage: number[] } }) => num(r.load?.loadAverage[0], 2);
const latencyCells = (r: EndToEndBenchRun) =>
  [r.latencyMs.p50, r.latencyMs.p95, r.latencyMs.p99, r.latencyMs.max].map(ms);
const p95Met = (r: EndToEndBenchRun, target: number) => r.latencyMs.p95 !== null && r.latencyMs.p95 < target;

const counts = (byState: Record<string, number>) =>
  Object.entries(byState)
    .map(([state, count]) => `${num(count, 0)} ${state}`)
    .join(', ') || 'none';

/** Late is not dropped: where the tickets without a card stood when the wait ended. */
function lostNotes(label: (r: EndToEndBenchRun) => string, runs: EndToEndBenchRun[]): string[] {
  const notes = runs.flatMap((r) =>
    r.lost > 0 && r.undelivered
      ? [
          `- ${label(r)}: of the ${num(r.lost, 0)} without a card when the wait ended, ${num(r.undelivered.withoutTicket, 0)} had no ticket yet (inbox entries: ${counts(r.undelivered.inbox)}); their card’s outbox items: ${counts(r.undelivered.cardOutbox)}.`,
        ]
      : [],
  );
  return notes.length ? [notes.join('\n')] : [];
}

function perSecondPlot(file: string, title: string, r: EndToEndBenchRun): Plot | undefined {
  if (!r.perSecond?.length) return undefined;
  return {
    file,
    svg: lineChart({
      title,
      xLabel: 'seconds from the first send',
      unit: 'per second',
      series: [
        { name: 'sent', points: r.perSecond.map((s) => [s.second, s.sent]) },
        { name: 'cards delivered', points: r.perSecond.map((s) => [s.second, s.delivered]) },
      ],
    }),
  };
}

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

function slackFault(name: string, f: SlackFaultRun, file: string) {
  const row = [
    name,
    `${num(f.faultedCalls, 0)} of ${num(f.slackCalls, 0)}`,
    num(f.sent, 0),
    num(f.cardsDeliveredDuringFault, 0),
    num(f.cards, 0),
    num(f.lost, 0),
    num(f.duplicates, 0),
    num(f.postDuplicates, 0),
    ms(f.latencyMs.p50),
    ms(f.latencyMs.p95),
    ms(f.latencyMs.max),
    sec(f.drainMs),
  ];
  const plot = perSecondPlot(file, `Sent and delivered each second, Slack answering ${name}`, f);
  return { row, plot };
}

function pagerDutyText(pd: PagerDutyDownRun): string {
  return `PagerDuty (its emulator) answered every Events and REST request with 500 for ${num(pd.downSeconds, 0)} s while S1 tickets arrived (“Production is down for all users, every request fails, no workaround”, ${num(pd.perMinute, 0)} a minute, ${num(pd.ticketsSent, 0)} in all): ${num(pd.incidents, 0)} incidents opened, ${num(pd.failedEnqueueCalls, 0)} trigger calls refused, ${num(pd.deliveredDuringOutage, 0)} triggers accepted during the outage and ${num(pd.triggersDelivered, 0)} in all; ${num(pd.lost, 0)} incidents without a trigger and ${num(pd.duplicates, 0)} with more than one (accepted triggers counted per dedup key at the emulator; target 0 and 0: ${verdict(pd.lost === 0 && pd.duplicates === 0 && pd.incidents > 0)}). After PagerDuty came back, the first trigger arrived in ${sec(pd.recoveryToFirstTriggerMs)} s and the last in ${sec(pd.recoveryToLastTriggerMs)} s. Load average (1 min) ${num(pd.load?.loadAverage[0], 2)}.`;
}

export function faultsSection(e2e: EndToEndBenchResults | undefined): Section {
  const heading = 'Faults';
  const faults = e2e?.faults;
  if (!faults || (!faults.slack429 && !faults.slack5xx && !faults.pagerdutyDown))
    return { heading, body: [notMeasured('Slack answering 429 or 5xx, and PagerDuty down')], plots: [] };
  const body: string[] = [];
  const plots: Plot[] = [];
  const slack: [string, SlackFaultRun | undefined, string][] = [
    ['429 (Retry-After)', faults.slack429, 'e2e-faults-slack-429.svg'],
    ['5xx', faults.slack5xx, 'e2e-faults-slack-5xx.svg'],
  ];
  const measured = slack.flatMap(([name, run, file]) => (run ? [{ name, run, file }] : []));
  if (measured.length) {
    const f = measured[0]!.run;
    body.push(
      `The Slack emulator answers a random ${num(f.ratio * 100, 0)} % of Web API calls with the fault while the events arrive (${num(f.perMinute, 0)} tickets/min for ${num(f.seconds, 0)} s, fresh process and database), and is healed when the last event is sent. _Lost_: a ticket without a card ${num(e2e.settings?.drainSeconds ?? NaN, 0)} s after the last send; _duplicate cards_: tickets whose card was posted more than once, _duplicate posts_: outbox keys of any kind posted more than once (successful posts only). The last column is from the last send to the last card.`,
    );
    const rows: string[][] = [];
    const images: string[] = [];
    for (const { name, run, file } of measured) {
      const { row, plot } = slackFault(name, run, file);
      rows.push(row);
      if (!plot) continue;
      plots.push(plot);
      images.push(image(plot, `sent and delivered per second, Slack answering ${name}`));
    }
    body.push(
      table(
        [
          'Slack answers',
          'calls faulted',
          'sent',
          'cards during the fault',
          'cards',
          'lost',
          'duplicate cards',
          'duplicate posts',
          'p50 ms',
          'p95 ms',
          'max ms',
          'last card after last send (s)',
        ],
        rows,
      ),
      measured
        .map(
          ({ name, run: r }) =>
            `- ${name}: lost ${num(r.lost, 0)}, duplicates ${num(r.duplicates + r.postDuplicates, 0)} (target 0 and 0: ${verdict(r.lost === 0 && r.duplicates + r.postDuplicates === 0)}); load average (1 min) ${num(r.load?.loadAverage[0], 2)}.`,
        )
        .join('\n'),
      ...lostNotes(
        (r) => `Slack answering ${(r as SlackFaultRun).mode}`,
        measured.map((m) => m.run),
      ),
      ...images,
    );
  } else {
    body.push(notMeasured('Slack answering 429 or 5xx'));
  }
  const pd = faults.pagerdutyDown;
  if (pd) {
    let total = 0;
    const points: [number, number][] = [[0, 0]];
    for (const s of pd.perSecond) if (s.delivered) points.push([s.second, total], [s.second, (total += s.delivered)]);
    const plot = {
      file: 'e2e-faults-pagerduty.svg',
      svg: lineChart({
        title: `PagerDuty triggers accepted; PagerDuty down for the first ${num(pd.downSeconds, 0)} s`,
        xLabel: 'seconds from the start of the outage',
        unit: 'triggers (cumulative)',
        series: [{ name: 'triggers accepted', points }],
      }),
    };
    plots.push(plot);
    body.push(pagerDutyText(pd), image(plot, 'PagerDuty triggers accepted over the outage and after'));
  } else {
    body.push(notMeasured('PagerDuty down'));
  }
  return { heading, body, plots };
}

export function soakSectionE2e(e2e: EndToEndBenchResults | undefined): Section {
  const heading = 'Soak';
  const soak = e2e?.soak;
  if (!e2e || !soak) return { heading, body: [notMeasured('A soak at 2,000 tickets/min')], plots: [] };
  const second = soak.minutes.find((m) => m.minute === 2);
  const last = soak.minutes.at(-1);
  const within = e2e.target.soakRssWithinPercent;
  const flat = soak.rssGrowthPercent !== null && Math.abs(soak.rssGrowthPercent) <= within;
  const rssPlot = {
    file: 'e2e-soak-rss.svg',
    svg: lineChart({
      title: `RSS of the tplus process over a ${num(soak.seconds / 60, 1)}-minute soak`,
      xLabel: 'minutes from the first send',
      unit: 'MB',
      series: [{ name: 'RSS', points: soak.rssMb.map((s) => [s.second / 60, s.mb]) }],
    }),
  };
  const plots: Plot[] = [rssPlot];
  const body = [
    `${num(soak.seconds / 60, 1)} minutes at ${num(soak.perMinute, 0)} tickets/min on one fresh process and database: ${num(soak.sent, 0)} sent, ${num(soak.cards, 0)} cards, ${num(soak.lost, 0)} lost (target 0: ${verdict(soak.lost === 0)}), ${num(soak.errors, 0)} errors; card latency p50 ${ms(soak.latencyMs.p50)} ms, p95 ${ms(soak.latencyMs.p95)} ms, p99 ${ms(soak.latencyMs.p99)} ms, max ${ms(soak.latencyMs.max)} ms. Load average (1 min) ${num(soak.load?.loadAverage[0], 2)} at the start, ${num(soak.loadAtEnd?.loadAverage[0], 2)} at the end.`,
    `RSS read from \`/proc/<pid>/status\` every 5 s: mean ${num(second?.meanMb)} MB in minute 2, ${num(last?.meanMb)} MB in minute ${num(last?.minute, 0)}, ${soak.rssGrowthPercent === null ? '–' : `${soak.rssGrowthPercent > 0 ? '+' : ''}${num(soak.rssGrowthPercent)}`} % (target: within ${num(within, 0)} %: ${verdict(flat)}).`,
    table(
      ['minute', ...soak.minutes.map((m) => num(m.minute, 0))],
      [['mean RSS MB', ...soak.minutes.map((m) => num(m.meanMb))]],
    ),
    ...lostNotes(() => 'Soak', [soak]),
    image(rssPlot, 'RSS over the soak'),
  ];
  const perSecond = perSecondPlot('e2e-soak-per-second.svg', 'Sent and delivered each second over the soak', soak);
  if (perSecond) {
    plots.push(perSecond);
    body.push(image(perSecond, 'sent and delivered per second over the soak'));
  }
  return { heading, body, plots };
}

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
