/** API keys on PostgreSQL; the same statements and answers as server/store/api-keys-sql.ts (status derived, never stored). */
import type { Clock } from '../../clock.js';
import { activeOwnerKeyCondition, PURGE_AGED_KEYS, whereFor } from '../api-keys-sql.js';
import { LastOwnerError } from '../errors.js';
import { limitOffset } from '../paging.js';
import { apiKeyInsert } from '../row-inserts.js';
import { toApiKey, toMember, toOrganization } from '../row-mappers.js';
import type { SqlRow } from '../sql-db.js';
import type { Store } from '../types.js';
import type { PgDb, PgParam } from './pg-db.js';
import { setClause } from './set-clause.js';

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
  | 'purgeApiKeysBefore'
>;

/** Splits a joined row's `k_`, `o_` and `m_` columns back into the three tables' rows. */
function part(row: SqlRow, prefix: string): SqlRow {
  const out: SqlRow = {};
  for (const [column, value] of Object.entries(row)) if (column.startsWith(prefix)) out[column.slice(2)] = value;
  return out;
}

const columns = (table: string, prefix: string, names: readonly string[]) =>
  names.map((name) => `${table}.${name} AS ${prefix}${name}`).join(', ');

const KEY_COLUMNS = [
  'id',
  'org_id',
  'user_id',
  'name',
  'description',
  'prefix',
  'key_hash',
  'role',
  'mcp_scope',
  'created_at',
  'updated_at',
  'last_used',
  'expires_at',
  'revoked_at',
] as const;
const ORG_COLUMNS = ['id', 'name', 'slug', 'description', 'plan', 'settings', 'created_at', 'updated_at'] as const;
const MEMBER_COLUMNS = ['id', 'org_id', 'email', 'name', 'role', 'joined_at', 'last_active', 'updated_at'] as const;

// Over the network one statement is one round trip: the key, its organisation and its creator are read joined.
const PRINCIPAL_SQL = `SELECT ${columns('k', 'k_', KEY_COLUMNS)}, ${columns('o', 'o_', ORG_COLUMNS)},
    ${columns('m', 'm_', MEMBER_COLUMNS)}
  FROM api_keys k JOIN organizations o ON o.id = k.org_id
  LEFT JOIN members m ON m.org_id = k.org_id AND m.id = k.user_id
  WHERE k.key_hash = ?`;

export function pgApiKeyQueries(db: PgDb, clock: Clock): ApiKeyQueries {
  const getApiKey = async (orgId: string, id: string) => {
    const row = await db.get('SELECT * FROM api_keys WHERE org_id = ? AND id = ?', [orgId, id]);
    return row && toApiKey(row);
  };
  const count = async (where: string, params: PgParam[]) =>
    Number((await db.get(`SELECT COUNT(*) AS n FROM api_keys WHERE ${where}`, params))?.n ?? 0);

  return {
    async createApiKey(key) {
      const [sql, params] = apiKeyInsert(key, clock().toISOString());
      const row = await db.get(`${sql} RETURNING *`, params);
      return toApiKey(row!);
    },
    async findApiKeyByHash(keyHash) {
      const row = await db.get('SELECT * FROM api_keys WHERE key_hash = ?', [keyHash]);
      return row && toApiKey(row);
    },
    async findKeyPrincipal(keyHash) {
      const row = await db.get(PRINCIPAL_SQL, [keyHash]);
      if (!row) return undefined;
      const member = part(row, 'm_');
      return {
        key: toApiKey(part(row, 'k_')),
        member: member.id === null ? undefined : toMember(member),
        organization: toOrganization(part(row, 'o_')),
      };
    },
    getApiKey,
    async listApiKeys(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter, clock().toISOString(), 'postgres');
      const rows = await db.all(`SELECT * FROM api_keys WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
        ...params,
        ...limitOffset(page),
      ]);
      return { items: rows.map(toApiKey), total: await count(where, params) };
    },
    countActiveApiKeys: (orgId, filter) =>
      count(...whereFor(orgId, { status: 'active', userId: filter.userId, now: filter.now }, clock().toISOString())),
    async updateApiKey(orgId, id, patch) {
      const [set, params] = setClause({
        name: patch.name,
        description: patch.description,
        updated_at: clock().toISOString(),
      });
      const row = await db.get(`UPDATE api_keys SET ${set} WHERE org_id = ? AND id = ? RETURNING *`, [
        ...params,
        orgId,
        id,
      ]);
      return row && toApiKey(row);
    },
    async revokeApiKey(orgId, id, at) {
      await db.transaction(async (tx) => {
        // Locking the keys that act as owner serialises two revocations racing for the last two of them.
        const [actsAsOwner, ownerParams] = activeOwnerKeyCondition(orgId, at);
        const owners = await tx.all(`SELECT id FROM api_keys WHERE org_id = ? AND ${actsAsOwner} FOR UPDATE`, [
          orgId,
          ...ownerParams,
        ]);
        if (owners.length <= 1 && owners.some((row) => row.id === id)) {
          throw new LastOwnerError('owner_key', `API key ${id} is the organisation's last active owner key`);
        }
        // Revoking twice keeps the first revocation time.
        await tx.run(
          'UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL',
          [at, at, orgId, id],
        );
      });
      return getApiKey(orgId, id);
    },
    async touchApiKey(id, at) {
      await db.run('UPDATE api_keys SET last_used = ? WHERE id = ?', [at, id]);
    },
    purgeApiKeysBefore: (cutoff) => db.run(PURGE_AGED_KEYS, [cutoff, cutoff]),
  };
}
