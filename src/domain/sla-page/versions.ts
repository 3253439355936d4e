import type { SlaChange, SlaContent } from './content.ts';
import { diffSla } from './diff.ts';
import { isWeakening } from './weakening.ts';

export interface SlaVersion {
  version: number;
  contentHash: string;
  content: SlaContent;
  /** Changes from the version before it (empty for the first). */
  diff: SlaChange[];
  /** It gives customers less than the version in effect when it was published. */
  isWeakening: boolean;
  createdAt: Date;
  effectiveAt: Date;
}

export type NewSlaVersion = Omit<SlaVersion, 'version'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The next version to store, or undefined when the content is the latest's. Weakening is judged
 * against the version in effect, not the latest: a harmless edit made while a weakening version
 * waits out its notice must not bring that weakening forward. The notice is the one promised by
 * the version in effect (shortening the notice itself is a weakening that waits the old notice).
 */
export function planSlaVersion({
  latest,
  inEffect,
  content,
  contentHash,
  now,
}: {
  latest: SlaVersion | undefined;
  inEffect: SlaVersion | undefined;
  content: SlaContent;
  contentHash: string;
  now: Date;
}): NewSlaVersion | undefined {
  if (latest?.contentHash === contentHash) return undefined;
  if (!latest) return { contentHash, content, diff: [], isWeakening: false, createdAt: now, effectiveAt: now };
  const base = inEffect ?? latest;
  const weakens = isWeakening(diffSla(base.content, content));
  const noticeDays = base.content.changeNotice.weakeningDays;
  return {
    contentHash,
    content,
    diff: diffSla(latest.content, content),
    isWeakening: weakens,
    createdAt: now,
    effectiveAt: weakens ? new Date(now.getTime() + noticeDays * DAY_MS) : now,
  };
}

/** The version in effect at `now`: the highest number whose effective date has come. */
export function versionInEffect<V extends Pick<SlaVersion, 'version' | 'effectiveAt'>>(
  versions: readonly V[],
  now: Date,
): V | undefined {
  return versions
    .filter((v) => v.effectiveAt.getTime() <= now.getTime())
    .reduce<V | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
}

export type SlaVersionState = 'in-effect' | 'scheduled' | 'past' | 'withdrawn';

/**
 * Where each version stands at `now`. A scheduled version that a later one (effective no later)
 * replaces never takes effect: withdrawn, e.g. a weakening reverted during its notice period.
 */
export function versionState(
  version: Pick<SlaVersion, 'version' | 'effectiveAt'>,
  all: readonly Pick<SlaVersion, 'version' | 'effectiveAt'>[],
  now: Date,
): SlaVersionState {
  const current = versionInEffect(all, now);
  if (current?.version === version.version) return 'in-effect';
  const isReplacedBeforeEffect = all.some(
    (v) => v.version > version.version && v.effectiveAt.getTime() <= version.effectiveAt.getTime(),
  );
  if (isReplacedBeforeEffect) return 'withdrawn';
  return version.effectiveAt.getTime() > now.getTime() ? 'scheduled' : 'past';
}

/** The next version to take effect after `now`, if one is scheduled. */
export function nextScheduled<V extends Pick<SlaVersion, 'version' | 'effectiveAt'>>(
  versions: readonly V[],
  now: Date,
): V | undefined {
  return versions
    .filter((v) => versionState(v, versions, now) === 'scheduled')
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime())[0];
}
