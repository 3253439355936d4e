import {
  planSlaVersion,
  slaContentHash,
  versionInEffect,
  type SlaContent,
  type SlaVersion,
} from '../domain/sla-page/index.ts';
import type { Clock } from './ports.ts';
import type { SlaVersionStore } from './sla-ports.ts';

// Each lost race means another process stored a version in between; more than a few means something else is wrong.
const MAX_ATTEMPTS = 5;

/**
 * Runs at start: stores the SLA generated from the running config as a new version when it
 * differs from the latest one. Returns the version stored, or undefined when nothing changed.
 */
export async function publishSlaVersion({
  versions,
  content,
  clock,
}: {
  versions: SlaVersionStore;
  content: SlaContent;
  clock: Clock;
}): Promise<SlaVersion | undefined> {
  const contentHash = slaContentHash(content);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const now = clock.now();
    const all = await versions.list();
    const latest = all.at(-1);
    const next = planSlaVersion({ latest, inEffect: versionInEffect(all, now), content, contentHash, now });
    if (!next) return undefined;
    const stored = await versions.append(latest?.version ?? 0, next);
    if (stored) return stored;
  }
  throw new Error(
    `Could not publish the SLA version after ${MAX_ATTEMPTS} attempts: other processes kept publishing first`,
  );
}
