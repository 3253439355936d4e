import type { ResponseTarget } from '../sla/targets.ts';
import type { SlaChange, SlaCreditTier } from './content.ts';

/** How a change at a path moves the promise: `true` when customers get less than before. */
type Rule = (before: unknown, after: unknown) => boolean;

const higherIsStronger: Rule = (b, a) => num(a) < num(b);
const lowerIsStronger: Rule = (b, a) => num(a) > num(b);
// Wording we cannot rank (what counts as downtime, what S1 means): any change might take something away.
const anyChangeWeakens: Rule = () => true;
const informational: Rule = () => false;
const removalWeakens: Rule = (_b, a) => a === null;
const lostItemsWeaken: Rule = (b, a) => list(b).some((item) => !list(a).includes(item));
const newItemsWeaken: Rule = (b, a) => list(a).some((item) => !list(b).includes(item));
// Lists of records, compared by their canonical text.
const texts = (v: unknown) => list(v).map((item) => JSON.stringify(item));
const lostItemsWeakenByValue: Rule = (b, a) => texts(b).some((item) => !texts(a).includes(item));
const newItemsWeakenByValue: Rule = (b, a) => texts(a).some((item) => !texts(b).includes(item));

/**
 * Every path of the SLA content with its direction. A path no rule knows counts as weakening (notice is the safe side).
 */
const RULES: [RegExp, Rule][] = [
  [/^availability\.targetPercent$/, higherIsStronger],
  [/^availability\.downtimeDefinition$/, anyChangeWeakens],
  [/^availability\.exclusions$/, newItemsWeaken],
  [/^availability\.downtimeWeights\[\w+\]$/, removalWeakens],
  [/^availability\.downtimeWeights\[\w+\]\.percent$/, higherIsStronger],
  [/^availability\.(partialOutage|degradedPerformance)WeightPercent$/, higherIsStronger],
  [/^availability\.allowed\.\w+$/, informational], // follows the target, judged there
  [/^uptimeTable$/, informational],
  [/^severities\[\w+\]$/, removalWeakens],
  [/^severities\[\w+\]\.meaning$/, anyChangeWeakens],
  [/^severities\[\w+\]\.examples$/, informational],
  [/^responseTimes\[[\w-]+\]$/, removalWeakens],
  [/^responseTimes\[[\w-]+\]\.targets\[\w+\]$/, removalWeakens],
  [
    /^responseTimes\[[\w-]+\]\.targets\[\w+\]\.target$/,
    (b, a) => isLongerTarget(b as ResponseTarget, a as ResponseTarget),
  ],
  [/^runbooks\[\w+\]$/, removalWeakens],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]$/, removalWeakens],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]\.offsetMinutes$/, lowerIsStronger],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]\.isBusinessTime$/, (b, a) => a === true && b !== true],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]\.(after|action|when)$/, anyChangeWeakens],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]\.targets$/, lostItemsWeaken],
  [/^runbooks\[\w+\]\.steps\[[\w-]+\]\.title$/, informational],
  // Neither definition of a business day is always the longer one: any switch may take time away. Before the
  // page stated one (null), the rule was `hours`.
  [/^businessDay$/, (b, a) => (b ?? 'hours') !== a],
  [/^followUps\.severities$/, lostItemsWeaken],
  // From the resolution is later than from the start; before the page stated it (null), it was the resolution.
  [/^followUps\.countedFrom$/, (b, a) => (b ?? 'resolution') === 'incident-start' && a === 'resolution'],
  [/^followUps\.\w+$/, lowerIsStronger],
  [/^credits\.tiers$/, (b, a) => isSmallerCredit(b as SlaCreditTier[], a as SlaCreditTier[])],
  [/^credits\.capPercent$/, higherIsStronger],
  [/^credits\.claimWindowDays$/, higherIsStronger],
  [/^termination\.s1Count$/, lowerIsStronger],
  [/^termination\.s1WindowDays$/, higherIsStronger],
  [/^termination\.uptimeBelow$/, higherIsStronger],
  [/^termination\.rcaLaterThanBusinessDays$/, lowerIsStronger],
  [/^maintenance\.noticeHours$/, higherIsStronger],
  [/^changeNotice\.weakeningDays$/, higherIsStronger],
  // Fewer requests, or a slower rate (600 per 60 s → 600 per 120 s), is less; 1,200 per 120 s is not.
  [
    /^rateLimit$/,
    (b, a) =>
      rate(a).requests < rate(b).requests ||
      rate(a).requests / rate(a).perSeconds < rate(b).requests / rate(b).perSeconds,
  ],
  [/^slos\.latency\[[\w-]+\]$/, removalWeakens],
  [/^slos\.latency\[[\w-]+\]\.p9[59]Ms$/, lowerIsStronger],
  [/^slos\.latency\[[\w-]+\]\.operation$/, anyChangeWeakens],
  [/^slos\.errorRatePercent$/, (b, a) => a === null || (b !== null && num(a) > num(b))],
  [/^slos\.measurement$/, anyChangeWeakens],
  [/^slos\.excludesUpstreamTime$/, (b, a) => a === true && b !== true],
  [/^liabilityCap$/, removalWeakens],
  [/^liabilityCap\.monthsOfFees$/, higherIsStronger],
  [/^liabilityCap\.notCapped$/, lostItemsWeaken],
  [/^compliance$/, removalWeakens],
  [/^compliance\.(certifications|regions|accessControl)$/, lostItemsWeakenByValue],
  [/^compliance\.encryption$/, anyChangeWeakens],
  [/^compliance\.dpaUrl$/, removalWeakens],
  // A new sub-processor is exactly what the notice exists for.
  [/^compliance\.subProcessors$/, newItemsWeakenByValue],
  [/^compliance\.subProcessorNoticeDays$/, higherIsStronger],
  [/^components\[[^\]]+\]$/, removalWeakens],
  [/^components\[[^\]]+\]\.(name|group)$/, informational],
];

