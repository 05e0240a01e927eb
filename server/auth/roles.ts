/**
 * Roles and what they may do: owner > admin > member > viewer. A key acts with the lower of its own role and its
 * creator's current role, so demoting a member immediately narrows every key they made.
 */
import { ApiError } from '../http/errors.js';
import type { Role } from '../store/types.js';

const RANK: Readonly<Record<Role, number>> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function roleRank(role: Role): number {
  return RANK[role];
}

export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** Throws `403 forbidden` unless `role` reaches `needed`. */
export function requireRole(role: Role, needed: Role): void {
  if (!atLeast(role, needed)) {
    throw new ApiError('forbidden', `This action needs the ${needed} role or higher; the API key acts as ${role}`);
  }
}
