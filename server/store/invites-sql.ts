/** Invitations (openapi.yaml "Invitations"): made, listed while pending, withdrawn, and accepted in one transaction. */
import { limitOffset } from './paging.js';
import { apiKeyInsert, inviteInsert, memberInsert, PENDING_INVITE } from './row-inserts.js';
import { toApiKey, toInvite, toMember } from './row-mappers.js';
import type { SqlDb } from './sql-db.js';
import type { InviteAcceptance, Store } from './types.js';

type InviteQueries = Pick<
  Store,
  'createInvite' | 'findPendingInvite' | 'getPendingInvite' | 'listPendingInvites' | 'withdrawInvite' | 'acceptInvite'
>;

export function inviteQueries(db: SqlDb): InviteQueries {
  const getPending = (orgId: string, id: string, now: string) => {
    const row = db.get(`SELECT * FROM invites WHERE org_id = ? AND id = ? AND ${PENDING_INVITE}`, [orgId, id, now]);
    return row && toInvite(row);
  };
  return {
    async createInvite(invite) {
      await db.write(() => db.run(...inviteInsert(invite)));
      return { ...invite, acceptedAt: null };
    },
    async findPendingInvite(orgId, email, now) {
      const row = db.get(
        `SELECT * FROM invites WHERE org_id = ? AND email = ? COLLATE NOCASE AND ${PENDING_INVITE}
         ORDER BY created_at DESC, id DESC LIMIT 1`,
        [orgId, email, now],
      );
      return row && toInvite(row);
    },
    getPendingInvite: async (orgId, id, now) => getPending(orgId, id, now),
    async listPendingInvites(orgId, now, page) {
      const where = `org_id = ? AND ${PENDING_INVITE}`;
      const items = db
        .all(`SELECT * FROM invites WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
          orgId,
          now,
          ...limitOffset(page),
        ])
        .map(toInvite);
      const total = Number(db.get(`SELECT COUNT(*) AS n FROM invites WHERE ${where}`, [orgId, now])?.n ?? 0);
      return { items, total };
    },
    withdrawInvite: async (orgId, id, now) =>
      (await db.write(() =>
        db.run(`DELETE FROM invites WHERE org_id = ? AND id = ? AND ${PENDING_INVITE}`, [orgId, id, now]),
      )) > 0,
    acceptInvite: (tokenHash, now, build) =>
      // One write transaction at a time: a second acceptance of the token finds it accepted.
      db.write((): InviteAcceptance => {
        const found = db.get(`SELECT * FROM invites WHERE token_hash = ? AND ${PENDING_INVITE}`, [tokenHash, now]);
        if (!found) return { kind: 'not_found' };
        const invite = toInvite(found);
        if (
          db.get('SELECT id FROM members WHERE org_id = ? AND email = ? COLLATE NOCASE', [invite.orgId, invite.email])
        )
          return { kind: 'already_member', invite };
        const { member, key } = build(invite);
        db.run('UPDATE invites SET accepted_at = ? WHERE id = ?', [now, invite.id]);
        db.run(...memberInsert(member, now));
        db.run(...apiKeyInsert(key, now));
        const memberRow = db.get('SELECT * FROM members WHERE id = ?', [member.id]);
        const keyRow = db.get('SELECT * FROM api_keys WHERE id = ?', [key.id]);
        return {
          kind: 'accepted',
          invite: { ...invite, acceptedAt: now },
          member: toMember(memberRow!),
          key: toApiKey(keyRow!),
        };
      }),
  };
}
