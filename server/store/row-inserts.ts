/**
 * The INSERT statements of rows more than one write creates (a member and a key are made by their own operations and,
 * together, by accepting an invitation), shared by both stores: PostgreSQL appends `RETURNING *`.
 */
import type { SqlParam } from './sql-db.js';
import type { NewApiKey, NewInvite, NewMember } from './types.js';

export type Statement = [sql: string, params: SqlParam[]];

export function memberInsert(member: NewMember, at: string): Statement {
  return [
    `INSERT INTO members (id, org_id, email, name, role, joined_at, last_active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
    [member.id, member.orgId, member.email, member.name, member.role, member.joinedAt ?? at, member.joinedAt ?? at],
  ];
}

export function apiKeyInsert(key: NewApiKey, at: string): Statement {
  const created = key.createdAt ?? at;
  return [
    `INSERT INTO api_keys (id, org_id, user_id, name, description, prefix, key_hash, role, mcp_scope,
       created_at, updated_at, last_used, expires_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
    [
      key.id,
      key.orgId,
      key.userId,
      key.name,
      key.description,
      key.prefix,
      key.keyHash,
      key.role,
      JSON.stringify(key.mcpScope),
      created,
      created,
      key.expiresAt,
    ],
  ];
}

export function inviteInsert(invite: NewInvite): Statement {
  return [
    `INSERT INTO invites (id, org_id, email, name, role, invited_by, created_at, expires_at, token_hash, accepted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    [
      invite.id,
      invite.orgId,
      invite.email,
      invite.name,
      invite.role,
      invite.invitedBy,
      invite.createdAt,
      invite.expiresAt,
      invite.tokenHash,
    ],
  ];
}

/** Pending: neither accepted nor expired at the instant given as the next parameter (withdrawn ones are deleted). */
export const PENDING_INVITE = 'accepted_at IS NULL AND expires_at > ?';
