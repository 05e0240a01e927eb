/** Organisations and members. */
import type { Clock } from '../clock.js';
import { LastOwnerError } from './errors.js';
import { limitOffset, placeholders } from './paging.js';
import { memberInsert } from './row-inserts.js';
import { toMember, toOrganization } from './row-mappers.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import type { Store } from './types.js';

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

export function organizationQueries(db: SqlDb, clock: Clock): OrganizationQueries {
  const getOrganization = (id: string) => {
    const row = db.get('SELECT * FROM organizations WHERE id = ?', [id]);
    return row && toOrganization(row);
  };
  const getMember = (orgId: string, userId: string) => {
    const row = db.get('SELECT * FROM members WHERE org_id = ? AND id = ?', [orgId, userId]);
    return row && toMember(row);
  };
  const roleFilter = (orgId: string, role: string | undefined): [string, SqlParam[]] =>
    role ? ['org_id = ? AND role = ?', [orgId, role]] : ['org_id = ?', [orgId]];
  /** Inside a write: refuses to take away the organisation's last owner. */
  const requireAnotherOwner = (orgId: string, userId: string, action: string): void => {
    if (getMember(orgId, userId)?.role !== 'owner') return;
    const owners = Number(
      db.get("SELECT COUNT(*) AS n FROM members WHERE org_id = ? AND role = 'owner'", [orgId])?.n ?? 0,
    );
    if (owners <= 1)
      throw new LastOwnerError('owner', `Member ${userId} is the organisation's last owner and cannot be ${action}`);
  };

  return {
    async createOrganization(org) {
      const at = org.createdAt ?? clock().toISOString();
      await db.write(() =>
        db.run(
          `INSERT INTO organizations (id, name, slug, description, plan, settings, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [org.id, org.name, org.slug, org.description, org.plan, JSON.stringify(org.settings), at, at],
        ),
      );
      return getOrganization(org.id)!;
    },
    getOrganization: async (id) => getOrganization(id),
    listOrganizations: async () => db.all('SELECT * FROM organizations ORDER BY created_at, id').map(toOrganization),
    async updateOrganization(id, patch) {
      const current = getOrganization(id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      await db.write(() =>
        db.run(
          'UPDATE organizations SET name = ?, description = ?, plan = ?, settings = ?, updated_at = ? WHERE id = ?',
          [next.name, next.description, next.plan, JSON.stringify(next.settings), clock().toISOString(), id],
        ),
      );
      return getOrganization(id);
    },

    async createMember(member) {
      await db.write(() => db.run(...memberInsert(member, clock().toISOString())));
      return getMember(member.orgId, member.id)!;
    },
    getMember: async (orgId, userId) => getMember(orgId, userId),
    async getMembers(orgId, userIds) {
      if (userIds.length === 0) return [];
      return db
        .all(`SELECT * FROM members WHERE org_id = ? AND id IN ${placeholders(userIds.length)}`, [orgId, ...userIds])
        .map(toMember);
    },
    async findMemberByEmail(orgId, email) {
      const row = db.get('SELECT * FROM members WHERE org_id = ? AND email = ? COLLATE NOCASE', [orgId, email]);
      return row && toMember(row);
    },
    async listMembers(orgId, filter, page) {
      const [where, params] = roleFilter(orgId, filter.role);
      const items = db
        .all(`SELECT * FROM members WHERE ${where} ORDER BY joined_at, id LIMIT ? OFFSET ?`, [
          ...params,
          ...limitOffset(page),
        ])
        .map(toMember);
      const total = Number(db.get(`SELECT COUNT(*) AS n FROM members WHERE ${where}`, params)?.n ?? 0);
      return { items, total };
    },
    async countMembers(orgId, filter) {
      const [where, params] = roleFilter(orgId, filter?.role);
      return Number(db.get(`SELECT COUNT(*) AS n FROM members WHERE ${where}`, params)?.n ?? 0);
    },
    async updateMemberRole(orgId, userId, role, at) {
      const changed = await db.write(() => {
        if (role !== 'owner') requireAnotherOwner(orgId, userId, 'demoted');
        return db.run('UPDATE members SET role = ?, updated_at = ? WHERE org_id = ? AND id = ?', [
          role,
          at,
          orgId,
          userId,
        ]);
      });
      return changed ? getMember(orgId, userId) : undefined;
    },
    async touchMember(orgId, userId, at) {
      await db.write(() =>
        db.run('UPDATE members SET last_active = ? WHERE org_id = ? AND id = ?', [at, orgId, userId]),
      );
    },
    async removeMember(orgId, userId, at) {
      return db.write(() => {
        requireAnotherOwner(orgId, userId, 'removed');
        const removed = db.run('DELETE FROM members WHERE org_id = ? AND id = ?', [orgId, userId]);
        if (removed === 0) return false;
        db.run(
          'UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE org_id = ? AND user_id = ? AND revoked_at IS NULL',
          [at, at, orgId, userId],
        );
        return true;
      });
    },
  };
}
