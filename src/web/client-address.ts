import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { parseCidr } from '../config/cidr.ts';

/** Which proxies in front of tplus to believe: how many hops, or the addresses (CIDRs) they send from. */
export type TrustProxy = number | readonly string[];

const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/**
 * Returns the function that names the client a request is counted against. With no trusted proxy
 * it is the peer address. Behind proxies, X-Forwarded-For is read from the right: with a hop count
 * n, the address n hops back (the first listed when there are fewer); with CIDRs, the first
 * address from the right that is not a trusted proxy. A client cannot spoof its way past the
 * proxies it went through, because only what the trusted proxies appended is believed.
 */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  const peer = (req: IncomingMessage) => unmapped(req.socket.remoteAddress ?? 'unknown');
  const chain = (req: IncomingMessage) => {
    const header = req.headers['x-forwarded-for'];
    const listed = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((s) => unmapped(s.trim()))
      .filter((s) => isIP(s) !== 0);
    return [...listed, peer(req)];
  };
  if (typeof trust === 'number') {
    if (trust === 0) return peer;
    return (req) => {
      const hops = chain(req);
      return hops[Math.max(0, hops.length - 1 - trust)] as string;
    };
  }
  const proxies = new BlockList();
  for (const text of trust) {
    const cidr = parseCidr(text);
    if (cidr) proxies.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  const isProxy = (a: string) => isIP(a) !== 0 && proxies.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
  return (req) => {
    const hops = chain(req);
    for (let i = hops.length - 1; i > 0; i--) if (!isProxy(hops[i] as string)) return hops[i] as string;
    return hops[0] as string;
  };
}
