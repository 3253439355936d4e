// The paper's end-to-end sections on faults (Slack 429 / 5xx, PagerDuty down) and on the soak,
// from bench/results/end-to-end.json (npm run bench:e2e).
import { image, notMeasured, num, table, type Plot, type Section } from './markdown.ts';
import type { EndToEndBenchResults, PagerDutyDownRun, SlackFaultRun } from './end-to-end-results.ts';
import { lostNotes, ms, perSecondPlot, sec, verdict } from './end-to-end-bench-format.ts';
import { lineChart } from './svg-chart.ts';

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
