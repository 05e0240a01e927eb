/**
 * Reads the API key a request presents: `Authorization: ApiKey <key>` (the documented form), `Authorization: Bearer
 * <key>` (what MCP clients send) or `X-API-Key: <key>`. Auth schemes are case-insensitive (RFC 9110 §11.1).
 */
import type { IncomingHttpHeaders } from 'node:http';

export type PresentedKey = { kind: 'key'; key: string } | { kind: 'missing' } | { kind: 'malformed'; reason: string };

const SCHEMES = new Set(['apikey', 'bearer']);
// token68 (RFC 9110 §11.2); real keys are `pmcp_` + base62, but an unknown key must be 401, not a parse failure.
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function presentedKey(headers: IncomingHttpHeaders): PresentedKey {
  const authorization = single(headers.authorization)?.trim();
  if (authorization) {
    const match = /^(\S+)\s+(\S+)$/.exec(authorization);
    if (!match || !SCHEMES.has(match[1]!.toLowerCase())) {
      return {
        kind: 'malformed',
        reason: 'Use Authorization: ApiKey <key>, Authorization: Bearer <key> or X-API-Key: <key>',
      };
    }
    const key = match[2]!;
    return TOKEN68.test(key) ? { kind: 'key', key } : { kind: 'malformed', reason: 'The API key is malformed' };
  }
  const headerKey = single(headers['x-api-key'])?.trim();
  if (headerKey) {
    return TOKEN68.test(headerKey)
      ? { kind: 'key', key: headerKey }
      : { kind: 'malformed', reason: 'The API key is malformed' };
  }
  return { kind: 'missing' };
}
