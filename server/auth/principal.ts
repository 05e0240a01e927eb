/** Who is calling: the authenticated key, its organisation and member, and the role and MCP scope it acts with. */
import type { Response } from 'express';
import type { ApiKeyRow, McpScope, MemberRow, OrganizationRow, Role } from '../store/types.js';

export interface Principal {
  orgId: string;
  userId: string;
  key: ApiKeyRow;
  member: MemberRow;
  /** The organisation as read with the key, at the start of this request (its plan decides quotas). */
  organization: OrganizationRow;
  /** min(key.role, member.role): what the key may actually do. */
  role: Role;
  scope: McpScope;
}

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals.principal = principal;
}

/** The caller; only routes behind the authentication stage call this. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf called on a route without authentication');
  return principal;
}
