import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load-config.ts';
import { clientAddress } from '../../../src/web/client-address.ts';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as IncomingMessage;

describe('the client a public request is counted against', () => {
  it('is the peer address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(0)(request('::ffff:198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
  });

  it.each([
    [1, '203.0.113.7', '203.0.113.7'],
    [1, '192.0.2.1, 203.0.113.7', '203.0.113.7'],
    [2, '192.0.2.1, 203.0.113.7', '192.0.2.1'],
    [3, '203.0.113.7', '203.0.113.7'],
    [1, 'not-an-ip', '10.0.0.5'],
  ])('with %i trusted hop(s) and X-Forwarded-For "%s" is %s', (hops, forwarded, expected) => {
    expect(clientAddress(hops)(request('10.0.0.5', forwarded))).toBe(expected);
  });

  it('with trusted CIDRs is the first address from the right that is not a proxy', () => {
    const client = clientAddress(['10.0.0.0/8', 'fd00::/8']);
    expect(client(request('10.0.0.5', '192.0.2.1, 203.0.113.7, 10.1.2.3'))).toBe('203.0.113.7');
    expect(client(request('fd00::1', '2001:db8::7'))).toBe('2001:db8::7');
    // A request that did not come through a trusted proxy is counted by its own address.
    expect(client(request('198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
  });

  it('refuses a malformed trustProxy in the config with a clear message', () => {
    const example = readFileSync(join(import.meta.dirname, '../../../tplus.config.example.yaml'), 'utf8');
    expect(example).toContain('trustProxy: 0\n');
    const text = example.replace('trustProxy: 0\n', "trustProxy: ['10.0.0.0/33']\n");
    expect(() => parseConfigText(text, 'test')).toThrow(/statusPage\.trustProxy\.0.*must be an IP address or CIDR/s);
  });
});
