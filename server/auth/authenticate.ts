/**
 * The authentication stage. It runs before request validation, so a request without a valid key gets 401 and never a
 * 400 that would reveal the schema. Routes the contract marks `security: []` (health, the contract, the docs) pass.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import type { Store } from '../store/types.js';
import { presentedKey } from './presented-key.js';
import { setPrincipal } from './principal.js';
import { lowerRole } from './roles.js';

export interface AuthenticateOptions {
  store: Store;
  hashApiKey(key: string): string;
  clock: Clock;
  /** True for requests the contract lets through without a key (`security: []`). */
  isPublic(method: string, path: string): boolean;
}

// RFC 9110 §11.6.1: a 401 names the schemes the client may use.
const CHALLENGE = { 'WWW-Authenticate': 'ApiKey realm="plexmcp", Bearer realm="plexmcp"' };
// last_used / last_active are for people, not auditors: a write per minute per key is plenty.
const TOUCH_INTERVAL_MS = 60_000;

function unauthorized(code: 'unauthorized' | 'expired_key' | 'revoked_key', message?: string): ApiError {
  return new ApiError(code, message, undefined, CHALLENGE);
}

function isStale(last: string | null, now: Date): boolean {
  return last === null || now.getTime() - Date.parse(last) >= TOUCH_INTERVAL_MS;
}

export function authenticate(options: AuthenticateOptions) {
  const { store, hashApiKey, clock, isPublic } = options;
  return async function authenticateStage(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (isPublic(req.method, req.path)) return next();
    const presented = presentedKey(req.headers);
    if (presented.kind === 'missing') throw unauthorized('unauthorized');
    if (presented.kind === 'malformed') throw unauthorized('unauthorized', presented.reason);

    // One store call per request, and no cache: revocation, removal, a role change or a deleted organisation takes
    // effect on the very next request, on every instance sharing the database.
    const found = await store.findKeyPrincipal(hashApiKey(presented.key));
    if (!found) throw unauthorized('unauthorized');
    const { key, member, organization } = found;
    const now = clock();
    if (key.revokedAt !== null) throw unauthorized('revoked_key');
    if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now.getTime()) throw unauthorized('expired_key');
    // The key's creator has left the organisation: the key speaks for no one.
    if (!member) throw unauthorized('unauthorized');

    const at = now.toISOString();
    if (isStale(key.lastUsed, now)) await store.touchApiKey(key.id, at);
    if (isStale(member.lastActive, now)) await store.touchMember(key.orgId, member.id, at);

    setPrincipal(res, {
      orgId: key.orgId,
      userId: member.id,
      key,
      member,
      organization,
      role: lowerRole(key.role, member.role),
      scope: key.mcpScope,
    });
    next();
  };
}
