/** The credentials the demo MCP server can demand, one per PlexMCP `auth_type`. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type DemoAuth =
  | { type: 'bearer'; token: string }
  | { type: 'api_key'; key: string; header?: string }
  | { type: 'basic'; username: string; password: string };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `req` carries the credentials `auth` demands (always true without `auth`). */
export function isAuthorized(req: IncomingMessage, auth: DemoAuth | undefined): boolean {
  if (!auth) return true;
  if (auth.type === 'api_key') {
    const value = req.headers[(auth.header ?? 'X-API-Key').toLowerCase()];
    return typeof value === 'string' && same(value, auth.key);
  }
  const header = req.headers.authorization ?? '';
  if (auth.type === 'bearer') return same(header, `Bearer ${auth.token}`);
  const expected = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  return same(header, `Basic ${expected}`);
}

/** The RFC 9110 §11.6.1 challenge for a 401. */
export function challenge(auth: DemoAuth): string {
  if (auth.type === 'basic') return 'Basic realm="plexmcp-demo"';
  if (auth.type === 'bearer') return 'Bearer realm="plexmcp-demo"';
  return `ApiKey header="${auth.header ?? 'X-API-Key'}"`;
}
