/** API keys. Status is derived, never stored: revoked if `revoked_at` is set, expired if `expires_at <= now`. */
import { limitOffset } from './paging.js';
import { toApiKey, toMember, toOrganization } from './row-mappers.js';
import type { SqlDb, SqlParam, SqlRow } from './sql-db.js';
import type { ApiKeyFilter, ApiKeyStatus, Store } from './types.js';

type ApiKeyQueries = Pick<
  Store,
  | 'createApiKey'
  | 'findApiKeyByHash'
  | 'findKeyPrincipal'
  | 'getApiKey'
  | 'listApiKeys'
  | 'countActiveApiKeys'
  | 'updateApiKey'
  | 'revokeApiKey'
  | 'touchApiKey'
>;

/** The SQL condition for a status at `now` (ISO text compares in time order). */
export function apiKeyStatusCondition(status: ApiKeyStatus, now: string): [string, SqlParam[]] {
  switch (status) {
    case 'revoked':
      return ['revoked_at IS NOT NULL', []];
    case 'expired':
      return ['revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ?', [now]];
    case 'active':
      return ['revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)', [now]];
  }
}

function whereFor(orgId: string, filter: ApiKeyFilter): [string, SqlParam[]] {
  const clauses = ['org_id = ?'];
  const params: SqlParam[] = [orgId];
  if (filter.userId !== undefined) {
    clauses.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.status !== undefined) {
    const [clause, more] = apiKeyStatusCondition(filter.status, filter.now ?? new Date().toISOString());
    clauses.push(`(${clause})`);
    params.push(...more);
  }
  return [clauses.join(' AND '), params];
}

const MEMBER_COLUMNS = ['id', 'org_id', 'email', 'name', 'role', 'joined_at', 'last_active', 'updated_at'];
const ORGANIZATION_COLUMNS = ['id', 'name', 'slug', 'description', 'plan', 'settings', 'created_at', 'updated_at'];
const aliased = (table: string, prefix: string, columns: readonly string[]) =>
  columns.map((column) => `${table}.${column} AS ${prefix}${column}`).join(', ');
/** The columns of one joined row that carry `prefix`, without it. */
const unprefixed = (row: SqlRow, prefix: string, columns: readonly string[]): SqlRow =>
  Object.fromEntries(columns.map((column) => [column, row[prefix + column]])) as SqlRow;

// The key, its creator's membership (absent once they left: LEFT JOIN) and the organisation, in one statement.
const KEY_PRINCIPAL_SQL = `SELECT k.*, ${aliased('m', 'm_', MEMBER_COLUMNS)}, ${aliased('o', 'o_', ORGANIZATION_COLUMNS)}
  FROM api_keys k
  JOIN organizations o ON o.id = k.org_id
  LEFT JOIN members m ON m.org_id = k.org_id AND m.id = k.user_id
  WHERE k.key_hash = ?`;

export function apiKeyQueries(db: SqlDb): ApiKeyQueries {
  const getApiKey = (orgId: string, id: string) => {
    const row = db.get('SELECT * FROM api_keys WHERE org_id = ? AND id = ?', [orgId, id]);
    return row && toApiKey(row);
  };

  return {
    async createApiKey(key) {
      const at = key.createdAt ?? new Date().toISOString();
      await db.write(() =>
        db.run(
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
            at,
            at,
            key.expiresAt,
          ],
        ),
      );
      return getApiKey(key.orgId, key.id)!;
    },
    async findApiKeyByHash(keyHash) {
      const row = db.get('SELECT * FROM api_keys WHERE key_hash = ?', [keyHash]);
      return row && toApiKey(row);
    },
    async findKeyPrincipal(keyHash) {
      const row = db.get(KEY_PRINCIPAL_SQL, [keyHash]);
      if (!row) return undefined;
      return {
        key: toApiKey(row),
        member: row.m_id == null ? undefined : toMember(unprefixed(row, 'm_', MEMBER_COLUMNS)),
        organization: toOrganization(unprefixed(row, 'o_', ORGANIZATION_COLUMNS)),
      };
    },
    getApiKey: async (orgId, id) => getApiKey(orgId, id),
    async listApiKeys(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter);
      const items = db
        .all(`SELECT * FROM api_keys WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
          ...params,
          ...limitOffset(page),
        ])
        .map(toApiKey);
      const total = Number(db.get(`SELECT COUNT(*) AS n FROM api_keys WHERE ${where}`, params)?.n ?? 0);
      return { items, total };
    },
    async countActiveApiKeys(orgId, filter) {
      const [where, params] = whereFor(orgId, { status: 'active', userId: filter.userId, now: filter.now });
      return Number(db.get(`SELECT COUNT(*) AS n FROM api_keys WHERE ${where}`, params)?.n ?? 0);
    },
    async updateApiKey(orgId, id, patch) {
      const current = getApiKey(orgId, id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      await db.write(() =>
        db.run('UPDATE api_keys SET name = ?, description = ?, updated_at = ? WHERE org_id = ? AND id = ?', [
          next.name,
          next.description,
          new Date().toISOString(),
          orgId,
          id,
        ]),
      );
      return getApiKey(orgId, id);
    },
    async revokeApiKey(orgId, id, at) {
      // Revoking twice keeps the first revocation time.
      await db.write(() =>
        db.run('UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL', [
          at,
          at,
          orgId,
          id,
        ]),
      );
      return getApiKey(orgId, id);
    },
    async touchApiKey(id, at) {
      await db.write(() => db.run('UPDATE api_keys SET last_used = ? WHERE id = ?', [at, id]));
    },
  };
}
