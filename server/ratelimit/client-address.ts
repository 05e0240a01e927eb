/**
 * The client address that failed-authentication budgets are kept per.
 *
 * `req.ip` follows Express's `trust proxy` setting: by default it is the socket's peer address and
 * `X-Forwarded-For` is ignored, because any client can write that header. A deployment behind a proxy sets
 * `app.set('trust proxy', ...)` (for example the proxy's address or hop count) and gets the client's address.
 *
 * IPv6 clients usually hold a whole /64 (RFC 4291 §2.5.4; RFC 6177 recommends at least a /56 per site), so an IPv6
 * address counts as its /64 network: otherwise one host could rotate through addresses and never run out of budget.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';

export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress;
  return ip ? addressKey(ip) : 'unknown';
}

/** The budget key of an address: IPv4 as is (also when IPv4-mapped), IPv6 as its /64 network. */
export function addressKey(ip: string): string {
  const address = ip.split('%')[0] ?? ip; // drop an IPv6 zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  const groups = expandIpv6(address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, each as lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1]) {
    // An embedded IPv4 tail (RFC 4291 §2.2 form 3) is two groups.
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
