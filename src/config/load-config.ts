import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ZConfig, type TplusConfig } from './schema.ts';
import { ZEnv, type TplusEnv } from './env.ts';

/** A configuration problem, worded for the operator: which key, what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${key}: ${issue.message}`;
  });
}

export function parseEnv(env: NodeJS.ProcessEnv): TplusEnv {
  const result = ZEnv.safeParse(env);
  if (!result.success) throw new ConfigError('environment', formatIssues(result.error.issues));
  return result.data;
}

export function parseConfigText(text: string, source: string): TplusConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new ConfigError(source, [`not valid YAML${where}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = ZConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues));
  return result.data;
}

export interface LoadedConfig {
  env: TplusEnv;
  config: TplusConfig;
  configPath: string;
}

/** Reads and validates the environment and the YAML config; nothing happens at import time. */
export function loadConfig(env: NodeJS.ProcessEnv): LoadedConfig {
  const parsedEnv = parseEnv(env);
  const configPath = parsedEnv.TPLUS_CONFIG;
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new ConfigError(configPath, [
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ]);
  }
  return { env: parsedEnv, config: parseConfigText(text, configPath), configPath };
}
