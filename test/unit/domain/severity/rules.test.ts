import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSeverityRules, ZSeverityRules } from '../../../../src/domain/severity/index.ts';
import { SEVERITY_MEANING } from '../../../../src/domain/severity/index.ts';
import { readYaml } from './load-rules.ts';

const shipped = () =>
  structuredClone(readYaml('runbooks/severity-rules.yaml')) as Record<string, unknown> & {
    signals: Record<string, Record<string, unknown>>;
  };

function compileError(raw: unknown): z.ZodError {
  try {
    compileSeverityRules(raw);
  } catch (error) {
    if (error instanceof z.ZodError) return error;
    throw error;
  }
  throw new Error('expected compileSeverityRules to throw');
}

describe('compileSeverityRules', () => {
  it('accepts the shipped rules file', () => {
    expect(ZSeverityRules.safeParse(readYaml('runbooks/severity-rules.yaml')).success).toBe(true);
  });

  it('rejects an unknown severity with an error naming the key', () => {
    const raw = shipped();
    raw.signals.outage!.points = 'S0';
    const error = compileError(raw);
    expect(error.issues[0]?.path).toEqual(['signals', 'outage', 'points']);
    expect(error.message).toContain('"points"');
  });

  it('rejects an invalid regular expression with the pattern position', () => {
    const raw = shipped();
    raw.signals.degraded!.patterns = ['very (slow'];
    expect(compileError(raw).issues[0]?.path).toEqual(['signals', 'degraded', 'patterns', 0]);
  });

  it('rejects a modifier without an effect and an outrank of an unknown group', () => {
    const raw = shipped();
    delete raw.signals.urgency!.effect;
    raw.signals.cosmetic!.outranks = ['nonsense'];
    const paths = compileError(raw).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['signals.urgency.effect', 'signals.cosmetic.outranks.0']));
  });

  it('rejects a misspelt top-level key', () => {
    const raw = shipped();
    raw.negations = raw.negation;
    delete raw.negation;
    expect(compileError(raw).message).toMatch(/negation/);
  });

  it('rejects something that is not a rules object at all', () => {
    expect(() => compileSeverityRules('severity: high')).toThrow(z.ZodError);
  });
});

describe('SEVERITY_MEANING', () => {
  it('states the contract meaning of every severity in one line', () => {
    expect(SEVERITY_MEANING.S1).toBe('Critical: platform down, confirmed security breach or data loss, no workaround');
    for (const meaning of Object.values(SEVERITY_MEANING)) expect(meaning).not.toContain('\n');
  });
});
