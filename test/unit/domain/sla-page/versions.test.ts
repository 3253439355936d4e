import { describe, expect, it } from 'vitest';
import {
  nextScheduled,
  planSlaVersion,
  slaContentHash,
  versionInEffect,
  versionState,
  type SlaContent,
  type SlaVersion,
} from '../../../../src/domain/sla-page/index.ts';
import { exampleSlaContent } from '../../../support/sla-content.ts';

const t = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;
const v1Content = exampleSlaContent();

function stored(version: number, content: SlaContent, effectiveAt: Date, isWeakening = false): SlaVersion {
  return {
    version,
    content,
    contentHash: slaContentHash(content),
    diff: [],
    isWeakening,
    createdAt: effectiveAt,
    effectiveAt,
  };
}
function plan(latest: SlaVersion | undefined, inEffect: SlaVersion | undefined, content: SlaContent, now: Date) {
  return planSlaVersion({ latest, inEffect, content, contentHash: slaContentHash(content), now });
}

describe('planSlaVersion', () => {
  const now = t('2026-11-25T12:00:00Z');
  const v1 = stored(1, v1Content, t('2026-10-01T00:00:00Z'));

  it('makes the first version effective at once, with no changes', () => {
    expect(plan(undefined, undefined, v1Content, now)).toMatchObject({
      diff: [],
      isWeakening: false,
      createdAt: now,
      effectiveAt: now,
    });
  });

  it('stores nothing when the content is the latest version’s', () => {
    expect(plan(v1, v1, exampleSlaContent(), now)).toBeUndefined();
  });

  it('makes a strengthening change effective at once', () => {
    const next = plan(
      v1,
      v1,
      exampleSlaContent((c) => {
        c.contract.claimWindowDays = 45;
      }),
      now,
    );
    expect(next).toMatchObject({
      isWeakening: false,
      effectiveAt: now,
      diff: [{ path: 'credits.claimWindowDays', before: 30, after: 45 }],
    });
  });

  it('makes a weakening change wait exactly the notice period of the version in effect', () => {
    const next = plan(
      v1,
      v1,
      exampleSlaContent((c) => {
        c.contract.claimWindowDays = 14;
      }),
      now,
    );
    expect(next?.isWeakening).toBe(true);
    expect(next?.effectiveAt).toEqual(t('2027-01-24T12:00:00Z'));
  });

  it('waits the old notice when the notice itself is shortened', () => {
    const next = plan(
      v1,
      v1,
      exampleSlaContent((c) => {
        c.contract.weakeningNoticeDays = 10;
      }),
      now,
    );
    expect(next?.effectiveAt.getTime()).toBe(now.getTime() + 60 * DAY);
  });

  it('judges weakening against the version in effect, so a harmless edit cannot bring a pending weakening forward', () => {
    const weaker = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 14;
    });
    const v2 = stored(2, weaker, t('2027-01-24T12:00:00Z'), true);
    const weakerAndRenamed = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 14;
      c.components.push({ id: 'search', name: 'Search' });
    });
    const next = plan(v2, v1, weakerAndRenamed, now);
    expect(next?.diff.map((c) => c.path)).toEqual(['components[search]']);
    expect(next?.isWeakening).toBe(true);
    expect(next?.effectiveAt.getTime()).toBe(now.getTime() + 60 * DAY);
  });

  it('lets a revert of a pending weakening take effect at once, with the old content', () => {
    const v2 = stored(
      2,
      exampleSlaContent((c) => {
        c.contract.claimWindowDays = 14;
      }),
      t('2027-01-24T12:00:00Z'),
      true,
    );
    const next = plan(v2, v1, exampleSlaContent(), now);
    expect(next).toMatchObject({
      isWeakening: false,
      effectiveAt: now,
      contentHash: v1.contentHash,
      diff: [{ path: 'credits.claimWindowDays', before: 14, after: 30 }],
    });
  });
});

describe('which version applies', () => {
  const v1 = stored(1, v1Content, t('2026-10-01T00:00:00Z'));
  const v2 = stored(2, v1Content, t('2027-01-24T12:00:00Z'), true);
  const all = [v1, v2];

  it.each([
    ['just before the scheduled date', '2027-01-24T11:59:59.999Z', 1, 'scheduled'],
    ['at the scheduled date', '2027-01-24T12:00:00.000Z', 2, 'in-effect'],
    ['just after it', '2027-01-24T12:00:00.001Z', 2, 'in-effect'],
  ])('%s version %s applies', (_name, at, expected, v2State) => {
    expect(versionInEffect(all, t(at))?.version).toBe(expected);
    expect(versionState(v2, all, t(at))).toBe(v2State);
    expect(nextScheduled(all, t(at))?.version).toBe(v2State === 'scheduled' ? 2 : undefined);
  });

  it('has no version before the first takes effect', () => {
    expect(versionInEffect(all, t('2026-09-30T23:59:59Z'))).toBeUndefined();
  });

  it('marks a scheduled version replaced by a later, earlier-effective one as withdrawn, and never applies it', () => {
    const v3 = stored(3, v1Content, t('2026-12-01T00:00:00Z'));
    const three = [v1, v2, v3];
    expect(versionState(v2, three, t('2026-12-02T00:00:00Z'))).toBe('withdrawn');
    expect(versionInEffect(three, t('2027-02-01T00:00:00Z'))?.version).toBe(3);
    expect(nextScheduled(three, t('2026-11-30T00:00:00Z'))?.version).toBe(3);
    expect(versionState(v1, three, t('2026-12-02T00:00:00Z'))).toBe('past');
  });
});
