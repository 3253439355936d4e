import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ZRunbook, type Runbook } from '../domain/runbook/index.ts';
import { SEVERITIES, type Severity } from '../domain/types.ts';
import { ConfigError, formatIssues } from './load-config.ts';

/** Reads and validates runbooks/s1.yaml … s4.yaml; a bad file stops the app naming the key and problem. */
export function loadRunbooks(dir: string): Record<Severity, Runbook> {
  const runbooks = {} as Record<Severity, Runbook>;
  for (const severity of SEVERITIES) {
    const path = join(dir, `${severity.toLowerCase()}.yaml`);
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(path, [`cannot be read or parsed: ${(error as Error).message.split('\n')[0]}`]);
    }
    const parsed = ZRunbook.safeParse(raw);
    if (!parsed.success) throw new ConfigError(path, formatIssues(parsed.error.issues));
    if (parsed.data.severity !== severity)
      throw new ConfigError(path, [`severity: says ${parsed.data.severity}, but the file is the ${severity} runbook`]);
    runbooks[severity] = parsed.data;
  }
  return runbooks;
}
