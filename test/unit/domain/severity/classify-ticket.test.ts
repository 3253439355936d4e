import { beforeAll, describe, expect, it } from 'vitest';
import { classifyTicket, type CompiledSeverityRules } from '../../../../src/domain/severity/index.ts';
import { shippedRules } from './load-rules.ts';

let rules: CompiledSeverityRules;
beforeAll(() => {
  rules = shippedRules();
});

const classify = (text: string, proposedSeverity?: 'S1' | 'S2' | 'S3' | 'S4') =>
  classifyTicket({ text, proposedSeverity, rules });
const ids = (text: string) => classify(text).signals.map((signal) => signal.id);

describe('classifyTicket', () => {
  it('classifies a platform outage as S1 and names the outage in the reason', () => {
    const result = classify('the whole platform is down, nobody on our team can log in');
    expect(result.severity).toBe('S1');
    expect(result.signals).toContainEqual(
      expect.objectContaining({ id: 'outage', label: 'outage', points: 'S1', matched: 'the whole platform is down' }),
    );
    expect(result.reason).toMatch(/^S1 because the text reports an outage \("the whole platform is down"\)/);
  });

  it('classifies a confirmed breach and reported data loss as S1', () => {
    expect(classify('we have a confirmed data breach, customers see our internal tickets').severity).toBe('S1');
    expect(classify('after the migration half our records were deleted').severity).toBe('S1');
  });

  it('does not classify "the dashboard is not down, just slow" as S1', () => {
    const result = classify('the dashboard is not down, just slow');
    expect(result.severity).not.toBe('S1');
    expect(result.signals.map((signal) => signal.id)).not.toContain('outage');
  });

  it('classifies "not down but very slow" as severe degradation, S2', () => {
    const result = classify('the app is not down but very slow for everyone');
    expect(result.severity).toBe('S2');
    expect(result.reason).toContain('severe degradation');
  });

  it('lets no negated signal fire: no data loss, without any errors, not a security issue, isnt broken', () => {
    expect(ids('no data loss, just curious about backups')).not.toContain('data_loss');
    expect(ids('the sync finished without any errors, how do I see the log?')).not.toContain('malfunction');
    expect(ids('not a security issue, just asking whether reports are public')).not.toContain('security_breach');
    expect(ids('it isnt broken, just a question about the trial')).not.toContain('malfunction');
  });

  it('reads a denial after the signal: "data loss? no, just display"', () => {
    expect(ids('data loss? no, just display - the totals row shows 0')).not.toContain('data_loss');
  });

  it('does not treat a question about a possible breach as a breach', () => {
    expect(classify('could someone access our data if they have the link? just asking').severity).toBe('S4');
  });

  it('normalises case, punctuation, contractions and typos: "ITS DOWN!!!", "cant", "isnt"', () => {
    expect(classify('ITS DOWN!!!').severity).toBe('S1');
    expect(classify('cant log in at all, none of us').severity).toBe('S1');
    expect(classify('analytics isnt loading for any of our workspaces').severity).toBe('S2');
  });

  it('never classifies a matched S1 signal lower than S1, whatever the customer proposed', () => {
    for (const proposed of ['S2', 'S3', 'S4'] as const) {
      const result = classify('everything is down for all users', proposed);
      expect(result.severity).toBe('S1');
      expect(result.proposedSeverity).toBe(proposed);
      expect(result.reason).toContain(`The customer proposed ${proposed}, but an S1 signal is never classified lower.`);
    }
  });

  it('does not make a cosmetic issue S1 because it is marked urgent or proposed as S1', () => {
    const result = classify('URGENT!!! the logo on our invoices is slightly blurry 🔥', 'S1');
    expect(result.severity).toBe('S4');
    expect(result.signals.map((signal) => signal.id)).toEqual(expect.arrayContaining(['cosmetic', 'urgency']));
    expect(result.reason).toContain('The customer proposed S1; the text does not support more than S4.');
  });

  it('lowers a broken feature with a sustainable workaround to S3 and says so', () => {
    const result = classify('attachments over 25MB fail to upload, we zip them for now');
    expect(result.severity).toBe('S3');
    expect(result.reason).toContain('with a sustainable workaround');
  });

  it('keeps S2 when the workaround is not sustainable', () => {
    expect(classify('exports fail for all users, we copy data by hand but that is not sustainable').severity).toBe(
      'S2',
    );
  });

  it('lets the proposal raise S3 to S2 when the text shows some impact', () => {
    const text = 'sorting by date does not work for all users, we filter instead';
    expect(classify(text).severity).toBe('S3');
    const raised = classify(text, 'S2');
    expect(raised.severity).toBe('S2');
    expect(raised.reason).toContain('Raised from S3 to S2 because the customer proposed S2');
  });

  it('does not let the proposal raise S3 without any sign of impact', () => {
    expect(classify('the date filter ignores the end date, we filter in excel meanwhile', 'S2').severity).toBe('S3');
  });

  it('accepts the proposal when no severity signal matched', () => {
    const result = classify('same issue as last week, see previous thread', 'S2');
    expect(result.severity).toBe('S2');
    expect(result.reason).toBe('S2 as the customer proposed, since no severity signal matched in the text.');
  });

  it('defaults to S4 for an unrecognised question and to S3 for an unrecognised statement', () => {
    expect(classify('hello, anyone around today?').severity).toBe('S4');
    expect(classify('the kanban board thing again').severity).toBe('S3');
  });

  it('classifies documentation, feature requests and questions as S4 even when they mention something broken', () => {
    expect(classify('the getting started guide links to a 404 page').severity).toBe('S4');
    expect(classify('why is there no bulk archive?! this is so basic').severity).toBe('S4');
    expect(classify('how do I add a new user to our workspace?').severity).toBe('S4');
  });

  it('gives every signal a human-readable label and the fragment it matched', () => {
    for (const signal of classify('urgent: checkout fails for all our customers, no workaround').signals) {
      expect(signal.label.length).toBeGreaterThan(0);
      expect(signal.matched.length).toBeGreaterThan(0);
    }
  });

  it('keeps the reason to one or two sentences', () => {
    const { reason } = classify('the app is super laggy for everyone, basically unusable', 'S1');
    expect(reason.split(/(?<=\.)\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
  });
});
