// BENCH_E2E_MERGE=1 with BENCH_E2E_PARTS: a rerun of some parts replaces just those parts in the
// existing end-to-end.json and records its own run (commit, date, load) under partRuns, so the
// paper can say which part was measured when.
import { existsSync, readFileSync } from 'node:fs';

/** Which keys of the report (and of its settings) each part writes. */
const PART_KEYS: Record<string, { report: string[]; settings: string[] }> = {
  runs: { report: ['runs'], settings: ['runs', 'seconds', 'perMinute'] },
  payloads: { report: ['payloads'], settings: ['payloads'] },
  faults: { report: ['faults.slack429', 'faults.slack5xx'], settings: ['faults'] },
  pagerduty: { report: ['faults.pagerdutyDown'], settings: ['pagerduty'] },
  soak: { report: ['soak'], settings: ['soak'] },
};

type Json = Record<string, unknown>;
const child = (object: Json, key: string) => (object[key] ??= {}) as Json;

function copyPath(from: Json, to: Json, path: string): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    if (from[head] !== undefined) to[head] = from[head];
    return;
  }
  const value = (from[head] as Json | undefined)?.[tail];
  if (value !== undefined) child(to, head)[tail] = value;
}

/** The existing results with the parts just run taken from `fresh`. */
export function mergeParts(file: string, fresh: Json, parts: ReadonlySet<string>): Json {
  if (!existsSync(file)) return fresh;
  const merged = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const partRuns = child(merged, 'partRuns');
  for (const part of parts) {
    const keys = PART_KEYS[part];
    if (!keys) throw new Error(`unknown end-to-end part: ${part}`);
    for (const path of keys.report) copyPath(fresh, merged, path);
    for (const key of keys.settings) copyPath(fresh.settings as Json, child(merged, 'settings'), key);
    partRuns[part] = fresh.run;
  }
  return merged;
}
