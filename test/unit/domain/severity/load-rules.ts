import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileSeverityRules, type CompiledSeverityRules } from '../../../../src/domain/severity/index.ts';

const root = new URL('../../../../', import.meta.url);

export function readYaml(relativePath: string): unknown {
  return parse(readFileSync(fileURLToPath(new URL(relativePath, root)), 'utf8'));
}

/** The shipped rules file, compiled as the loader would. */
export function shippedRules(): CompiledSeverityRules {
  return compileSeverityRules(readYaml('runbooks/severity-rules.yaml'));
}
