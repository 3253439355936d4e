import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSlackBody, verifySlackSignature } from '../../../src/slack/receiver/verify-request.ts';

const secret = 'shhh-secret-value';
const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const sign = (body: string, ts: number) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('verifySlackSignature', () => {
  const body = '{"type":"event_callback"}';
  const at = (offsetSeconds: number) => {
    const ts = now / 1000 + offsetSeconds;
    return verifySlackSignature({
      signingSecret: secret,
      rawBody: body,
      signature: sign(body, ts),
      timestamp: String(ts),
      nowMs: now,
    });
  };

  it('accepts a signature made now, and at exactly five minutes either way', () => {
    expect(at(0).ok).toBe(true);
    expect(at(-300).ok).toBe(true);
    expect(at(300).ok).toBe(true);
  });

  it('refuses one second past five minutes, in the past and in the future', () => {
    expect(at(-301)).toMatchObject({ ok: false, status: 401 });
    expect(at(301)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a tampered body, a wrong secret, and missing or malformed headers', () => {
    const ts = now / 1000;
    expect(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: `${body} `,
        signature: sign(body, ts),
        timestamp: String(ts),
        nowMs: now,
      }).ok,
    ).toBe(false);
    expect(
      verifySlackSignature({
        signingSecret: 'other',
        rawBody: body,
        signature: sign(body, ts),
        timestamp: String(ts),
        nowMs: now,
      }).ok,
    ).toBe(false);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        signature: undefined,
        timestamp: String(ts),
        nowMs: now,
      }).ok,
    ).toBe(false);
    expect(
      verifySlackSignature({
        signingSecret: secret,
        rawBody: body,
        signature: sign(body, ts),
        timestamp: 'soon',
        nowMs: now,
      }).ok,
    ).toBe(false);
  });
});

describe('parseSlackBody', () => {
  it('reads events as JSON, interactions from the payload field and commands from the form', () => {
    expect(parseSlackBody('{"type":"event_callback"}', 'application/json')?.kind).toBe('event');
    expect(
      parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, 'application/x-www-form-urlencoded')
        ?.kind,
    ).toBe('interaction');
    expect(parseSlackBody('command=%2Ftplus&text=help', 'application/x-www-form-urlencoded')?.kind).toBe('command');
  });

  it('returns undefined for malformed or untyped bodies', () => {
    expect(parseSlackBody('{"type":', 'application/json')).toBeUndefined();
    expect(parseSlackBody('[1,2]', 'application/json')).toBeUndefined();
    expect(parseSlackBody('payload=%7Bnope', 'application/x-www-form-urlencoded')).toBeUndefined();
    expect(parseSlackBody('text=hello', 'application/x-www-form-urlencoded')).toBeUndefined();
    expect(parseSlackBody('{"type":"x"}', 'text/plain')).toBeUndefined();
  });
});
