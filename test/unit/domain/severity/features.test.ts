import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../../src/domain/severity/model/features.ts';
import { normalise, tokenise } from '../../../../src/domain/severity/model/text.ts';

describe('the features of a message', () => {
  it('neutralises Slack mentions and links, expands contractions and folds numbers', () => {
    expect(normalise("<!channel> It's DOWN, can't log in <https://evil.example|here> since 09:40, got 503")).toBe(
      'someone it down, cannot log in here since 0:0, got http503',
    );
  });

  it('reads a plain-text @everyone, @here or @channel as a mention, not as "everyone is affected"', () => {
    expect(normalise('@everyone @here @channel the logo is blurry')).toBe('someone someone someone the logo is blurry');
    expect(extractFeatures('@everyone the logo is blurry').names).not.toContain('f:scope_all');
  });

  it('marks the words a negation governs, up to the end of its clause', () => {
    const negated = tokenise(normalise('the api is not down, but exports fail')).filter((t) => t.isNegated);
    expect(negated.map((t) => t.word)).toEqual(['down']);
  });

  it('reads "not a single" and "not even" as everything, not as a negation', () => {
    const { names } = extractFeatures('Not a single page loads, not even the login screen');
    expect(names).toContain('f:scope_all');
    expect(names.filter((n) => n.startsWith('n:'))).toEqual([]);
  });

  it('keeps a negated fact apart from a stated one', () => {
    expect(extractFeatures('No data was lost, the records are just duplicated').names).toContain('f!data_destroyed');
    expect(extractFeatures('All our contact records were deleted overnight').names).toContain('f:data_destroyed');
  });

  it('counts every feature once, so a repeated word does not weigh more', () => {
    const { names } = extractFeatures('down down down down');
    expect(names.filter((n) => n === 'w:down')).toHaveLength(1);
  });

  it('records where each fact matched, for the card', () => {
    expect(extractFeatures('We only see this in the sandbox').factMatches.get('sandbox')).toBe('sandbox');
  });
});