/** Whether the rule table knows this path (tests check every path of real content is known). */
export function hasWeakeningRule(path: string): boolean {
  return RULES.some(([pattern]) => pattern.test(path));
}

export function isWeakeningChange({ path, before, after }: SlaChange): boolean {
  const rule = RULES.find(([pattern]) => pattern.test(path))?.[1] ?? anyChangeWeakens;
  return rule(before, after);
}

/** True when any change gives customers less than before: such a version needs the notice period. */
export function isWeakening(diff: readonly SlaChange[]): boolean {
  return diff.some(isWeakeningChange);
}

const TARGET_RANK: Record<ResponseTarget['kind'], number> = { elapsed: 0, 'business-minutes': 1, 'business-days': 2 };

/**
 * Business time is never shorter than the same elapsed time, so moving to a business kind is
 * weaker whatever the number; a business day is compared as 8 business hours.
 */
function isLongerTarget(before: ResponseTarget | null, after: ResponseTarget | null): boolean {
  if (!before || !after) return after === null;
  const amount = (t: ResponseTarget) => (t.kind === 'business-days' ? t.days * 8 * 60 : t.minutes);
  if (TARGET_RANK[after.kind] !== TARGET_RANK[before.kind])
    return TARGET_RANK[after.kind] > TARGET_RANK[before.kind] || amount(after) > amount(before);
  return amount(after) > amount(before);
}

/**
 * Credits are a step function of the month's uptime. Comparing both tables at every tier edge
 * (at it and just below it) covers every uptime: weaker when some uptime pays a smaller percent
 * or loses its termination right.
 */
function isSmallerCredit(before: SlaCreditTier[], after: SlaCreditTier[]): boolean {
  const edges = [...before, ...after]
    .flatMap((t) => [t.minUptime, t.minUptime - 1e-6])
    .filter((u) => u >= 0 && u <= 100);
  const at = (tiers: SlaCreditTier[], uptime: number) =>
    tiers.find((t) => t.minUptime <= uptime) ?? { percent: 0, terminationRight: false };
  return edges.some(
    (u) =>
      at(after, u).percent < at(before, u).percent ||
      (at(before, u).terminationRight && !at(after, u).terminationRight),
  );
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function rate(value: unknown): { requests: number; perSeconds: number } {
  return value as { requests: number; perSeconds: number };
}
