import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeverityModel } from '../../../../src/config/load-severity-model.ts';
import { classifyTicket } from '../../../../src/domain/severity/index.ts';
import { projectRoot } from '../../../support/harness.ts';

const model = loadSeverityModel(join(projectRoot, 'models/severity.json'));
const QUESTION = 'How do I change the date format of the CSV export?';

describe('classifying a ticket with the shipped model', () => {
  it('gives calibrated probabilities, the chosen severity with its confidence, and what weighed most', () => {
    const c = classifyTicket({
      text: 'Nothing loads for any of our users since 09:00, every API call returns 503.',
      model,
    });
    expect(c.severity).toBe('S1');
    expect(Object.values(c.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(c.confidence).toBe(c.probabilities.S1);
    expect(c.signals.length).toBeGreaterThan(0);
    expect(c.signals.length).toBeLessThanOrEqual(3);
    expect(c.reason).toMatch(/^S1 \(\d+ % confident\) because /);
  });

  it('calls a ticket a possible S1 when P(S1) reaches the threshold but S1 is not chosen', () => {
    const c = classifyTicket({ text: QUESTION, model: { ...model, possibleS1Threshold: 0 } });
    expect(c.severity).toBe('S4');
    expect(c.isPossibleS1).toBe(true);
    expect(c.reason).toContain('Possible S1');
    expect(classifyTicket({ text: QUESTION, model: { ...model, possibleS1Threshold: 1 } }).isPossibleS1).toBe(false);
  });

  it("makes a customer's S1 proposal a possible S1 without changing the severity", () => {
    const c = classifyTicket({ text: QUESTION, proposedSeverity: 'S1', model });
    expect(c).toMatchObject({ severity: 'S4', isPossibleS1: true, proposedSeverity: 'S1' });
    expect(c.reason).toContain('the customer proposed S1');
  });

  it('records a lower proposal and leaves the decision to a responder', () => {
    const c = classifyTicket({
      text: 'Every user in our company gets a 502 on login, nobody can work.',
      proposedSeverity: 'S3',
      model,
    });
    expect(c.severity).toBe('S1');
    expect(c.reason).toContain('The customer proposed S3; a responder decides on a change.');
  });

  it('says when a contract rule overrode the model, and what the model said', () => {
    const sureOfS1 = { ...model, bias: [100, 0, 0, 0] };
    const c = classifyTicket({
      text: 'Our sandbox is completely down, every call times out. Production is fine.',
      model: sureOfS1,
    });
    expect(c).toMatchObject({ severity: 'S3', rule: { id: 'sandbox-only' }, isPossibleS1: false });
    expect(c.reason).toMatch(
      /^S3 because only a sandbox or test environment is affected.*; the model said S1 \(99 %\)\.$/,
    );
  });

  it('never puts a Slack mention or link from the text into the reason', () => {
    const c = classifyTicket({
      text: '<!channel> <https://evil.example|click> everything is down for everyone',
      model,
    });
    expect(c.reason).not.toMatch(/<!|<https?:|evil\.example/);
  });
});
