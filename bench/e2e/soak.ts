// Part `soak` of the end-to-end bench: SOAK_S at SOAK_PER_MINUTE tickets/min on one fresh process,
// its RSS sampled every RSS_EVERY_MS.
import { endToEnd } from '../support/end-to-end.ts';
import { load, mean, sampleRss, tidy } from './measure.ts';
import { DRAIN_MS, SOAK_PER_MINUTE, SOAK_S } from './settings.ts';
import type { PartContext } from './tplus.ts';

export async function soakPart({ slack, fresh, done, warnings }: PartContext) {
  const t = await fresh('soak');
  const at = load();
  const stopRss = sampleRss(t.child.pid!);
  const r = await endToEnd(t.url, t.dbPath, slack, SOAK_PER_MINUTE, SOAK_S, { drainMs: DRAIN_MS });
  const rss = stopRss();
  await done(t);
  // Mean RSS of each whole minute of sending; the target compares the last with the second.
  const minutes = [];
  for (let m = 0; m * 60 < SOAK_S; m += 1) {
    const inMinute = rss.filter((s) => s.second >= m * 60 && s.second < (m + 1) * 60);
    if (inMinute.length) minutes.push({ minute: m + 1, meanMb: mean(inMinute.map((s) => s.mb)) });
  }
  const second = minutes.find((m) => m.minute === 2)?.meanMb;
  const last = minutes.at(-1)?.meanMb;
  const growthPercent = second && last ? Math.round(((last - second) / second) * 1000) / 10 : null;
  const soak = {
    ...tidy(r),
    ...warnings(t),
    perSecond: r.perSecond,
    rssMb: rss,
    minutes,
    rssGrowthPercent: growthPercent,
    load: at,
    loadAtEnd: load(),
  };
  console.log(
    `soak ${SOAK_S} s at ${SOAK_PER_MINUTE}/min: ${r.cards}/${r.sent} cards, lost ${r.lost}, p95 ${r.latencyMs.p95} ms; RSS minute 2 ${second} MB, last ${last} MB (${growthPercent} %)`,
  );
  return soak;
}
