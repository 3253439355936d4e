// The paper's end-to-end section: event to ticket card at a steady offered load, per second too.
import { absent, image, notMeasured, num, table, type Section } from './markdown.ts';
import type { EndToEnd, IntakeResults } from './results.ts';
import { barChart, lineChart } from './svg-chart.ts';

export function endToEndRuns(intake: IntakeResults): EndToEnd[] {
  const e2e = intake.endToEnd;
  return e2e === undefined ? [] : Array.isArray(e2e) ? e2e : [e2e];
}

export function endToEndSection(intake: IntakeResults | undefined): Section {
  const heading = 'End-to-end latency';
  const runs = intake ? endToEndRuns(intake) : [];
  if (runs.length === 0) return absent(heading);
  const rows = runs.map((e) => [
    num(e.perMinute, 0),
    num(e.seconds, 0),
    num(e.sent, 0),
    num(e.cards, 0),
    ...[e.latencyMs.p50, e.latencyMs.p95, e.latencyMs.p99, e.latencyMs.max].map((v) => num(v, 0)),
  ]);
  const plots = [
    {
      file: 'end-to-end.svg',
      svg: barChart({
        title: 'Event to ticket card, by offered load',
        unit: 'ms',
        categories: runs.map((e, i) => `${num(e.perMinute, 0)}/min (run ${i + 1})`),
        series: (['p50', 'p95', 'p99'] as const).map((p) => ({ name: p, values: runs.map((e) => e.latencyMs[p]) })),
      }),
    },
  ];
  const body = [
    'A signed `app_mention` sent at a steady rate to a fresh tplus and database; the time is from the send to the ticket card’s `chat.postMessage` at the Slack emulator.',
    table(['tickets/min', 'seconds', 'sent', 'cards', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows),
    image(plots[0]!, 'end-to-end latency by offered load'),
  ];
  // The highest offered load is where a stall would show.
  const stalled = runs.filter((e) => e.perSecond).sort((a, b) => b.perMinute - a.perMinute)[0];
  const perSecond = stalled?.perSecond;
  if (stalled && perSecond) {
    const plot = {
      file: 'deliveries-per-second.svg',
      svg: lineChart({
        title: `Events sent and cards delivered each second at ${num(stalled.perMinute, 0)} tickets/min`,
        xLabel: 'seconds from the first send',
        unit: 'per second',
        series: [
          { name: 'sent', points: perSecond.map((s) => [s.second, s.sent]) },
          { name: 'delivered', points: perSecond.map((s) => [s.second, s.delivered]) },
        ],
      }),
    };
    plots.push(plot);
    body.push(
      'A stall shows as a gap in the delivered line while events keep arriving.',
      image(plot, 'sent and delivered per second'),
    );
  } else {
    body.push(notMeasured('Deliveries per second'));
  }
  return { heading, body, plots };
}
