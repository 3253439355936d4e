import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compileSeverityRules, type CompiledSeverityRules } from '../domain/severity/index.ts';
import { ConfigError } from './load-config.ts';

export function loadSeverityRules(path: string): CompiledSeverityRules {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [`cannot be read or parsed: ${(error as Error).message.split('\n')[0]}`]);
  }
  try {
    return compileSeverityRules(raw);
  } catch (error) {
    throw new ConfigError(path, [(error as Error).message]);
  }
}
