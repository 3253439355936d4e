// Shared pieces of the end-to-end bench's paper sections: number formats, verdicts, notes on the
// tickets left without a card, and the sent-and-delivered-per-second plot.
import { num, type Plot } from './markdown.ts';
import type { EndToEndBenchRun } from './end-to-end-results.ts';
import { lineChart } from './svg-chart.ts';

type Maybe = number | null | undefined;
export const ms = (v: Maybe) => num(v ?? undefined, 0);
export const sec = (v: Maybe) => (v === null || v === undefined ? '–' : num(v / 1000, 1));
export const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const inWords = (n: number) => WORDS[n] ?? num(n, 0);
export const load1 = (r: { load?: { loadAverage: number[] } }) => num(r.load?.loadAverage[0], 2);
export const latencyCells = (r: EndToEndBenchRun) =>
  [r.latencyMs.p50, r.latencyMs.p95, r.latencyMs.p99, r.latencyMs.max].map(ms);
export const p95Met = (r: EndToEndBenchRun, target: number) => r.latencyMs.p95 !== null && r.latencyMs.p95 < target;

const counts = (byState: Record<string, number>) =>
  Object.entries(byState)
    .map(([state, count]) => `${num(count, 0)} ${state}`)
    .join(', ') || 'none';

/** Late is not dropped: where the tickets without a card stood when the wait ended. */
export function lostNotes(label: (r: EndToEndBenchRun) => string, runs: EndToEndBenchRun[]): string[] {
  const notes = runs.flatMap((r) =>
    r.lost > 0 && r.undelivered
      ? [
          `- ${label(r)}: of the ${num(r.lost, 0)} without a card when the wait ended, ${num(r.undelivered.withoutTicket, 0)} had no ticket yet (inbox entries: ${counts(r.undelivered.inbox)}); their card’s outbox items: ${counts(r.undelivered.cardOutbox)}.`,
        ]
      : [],
  );
  return notes.length ? [notes.join('\n')] : [];
}

export function perSecondPlot(file: string, title: string, r: EndToEndBenchRun): Plot | undefined {
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
