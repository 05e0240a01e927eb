/** MemberRow → the API's `Member`. */
import type { components } from '../../../generated/schema.js';
import type { MemberRow } from '../../store/types.js';

export function memberView(row: MemberRow): components['schemas']['Member'] {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    joined_at: row.joinedAt,
    last_active: row.lastActive,
    updated_at: row.updatedAt,
  };
}
