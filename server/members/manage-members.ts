/**
 * The use cases behind `updateMember` and `removeMember` (openapi.yaml, "Key management"): change a member's role or
 * remove the member, within the caller's own role, never leaving the organisation without an owner (`409 conflict`,
 * checked in the store's own transaction so two requests cannot remove the last two owners together).
 */
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { isLastOwnerError } from '../store/errors.js';
import type { MemberRow, Role, Store } from '../store/types.js';
import { requireMayGrant, requireMayManageMember } from './member-access.js';

export interface MemberDeps {
  store: Store;
  clock: Clock;
}

async function findMember(store: Store, actor: Principal, userId: string): Promise<MemberRow> {
  const member = await store.getMember(actor.orgId, userId);
  if (!member) throw new ApiError('not_found', `Member ${userId} not found`);
  return member;
}

async function keepingAnOwner<T>(action: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isLastOwnerError(error)) {
      throw new ApiError(
        'conflict',
        `The organisation's last owner cannot be ${action}; make another member owner first`,
      );
    }
    throw error;
  }
}

export async function changeMemberRole(
  deps: MemberDeps,
  actor: Principal,
  userId: string,
  role: Role,
): Promise<MemberRow> {
  const target = await findMember(deps.store, actor, userId);
  requireMayManageMember(actor, target);
  requireMayGrant(actor, role);
  const updated = await keepingAnOwner('demoted', () =>
    deps.store.updateMemberRole(actor.orgId, target.id, role, deps.clock().toISOString()),
  );
  if (!updated) throw new ApiError('not_found', `Member ${target.id} not found`);
  return updated;
}

export async function removeMember(deps: MemberDeps, actor: Principal, userId: string): Promise<void> {
  const target = await findMember(deps.store, actor, userId);
  requireMayManageMember(actor, target);
  const removed = await keepingAnOwner('removed', () =>
    deps.store.removeMember(actor.orgId, target.id, deps.clock().toISOString()),
  );
  if (!removed) throw new ApiError('not_found', `Member ${target.id} not found`);
}
