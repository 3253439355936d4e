import { readFileSync } from 'node:fs';
import { modelFromFile, ZSeverityModelFile, type SeverityModel } from '../domain/severity/index.ts';
import { ConfigError } from './load-config.ts';

/** Reads and validates the severity model file (`TPLUS_SEVERITY_MODEL`); a bad file stops the start. */
export function loadSeverityModel(path: string): SeverityModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [
      `cannot be read or parsed: ${(error as Error).message.split('\n')[0]} (npm run train:severity writes it)`,
    ]);
  }
  const parsed = ZSeverityModelFile.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      path,
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  return modelFromFile(parsed.data);
}
