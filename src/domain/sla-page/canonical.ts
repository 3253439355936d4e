import { createHash } from 'node:crypto';
import type { SlaContent } from './content.ts';

/**
 * JSON with every object's keys sorted, at any depth: the same promises give the same text
 * whatever order the config or the code listed them in. Array order is kept (it is meaningful:
 * credit tiers and runbook steps are read top down).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** sha256 (hex) of the canonical JSON: an unchanged SLA hashes the same across restarts. */
export function slaContentHash(content: SlaContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
