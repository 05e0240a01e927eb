/**
 * Member management (openapi.yaml, "Key management" and `updateMember`, `removeMember`, `inviteMember`): the same rule as
 * for keys, applied to people. A caller with at least the admin role changes, removes and invites only members whose role
 * is at most its own, and never grants a role above its own; the organisation's last owner can be neither demoted nor
 * removed (`409 conflict`). A key scoped to some MCPs manages no members at all (`x-mcp-scoped: unscoped-only`, applied
 * with the role before these run): a member it invited or promoted would issue keys over every MCP, wider than the
 * scope the key was given.
 */
import type { Principal } from '../auth/principal.js';
import { roleRank } from '../auth/roles.js';
import { ApiError } from '../http/errors.js';
import type { MemberRow, Role } from '../store/types.js';

/** Throws `403 forbidden` when `target` holds a role above the caller's. */
export function requireMayManageMember(actor: Pick<Principal, 'role'>, target: MemberRow): void {
  if (roleRank(target.role) > roleRank(actor.role)) {
    throw new ApiError(
      'forbidden',
      `A key acting as ${actor.role} cannot change or remove a member who is ${target.role}`,
    );
  }
}

/** Throws `403 forbidden` when `role` is above the caller's: nobody grants more than they hold. */
export function requireMayGrant(actor: Pick<Principal, 'role'>, role: Role): void {
  if (roleRank(role) > roleRank(actor.role)) {
    throw new ApiError('forbidden', `A key acting as ${actor.role} cannot grant the ${role} role`);
  }
}
