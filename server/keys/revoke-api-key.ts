/**
 * The use case behind `revokeApiKey`: revoke a key the caller manages (openapi.yaml, "Key management"). Viewers revoke
 * nothing (`403`, the operation's `x-required-role`, applied before this runs); a key the caller does not manage is `404`; revoking a revoked key answers its first revocation
 * again. Two refusals keep the caller and the organisation able to act: the caller's only active key (`403 forbidden`),
 * and the organisation's last active key acting as owner (`409 conflict`), checked in the store's own transaction.
 */
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { isLastOwnerError } from '../store/errors.js';
import type { ApiKeyRow, Store } from '../store/types.js';
import { findManageableKey } from './key-access.js';

export interface RevokedApiKey {
  id: string;
  status: 'revoked';
  revoked_at: string;
}

function isActive(row: ApiKeyRow, now: Date): boolean {
  return row.revokedAt === null && (row.expiresAt === null || Date.parse(row.expiresAt) > now.getTime());
}

export async function revokeApiKey(
  deps: { store: Store; clock: Clock },
  actor: Principal,
  keyId: string,
): Promise<RevokedApiKey> {
  const { store } = deps;
  const row = await findManageableKey(store, actor, keyId);
  if (row.revokedAt !== null) return { id: row.id, status: 'revoked', revoked_at: row.revokedAt };
  const now = deps.clock();
  if (row.userId === actor.userId && isActive(row, now)) {
    const active = await store.countActiveApiKeys(actor.orgId, { userId: actor.userId, now: now.toISOString() });
    if (active <= 1)
      throw new ApiError('forbidden', 'This is your only active API key; create another before revoking it');
  }
  let revoked: ApiKeyRow | undefined;
  try {
    revoked = await store.revokeApiKey(actor.orgId, row.id, now.toISOString());
  } catch (error) {
    if (isLastOwnerError(error)) {
      throw new ApiError(
        'conflict',
        "This is the organisation's last active owner key; issue another owner key before revoking it",
      );
    }
    throw error;
  }
  if (!revoked) throw new ApiError('not_found', `API key ${row.id} not found`);
  return { id: revoked.id, status: 'revoked', revoked_at: revoked.revokedAt ?? now.toISOString() };
}
