/** Invitations on PostgreSQL; the same statements and answers as server/store/invites-sql.ts. */
import { limitOffset } from '../paging.js';
import { apiKeyInsert, inviteInsert, memberInsert, PENDING_INVITE } from '../row-inserts.js';
import { toApiKey, toInvite, toMember } from '../row-mappers.js';
import type { InviteAcceptance, Store } from '../types.js';
import type { PgDb } from './pg-db.js';
import { SAME_EMAIL } from './pg-organizations.js';

type InviteQueries = Pick<
  Store,
  'createInvite' | 'findPendingInvite' | 'getPendingInvite' | 'listPendingInvites' | 'withdrawInvite' | 'acceptInvite'
>;

export function pgInviteQueries(db: PgDb): InviteQueries {
  return {
    async createInvite(invite) {
      await db.run(...inviteInsert(invite));
      return { ...invite, acceptedAt: null };
    },
    async findPendingInvite(orgId, email, now) {
      const row = await db.get(
        `SELECT * FROM invites WHERE org_id = ? AND ${SAME_EMAIL} AND ${PENDING_INVITE}
         ORDER BY created_at DESC, id DESC LIMIT 1`,
        [orgId, email, now],
      );
      return row && toInvite(row);
    },
    async getPendingInvite(orgId, id, now) {
      const row = await db.get(`SELECT * FROM invites WHERE org_id = ? AND id = ? AND ${PENDING_INVITE}`, [
        orgId,
        id,
        now,
      ]);
      return row && toInvite(row);
    },
    async listPendingInvites(orgId, now, page) {
      const where = `org_id = ? AND ${PENDING_INVITE}`;
      const rows = await db.all(`SELECT * FROM invites WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
        orgId,
        now,
        ...limitOffset(page),
      ]);
      const total = Number((await db.get(`SELECT COUNT(*) AS n FROM invites WHERE ${where}`, [orgId, now]))?.n ?? 0);
      return { items: rows.map(toInvite), total };
    },
    withdrawInvite: async (orgId, id, now) =>
      (await db.run(`DELETE FROM invites WHERE org_id = ? AND id = ? AND ${PENDING_INVITE}`, [orgId, id, now])) > 0,
    acceptInvite: (tokenHash, now, build) =>
      db.transaction(async (tx): Promise<InviteAcceptance> => {
        // FOR UPDATE: a concurrent acceptance of the same token waits here, then finds it accepted (READ COMMITTED
        // re-reads the locked row), so exactly one of them goes on.
        const found = await tx.get(`SELECT * FROM invites WHERE token_hash = ? AND ${PENDING_INVITE} FOR UPDATE`, [
          tokenHash,
          now,
        ]);
        if (!found) return { kind: 'not_found' };
        const invite = toInvite(found);
        if (await tx.get(`SELECT id FROM members WHERE org_id = ? AND ${SAME_EMAIL}`, [invite.orgId, invite.email]))
          return { kind: 'already_member', invite };
        const { member, key } = build(invite);
        await tx.run('UPDATE invites SET accepted_at = ? WHERE id = ?', [now, invite.id]);
        const [memberSql, memberParams] = memberInsert(member, now);
        const memberRow = await tx.get(`${memberSql} RETURNING *`, memberParams);
        const [keySql, keyParams] = apiKeyInsert(key, now);
        const keyRow = await tx.get(`${keySql} RETURNING *`, keyParams);
        return {
          kind: 'accepted',
          invite: { ...invite, acceptedAt: now },
          member: toMember(memberRow!),
          key: toApiKey(keyRow!),
        };
      }),
  };
}
