import { describe, expect, it } from 'vitest';
import { applyHardRules } from '../../../../src/domain/severity/index.ts';
import { extractFeatures } from '../../../../src/domain/severity/model/features.ts';
import type { Severity } from '../../../../src/domain/types.ts';

const facts = (text: string) =>
  new Set(
    extractFeatures(text)
      .names.filter((n) => n.startsWith('f:'))
      .map((n) => n.slice(2)),
  );
const apply = (modelSays: Severity, text: string) => applyHardRules(modelSays, facts(text));

describe("the contract's hard rules after the model", () => {
  it('makes a reported breach S1 whatever the model said', () => {
    expect(apply('S4', "We can see another company's employees and salaries in our tenant")).toMatchObject({
      severity: 'S1',
      rule: { id: 'breach-or-data-loss' },
    });
  });

  it('makes reported data loss S1', () => {
    expect(apply('S3', 'Since the sync ran, all our deals were deleted from the CRM').severity).toBe('S1');
  });

  it('leaves a question about breaches to the model', () => {
    expect(apply('S4', "Could another company's data ever be visible to us? Asking for our audit")).toEqual({
      severity: 'S4',
    });
  });

  it('leaves a denied data loss to the model', () => {
    expect(apply('S2', 'No data was lost, but every sync creates duplicates')).toEqual({ severity: 'S2' });
  });

  it('makes a problem that has recovered, with nothing still failing, S4', () => {
    expect(
      apply('S1', "Yesterday's outage: the API was down for an hour and has recovered. Can we get an RCA"),
    ).toMatchObject({ severity: 'S4', rule: { id: 'past-resolved' } });
  });

  it('does not treat a problem that is back or still failing as recovered', () => {
    expect(apply('S2', 'It was fixed on Monday but it is failing again today for all accounts')).toEqual({
      severity: 'S2',
    });
  });

  it('holds a sandbox-only failure at S3', () => {
    expect(apply('S1', 'The sandbox is completely down, every call returns 503')).toMatchObject({
      severity: 'S3',
      rule: { id: 'sandbox-only' },
    });
  });

  it('does not cap a failure that reaches production', () => {
    expect(apply('S1', 'Not only the sandbox any more: production returns 503 on every call')).toEqual({
      severity: 'S1',
    });
  });

  it('never raises a sandbox-only S4 question', () => {
    expect(apply('S4', 'How do I reset the sandbox data?')).toEqual({ severity: 'S4' });
  });
});
