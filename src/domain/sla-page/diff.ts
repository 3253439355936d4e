import { canonicalJson } from './canonical.ts';
import type { SlaChange, SlaContent } from './content.ts';

/**
 * Array items carrying one of these keys are matched by it, so a reorder or insert is not a change of every later item.
 */
const IDENTITY_KEYS = ['id', 'severity', 'tier'] as const;
/** Values compared whole: a response target changes kind and amount together ('30 minutes' → '1 business day'). */
const ATOMIC_KEYS = new Set(['target', 'rateLimit', 'tiers', 'encryption']);

/**
 * Every value that differs between two SLA versions, by path: `credits.capPercent`,
 * `runbooks[S1].steps[manager].offsetMinutes`, `components[api]` (added or removed: one side null).
 */
export function diffSla(before: SlaContent, after: SlaContent): SlaChange[] {
  const changes: SlaChange[] = [];
  walk('', before, after, changes);
  return changes;
}

function walk(path: string, before: unknown, after: unknown, changes: SlaChange[]): void {
  if (canonicalJson(before) === canonicalJson(after)) return;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (!ATOMIC_KEYS.has(key)) {
    if (isRecord(before) && isRecord(after)) {
      for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        walk(path ? `${path}.${k}` : k, before[k] ?? null, after[k] ?? null, changes);
      }
      return;
    }
    const identity = Array.isArray(before) && Array.isArray(after) ? identityKeyOf([...before, ...after]) : undefined;
    if (identity) {
      walkById(path, identity, before as Record<string, unknown>[], after as Record<string, unknown>[], changes);
      return;
    }
  }
  changes.push({ path, before, after });
}

function walkById(
  path: string,
  identity: string,
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  changes: SlaChange[],
): void {
  const byId = (items: Record<string, unknown>[]) => new Map(items.map((item) => [String(item[identity]), item]));
  const old = byId(before);
  const now = byId(after);
  for (const id of [...old.keys(), ...[...now.keys()].filter((k) => !old.has(k))]) {
    walk(`${path}[${id}]`, old.get(id) ?? null, now.get(id) ?? null, changes);
  }
}

function identityKeyOf(items: unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  return IDENTITY_KEYS.find((k) => items.every((item) => typeof (item as Record<string, unknown>)[k] === 'string'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
