import { describe, expect, it } from 'vitest';
import {
  judgeImpactAnswers,
  severityFromImpactAnswers,
  type ImpactAnswers,
  type ImpactQuestion,
} from '../../../src/domain/impact-answers.ts';
import type { Severity } from '../../../src/domain/types.ts';

type Answers = Partial<Record<ImpactQuestion, boolean>>;
const Y = true;
const N = false;

/** [unusable for all, data lost or exposed, workaround] → severity; `_` is not answered yet. */
const _ = undefined;
const TABLE: [boolean | undefined, boolean | undefined, boolean | undefined, Severity | undefined][] = [
  [_, _, _, _],
  // Unusable for all, or data lost or exposed: S1, whatever else was said.
  [Y, _, _, 'S1'],
  [_, Y, _, 'S1'],
  [Y, N, Y, 'S1'],
  [N, Y, Y, 'S1'],
  [Y, Y, N, 'S1'],
  // No workaround: at least S2.
  [_, _, N, 'S2'],
  [N, N, N, 'S2'],
  [N, _, N, 'S2'],
  // A workaround with the other two No: S3; until both are No, nothing is established.
  [N, N, Y, 'S3'],
  [_, _, Y, _],
  [N, _, Y, _],
  [_, N, Y, _],
  [N, N, _, _],
  [N, _, _, _],
];

describe('the severity the customer’s impact answers establish', () => {
  it.each(TABLE)('unusable %s, data %s, workaround %s → %s', (unusable, data, workaround, expected) => {
    const answers: Answers = {};
    if (unusable !== undefined) answers['unusable-for-all'] = unusable;
    if (data !== undefined) answers['data-lost-or-exposed'] = data;
    if (workaround !== undefined) answers.workaround = workaround;
    expect(severityFromImpactAnswers(answers)).toBe(expected);
  });
});

describe('what the answers mean for a ticket’s current severity', () => {
  const at = new Date('2026-11-24T14:00:00Z');
  const answered = (a: Answers): ImpactAnswers =>
    Object.fromEntries(Object.entries(a).map(([q, isYes]) => [q, { isYes, userId: 'U0ACME', at }]));

  it.each([
    [{ 'unusable-for-all': Y }, 'S3', { outcome: 'raise', severity: 'S1' }],
    [{ workaround: N }, 'S3', { outcome: 'raise', severity: 'S2' }],
    [{ workaround: N }, 'S2', { outcome: 'confirm', severity: 'S2' }],
    [
      { 'unusable-for-all': N, 'data-lost-or-exposed': N, workaround: Y },
      'S1',
      { outcome: 'suggest-lower', severity: 'S3' },
    ],
    [{ workaround: N }, 'S1', { outcome: 'suggest-lower', severity: 'S2' }],
    [{ 'unusable-for-all': N, 'data-lost-or-exposed': N, workaround: Y }, 'S4', { outcome: 'raise', severity: 'S3' }],
    [{ workaround: Y }, 'S2', { outcome: 'none' }],
  ] as const)('%o at %s → %o', (answers, current, expected) => {
    expect(judgeImpactAnswers(answered(answers), current)).toEqual(expected);
  });
});
