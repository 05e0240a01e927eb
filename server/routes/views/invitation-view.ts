/** InviteRow → the API's `Invitation`: never the token or its hash (openapi.yaml "Invitations"). */
import type { components } from '../../../generated/schema.js';
import type { InviteRow, Store } from '../../store/types.js';

type Invitation = components['schemas']['Invitation'];

/** The views of a page of invitations, with their inviters read in one query; in the order of `rows`. */
export async function invitationViews(store: Store, orgId: string, rows: readonly InviteRow[]): Promise<Invitation[]> {
  if (rows.length === 0) return [];
  const inviters = await store.getMembers(orgId, [...new Set(rows.map((row) => row.invitedBy))]);
  const emails = new Map(inviters.map((member) => [member.id, member.email]));
  return rows.map((row) => ({
    invite_id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    invited_by: { id: row.invitedBy, email: emails.get(row.invitedBy) ?? null },
    created_at: row.createdAt,
    expires_at: row.expiresAt,
  }));
}
