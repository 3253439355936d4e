import { isWeakeningChange } from './weakening.ts';
import { dateText } from './page-view.ts';
import { versionState, type SlaVersion, type SlaVersionState } from './versions.ts';

const STATE_TEXT: Record<SlaVersionState, string> = {
  'in-effect': 'In effect',
  scheduled: 'Scheduled',
  past: 'Superseded',
  withdrawn: 'Withdrawn before taking effect',
};

/** One version as /sla/versions.json and /sla/v/<n>.json show it (the content goes separately). */
export function versionSummary(version: SlaVersion, all: readonly SlaVersion[], now: Date) {
  return {
    version: version.version,
    state: versionState(version, all, now),
    createdAt: version.createdAt.toISOString(),
    effectiveAt: version.effectiveAt.toISOString(),
    isWeakening: version.isWeakening,
    contentHash: version.contentHash,
    changes: version.diff.map((change) => ({ ...change, isWeakening: isWeakeningChange(change) })),
  };
}

/** The /sla/versions page: newest first, each change with its before and after as compact text. */
export function versionsPageView(all: readonly SlaVersion[], now: Date, timeZone: string) {
  return {
    versions: [...all].reverse().map((v) => {
      const state = versionState(v, all, now);
      return {
        number: v.version,
        state: STATE_TEXT[state],
        isInEffect: state === 'in-effect',
        effectiveDate: dateText(v.effectiveAt, timeZone),
        effectiveAt: v.effectiveAt.toISOString(),
        publishedDate: dateText(v.createdAt, timeZone),
        isWeakening: v.isWeakening,
        isFirst: v.diff.length === 0,
        changes: v.diff.map((change) => ({
          path: change.path,
          before: valueText(change.before),
          after: valueText(change.after),
          isWeakening: isWeakeningChange(change),
        })),
      };
    }),
  };
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
