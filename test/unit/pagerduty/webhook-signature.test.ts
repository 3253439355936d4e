import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPagerDutySignature } from '../../../src/pagerduty/webhook-signature.ts';

const secret = 'whsec-current';
const rawBody = '{"event":{"id":"01ABC","event_type":"incident.acknowledged"}}';
const hmac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('hex');
const good = `v1=${hmac(secret, rawBody)}`;

describe('verifyPagerDutySignature', () => {
  it('accepts a body signed with the subscription secret', () => {
    expect(verifyPagerDutySignature({ secret, rawBody, header: good })).toBe(true);
  });

  it('accepts when one of several comma-separated values matches, as during secret rotation', () => {
    const header = `v1=${hmac('whsec-old', rawBody)}, ${good},v1=${'0'.repeat(64)}`;
    expect(verifyPagerDutySignature({ secret, rawBody, header })).toBe(true);
  });

  it('rejects a body signed with another secret', () => {
    expect(verifyPagerDutySignature({ secret, rawBody, header: `v1=${hmac('whsec-other', rawBody)}` })).toBe(false);
  });

  it('rejects a body changed after signing, even by one space', () => {
    expect(verifyPagerDutySignature({ secret, rawBody: `${rawBody} `, header: good })).toBe(false);
  });

  it('rejects a missing or empty header', () => {
    expect(verifyPagerDutySignature({ secret, rawBody, header: undefined })).toBe(false);
    expect(verifyPagerDutySignature({ secret, rawBody, header: '' })).toBe(false);
  });

  it.each([
    ['a bare hex digest without the v1= scheme', hmac(secret, rawBody)],
    ['another scheme carrying the right digest', `v0=${hmac(secret, rawBody)}`],
    ['non-hex characters', `v1=${'z'.repeat(64)}`],
    ['only separators', ',,, ,'],
    ['a scheme with no value', 'v1='],
  ])('rejects a garbled header: %s', (_label, header) => {
    expect(verifyPagerDutySignature({ secret, rawBody, header })).toBe(false);
  });

  it('rejects a digest of a different length without throwing', () => {
    const correct = hmac(secret, rawBody);
    expect(verifyPagerDutySignature({ secret, rawBody, header: `v1=${correct.slice(0, 62)}` })).toBe(false);
    expect(verifyPagerDutySignature({ secret, rawBody, header: `v1=${correct}00` })).toBe(false);
  });

  it('rejects everything when no secret is configured', () => {
    expect(verifyPagerDutySignature({ secret: '', rawBody, header: `v1=${hmac('', rawBody)}` })).toBe(false);
  });

  it('accepts upper-case hex, since hex digits are case-insensitive', () => {
    expect(verifyPagerDutySignature({ secret, rawBody, header: good.toUpperCase().replace('V1=', 'v1=') })).toBe(true);
  });
});
