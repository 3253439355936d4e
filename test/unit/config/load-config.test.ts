import { describe, expect, it } from 'vitest';
import { parseConfigText, parseEnv } from '../../../src/config/load-config.ts';
import { exampleConfigText as example, problemsOf } from '../../support/config-problems.ts';

describe('the YAML config', () => {
  it('accepts the shipped example', () => {
    const config = parseConfigText(example, 'example');
    expect(config.customers.map((c) => c.id)).toEqual(['acme', 'globex']);
  });

  it('names the key and the problem when a value is wrong', () => {
    expect(problemsOf(example.replace('tier: standard', 'tier: gold'))).toEqual([
      expect.stringMatching(/^customers\.1\.tier: /),
    ]);
    expect(problemsOf(example.replace("workingHours: { start: '09:00'", "workingHours: { start: '9am'"))[0]).toMatch(
      /^calendars\.0\.workingHours\.start: must be a time HH:mm \(00:00–24:00\)$/,
    );
  });

  it('checks references between sections', () => {
    expect(problemsOf(example.replace('calendar: de-berlin', 'calendar: mars'))).toEqual([
      'customers.1.calendar: names calendar "mars", which is not in calendars',
    ]);
    expect(problemsOf(example.replace('channels: [C0GLOBEX01]', 'channels: [C0ACMESHR1]'))).toEqual([
      expect.stringContaining('already belongs to customer "acme"'),
    ]);
  });

  it('says where invalid YAML is', () => {
    expect(problemsOf('workspace: [unclosed')[0]).toMatch(/not valid YAML/);
  });
});

describe('the environment', () => {
  it('needs a bot token, and a signing secret unless Socket Mode is on', () => {
    expect(() => parseEnv({})).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: is required in HTTP mode/);
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).PORT).toBe(3000);
  });

  it('never includes a secret in its error message', () => {
    try {
      parseEnv({ SLACK_BOT_TOKEN: 'not-a-token-super-secret', SLACK_SIGNING_SECRET: 'abcdefgh' });
    } catch (error) {
      expect((error as Error).message).not.toContain('super-secret');
      return;
    }
    throw new Error('expected a ConfigError');
  });
});
