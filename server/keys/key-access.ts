/**
 * Key management (openapi.yaml, "Key management"): which API keys a caller may read, rename and revoke.
 *
 * A caller manages a key when the key's role (as issued) is at most the caller's role, and, for a caller scoped to
 * some MCPs, the key's scope lies within the caller's. Owners and admins manage such keys of every member; members and
 * viewers only their own. Keys a caller cannot manage are invisible to it: absent from lists, `404` by id, so nothing
 * about them (not even that they exist) leaks. Renaming and revoking need at least the member role; viewers read.
 */
import { isWithinScope } from '../auth/mcp-scope.js';
import type { Principal } from '../auth/principal.js';
import { atLeast, roleRank } from '../auth/roles.js';
import { ApiError } from '../http/errors.js';
import type { ApiKeyFilter, ApiKeyRow, Role, Store } from '../store/types.js';

/** Who acts: the member behind the key, and the role and scope the key acts with. */
export type KeyManager = Pick<Principal, 'userId' | 'role' | 'scope'>;

const ROLES: readonly Role[] = ['viewer', 'member', 'admin', 'owner'];

/** Admins and owners manage other members' keys; members and viewers only their own. */
export function managesOthersKeys(role: Role): boolean {
  return atLeast(role, 'admin');
}

/** Whether `actor` may see, rename and revoke `key` (renaming and revoking also need the member role). */
export function mayManageKey(actor: KeyManager, key: Pick<ApiKeyRow, 'userId' | 'role' | 'mcpScope'>): boolean {
  if (!managesOthersKeys(actor.role) && key.userId !== actor.userId) return false;
  return roleRank(key.role) <= roleRank(actor.role) && isWithinScope(key.mcpScope, actor.scope);
}

/** The same rule as a store filter, so a page of keys holds only keys the caller manages and its total counts only them. */
export function manageableKeysFilter(actor: KeyManager): Pick<ApiKeyFilter, 'userId' | 'roles' | 'withinScope'> {
  return {
    ...(managesOthersKeys(actor.role) ? {} : { userId: actor.userId }),
    roles: ROLES.filter((role) => roleRank(role) <= roleRank(actor.role)),
    ...(actor.scope === '*' ? {} : { withinScope: actor.scope }),
  };
}

/** The key `keyId` of the caller's organisation when the caller manages it; else `404 not_found`, as if it did not exist. */
export async function findManageableKey(
  store: Pick<Store, 'getApiKey'>,
  actor: KeyManager & { orgId: string },
  keyId: string,
): Promise<ApiKeyRow> {
  const row = await store.getApiKey(actor.orgId, keyId);
  if (!row || !mayManageKey(actor, row)) throw new ApiError('not_found', `API key ${keyId} not found`);
  return row;
}
