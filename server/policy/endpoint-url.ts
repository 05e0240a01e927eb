/**
 * Which upstream URLs an organisation may register. Only http and https make sense for MCP's streamable HTTP and SSE
 * transports. On a shared (not self-hosted) deployment, hosts on loopback, private, link-local or otherwise
 * non-public addresses are refused so a tenant cannot point the gateway at the operator's own network (SSRF).
 * This checks literal hosts only; names that resolve to private addresses are the gateway's to refuse at connect time.
 */
import { isIP } from 'node:net';

export interface EndpointPolicy {
  allowPrivate: boolean;
}

function ipv4Octets(host: string): number[] | undefined {
  if (isIP(host) !== 4) return undefined;
  return host.split('.').map(Number);
}

/** RFC 1918, RFC 6598 (shared), RFC 3927 (link-local), loopback, "this network", multicast and reserved. */
function isPrivateIpv4(octets: number[]): boolean {
  const [a = 0, b = 0] = octets;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/** ::1, ::, unique-local fc00::/7 (RFC 4193), link-local fe80::/10, and IPv4-mapped private addresses. */
function isPrivateIpv6(host: string): boolean {
  const lower = host.toLowerCase();
  if (lower === '::1' || lower === '::') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return isPrivateIpv4(ipv4Octets(mapped[1]) ?? []);
  // The URL parser writes mapped addresses in hex (::ffff:7f00:1).
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped?.[1] && hexMapped[2]) {
    const high = parseInt(hexMapped[1], 16);
    const low = parseInt(hexMapped[2], 16);
    return isPrivateIpv4([high >> 8, high & 255, low >> 8, low & 255]);
  }
  return false;
}

export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const octets = ipv4Octets(host);
  if (octets) return isPrivateIpv4(octets);
  if (isIP(host) === 6) return isPrivateIpv6(host);
  return false;
}

/** Why `url` cannot be registered, or undefined when it can. */
export function endpointUrlProblem(url: string, policy: EndpointPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials; use auth_type and its fields';
  if (!policy.allowPrivate && isPrivateHost(parsed.hostname)) {
    return 'must not point at a loopback, private or link-local address on this server';
  }
  return undefined;
}
