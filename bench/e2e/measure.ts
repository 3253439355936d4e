// Measurements shared by the end-to-end bench's parts: the machine's load, the process's RSS, and
// the results kept readable.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { rssMb, type EndToEndResult } from '../support/end-to-end.ts';
import { RSS_EVERY_MS } from './settings.ts';

/** The machine's load when a part starts: the bench shares the machine, so its numbers are indicative. */
export function load(): { loadAverage: number[]; uptime: string } {
  let uptime = '';
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    /* no uptime(1) */
  }
  return { loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), uptime };
}

/** RSS every RSS_EVERY_MS from now until the returned stop function is called. */
export function sampleRss(pid: number) {
  const started = Date.now();
  const samples: { second: number; mb: number }[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== undefined)
      samples.push({ second: Math.round((Date.now() - started) / 1000), mb: Math.round(mb * 10) / 10 });
  };
  take();
  const timer = setInterval(take, RSS_EVERY_MS);
  return () => {
    clearInterval(timer);
    return samples;
  };
}

/** Drops the per-ticket examples when nothing went wrong, so the results stay readable. */
export function tidy(r: EndToEndResult) {
  const { examples, undelivered, ...rest } = r;
  return r.lost + r.duplicates + r.postDuplicates > 0 ? { ...rest, undelivered, examples } : rest;
}

export const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
