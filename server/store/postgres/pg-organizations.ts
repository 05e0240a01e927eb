/** Organisations and members on PostgreSQL; the same statements and answers as server/store/organizations-sql.ts. */

import type { Clock } from '../../clock.js';
import { LastOwnerError } from '../errors.js';
import { limitOffset, placeholders } from '../paging.js';
import { memberInsert } from '../row-inserts.js';
import { toMember, toOrganization } from '../row-mappers.js';
import type { Store } from '../types.js';
import type { PgDb, PgParam, PgQueryable } from './pg-db.js';
import { setClause } from './set-clause.js';

type OrganizationQueries = Pick<
  Store,
  | 'createOrganization'
  | 'getOrganization'
  | 'listOrganizations'
  | 'updateOrganization'
  | 'createMember'
  | 'getMember'
  | 'findMemberByEmail'
  | 'getMembers'
  | 'listMembers'
  | 'countMembers'
  | 'updateMemberRole'
  | 'touchMember'
  | 'removeMember'
>;

// SQLite's NOCASE folds ASCII letters only; so does lower() under the "C" collation.
export const SAME_EMAIL = 'lower(email) = lower(? COLLATE "C")';

/** Inside a transaction: refuses to take away the organisation's last owner. Locking the owners' rows serialises two
 * requests racing to remove the last two. */
async function requireAnotherOwner(tx: PgQueryable, orgId: string, userId: string, action: string): Promise<void> {
  const owners = await tx.all("SELECT id FROM members WHERE org_id = ? AND role = 'owner' FOR UPDATE", [orgId]);
  if (owners.length <= 1 && owners.some((row) => row.id === userId)) {
    throw new LastOwnerError('owner', `Member ${userId} is the organisation's last owner and cannot be ${action}`);
  }
}

export function pgOrganizationQueries(db: PgDb, clock: Clock): OrganizationQueries {
  const getOrganization = async (id: string) => {
    const row = await db.get('SELECT * FROM organizations WHERE id = ?', [id]);
    return row && toOrganization(row);
  };
  const getMember = async (orgId: string, userId: string) => {
    const row = await db.get('SELECT * FROM members WHERE org_id = ? AND id = ?', [orgId, userId]);
    return row && toMember(row);
  };
  const roleFilter = (orgId: string, role: string | undefined): [string, PgParam[]] =>
    role ? ['org_id = ? AND role = ?', [orgId, role]] : ['org_id = ?', [orgId]];
  const countMembers = async (where: string, params: PgParam[]) =>
    Number((await db.get(`SELECT COUNT(*) AS n FROM members WHERE ${where}`, params))?.n ?? 0);

  return {
    async createOrganization(org) {
      const at = org.createdAt ?? clock().toISOString();
      const row = await db.get(
        `INSERT INTO organizations (id, name, slug, description, plan, settings, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [org.id, org.name, org.slug, org.description, org.plan, JSON.stringify(org.settings), at, at],
      );
      return toOrganization(row!);
    },
    getOrganization,
    listOrganizations: async () =>
      (await db.all('SELECT * FROM organizations ORDER BY created_at, id')).map(toOrganization),
    async updateOrganization(id, patch) {
      // Only the fields given are written, in one statement: concurrent updates of different fields both stand.
      const [set, params] = setClause({
        name: patch.name,
        description: patch.description,
        plan: patch.plan,
        settings: patch.settings === undefined ? undefined : JSON.stringify(patch.settings),
        updated_at: clock().toISOString(),
      });
      const row = await db.get(`UPDATE organizations SET ${set} WHERE id = ? RETURNING *`, [...params, id]);
      return row && toOrganization(row);
    },

    async createMember(member) {
      const [sql, params] = memberInsert(member, clock().toISOString());
      const row = await db.get(`${sql} RETURNING *`, params);
      return toMember(row!);
    },
    getMember,
    async getMembers(orgId, userIds) {
      if (userIds.length === 0) return [];
      const rows = await db.all(`SELECT * FROM members WHERE org_id = ? AND id IN ${placeholders(userIds.length)}`, [
        orgId,
        ...userIds,
      ]);
      return rows.map(toMember);
    },
    async findMemberByEmail(orgId, email) {
      const row = await db.get(`SELECT * FROM members WHERE org_id = ? AND ${SAME_EMAIL}`, [orgId, email]);
      return row && toMember(row);
    },
    async listMembers(orgId, filter, page) {
      const [where, params] = roleFilter(orgId, filter.role);
      const rows = await db.all(`SELECT * FROM members WHERE ${where} ORDER BY joined_at, id LIMIT ? OFFSET ?`, [
        ...params,
        ...limitOffset(page),
      ]);
      return { items: rows.map(toMember), total: await countMembers(where, params) };
    },
    countMembers: (orgId, filter) => countMembers(...roleFilter(orgId, filter?.role)),
    updateMemberRole: (orgId, userId, role, at) =>
      db.transaction(async (tx) => {
        if (role !== 'owner') await requireAnotherOwner(tx, orgId, userId, 'demoted');
        const row = await tx.get(
          'UPDATE members SET role = ?, updated_at = ? WHERE org_id = ? AND id = ? RETURNING *',
          [role, at, orgId, userId],
        );
        return row && toMember(row);
      }),
    async touchMember(orgId, userId, at) {
      await db.run('UPDATE members SET last_active = ? WHERE org_id = ? AND id = ?', [at, orgId, userId]);
    },
    removeMember: (orgId, userId, at) =>
      db.transaction(async (tx) => {
        await requireAnotherOwner(tx, orgId, userId, 'removed');
        const removed = await tx.run('DELETE FROM members WHERE org_id = ? AND id = ?', [orgId, userId]);
        if (removed === 0) return false;
        await tx.run(
          'UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL',
          [at, at, orgId, userId],
        );
        return true;
      }),
  };
}
