import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseConfigText } from '../../src/config/load-config.ts';

/** The shipped example config, as text to change in tests. */
export const exampleConfigText = readFileSync(join(import.meta.dirname, '../../tplus.config.example.yaml'), 'utf8');

/** The operator-facing problems a config text has (`key: message` each); none when it is valid. */
export function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
