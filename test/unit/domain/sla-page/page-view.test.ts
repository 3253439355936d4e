import { describe, expect, it } from 'vitest';
import {
  slaContentHash,
  slaPageView,
  versionsPageView,
  type SlaVersion,
} from '../../../../src/domain/sla-page/index.ts';
import { exampleSlaContent } from '../../../support/sla-content.ts';

const content = exampleSlaContent();
const v1: SlaVersion = {
  version: 1,
  content,
  contentHash: slaContentHash(content),
  diff: [],
  isWeakening: false,
  createdAt: new Date('2026-11-25T03:00:00Z'),
  effectiveAt: new Date('2026-11-25T03:00:00Z'),
};
const view = slaPageView({ version: v1, scheduled: undefined, timeZone: 'America/New_York' });

describe('slaPageView', () => {
  it('dates the version in the page’s time zone', () => {
    expect(view.version.effectiveDate).toBe('2026-11-24');
  });

  it('reads the credit tiers as uptime ranges, highest first', () => {
    expect(view.credits.tiers).toEqual([
      { range: '99.9\u00a0% or more', percent: '0\u00a0%', terminationRight: false },
      { range: '99\u00a0% to below 99.9\u00a0%', percent: '10\u00a0%', terminationRight: false },
      { range: '95\u00a0% to below 99\u00a0%', percent: '25\u00a0%', terminationRight: false },
      { range: 'below 95\u00a0%', percent: '50\u00a0%', terminationRight: true },
    ]);
  });

  it('writes step offsets from the start or from acknowledgement', () => {
    const s1 = view.s1Timeline.map((s) => `${s.offset} ${s.id}`);
    expect(s1).toEqual([
      'T+0 page',
      'T+5 ack-expected',
      'T+15 repage',
      'T+15 incident-channel',
      'T+15 status-investigating',
      'Ack+30 engaged',
      'T+30 scope-assessment',
      'T+60 manager',
      'T+2h00 vp-and-success',
    ]);
  });

  it('keeps only paging and escalation steps on the ladder, naming who is brought in', () => {
    const s2 = view.escalation.find((e) => e.severity === 'S2')?.steps.map((s) => [s.offset, s.who, s.condition]);
    expect(s2).toEqual([
      ['T+0', 'the on-call engineer', ''],
      ['T+60', 'the on-call engineer', 'if not yet acknowledged'],
      ['T+2h00', 'a senior engineer', 'if not yet resolved'],
      ['T+8h00', 'an engineering manager', 'if not yet resolved'],
    ]);
  });

  it('describes each response target in words', () => {
    expect(view.responseTimes.rows.find((r) => r.tier === 'Enterprise Premium')?.targets.map((t) => t.text)).toEqual([
      '30 minutes, around the clock',
      '2 hours, around the clock',
      '4 business hours',
      '1 business day',
    ]);
  });

  it('highlights the configured target in the uptime table', () => {
    expect(view.uptimeTable.filter((r) => r.isTarget).map((r) => [r.percent, r.perMonth])).toEqual([
      ['99.9\u00a0%', '43.2 min'],
    ]);
  });
});

describe('versionsPageView', () => {
  it('lists the newest first with its state and flagged changes', () => {
    const v2: SlaVersion = {
      ...v1,
      version: 2,
      isWeakening: true,
      effectiveAt: new Date('2027-01-24T03:00:00Z'),
      diff: [{ path: 'credits.claimWindowDays', before: 30, after: 14 }],
    };
    const page = versionsPageView([v1, v2], new Date('2026-12-01T00:00:00Z'), 'UTC');
    expect(page.versions.map((v) => [v.number, v.state, v.isWeakening])).toEqual([
      [2, 'Scheduled', true],
      [1, 'In effect', false],
    ]);
    expect(page.versions[0]?.changes).toEqual([
      { path: 'credits.claimWindowDays', before: '30', after: '14', isWeakening: true },
    ]);
  });
});
