/** API keys. Status is derived, never stored: revoked if `revoked_at` is set, expired if `expires_at <= now`. */
import type { Clock } from '../clock.js';
import { LastOwnerError } from './errors.js';
import { limitOffset, placeholders } from './paging.js';
import { apiKeyInsert } from './row-inserts.js';
import { toApiKey, toMember, toOrganization } from './row-mappers.js';
import type { SqlDb, SqlParam } from './sql-db.js';
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
  | 'purgeApiKeysBefore'
>;

/** Revoked or expired at or before the cutoff (openapi.yaml "Key management": such keys age out). Usage rows have no
 * foreign key to api_keys, so the history stays. */
export const PURGE_AGED_KEYS =
  'DELETE FROM api_keys WHERE (revoked_at IS NOT NULL AND revoked_at <= ?) OR (expires_at IS NOT NULL AND expires_at <= ?)';

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

/** Active at `at`, issued with the owner role, and held by a member who is an owner now: a key that acts as owner. */
export function activeOwnerKeyCondition(orgId: string, at: string): [string, SqlParam[]] {
  const [active, params] = apiKeyStatusCondition('active', at);
  return [
    `role = 'owner' AND ${active} AND user_id IN (SELECT id FROM members WHERE org_id = ? AND role = 'owner')`,
    [...params, orgId],
  ];
}

export function whereFor(
  orgId: string,
  filter: ApiKeyFilter,
  now: string,
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): [string, SqlParam[]] {
  const clauses = ['org_id = ?'];
  const params: SqlParam[] = [orgId];
  if (filter.userId !== undefined) {
    clauses.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.roles !== undefined) {
    clauses.push(`role IN ${placeholders(filter.roles.length)}`);
    params.push(...filter.roles);
  }
  if (filter.withinScope !== undefined) {
    // A list scope (never '*') none of whose ids falls outside the given ones; the JSON functions differ by dialect.
    const outside = (id: string) =>
      filter.withinScope!.length > 0 ? `${id} NOT IN ${placeholders(filter.withinScope!.length)}` : 'TRUE';
    clauses.push(
      dialect === 'postgres'
        ? `jsonb_typeof(mcp_scope::jsonb) = 'array' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(mcp_scope::jsonb) AS e(v) WHERE ${outside('e.v')})`
        : `json_type(mcp_scope) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each(api_keys.mcp_scope) WHERE ${outside('value')})`,
    );
    params.push(...filter.withinScope);
  }
  if (filter.status !== undefined) {
    const [clause, more] = apiKeyStatusCondition(filter.status, filter.now ?? now);
    clauses.push(`(${clause})`);
    params.push(...more);
  }
  return [clauses.join(' AND '), params];
}

export function apiKeyQueries(db: SqlDb, clock: Clock): ApiKeyQueries {
  const getApiKey = (orgId: string, id: string) => {
    const row = db.get('SELECT * FROM api_keys WHERE org_id = ? AND id = ?', [orgId, id]);
    return row && toApiKey(row);
  };

  return {
    async createApiKey(key) {
      await db.write(() => db.run(...apiKeyInsert(key, clock().toISOString())));
      return getApiKey(key.orgId, key.id)!;
    },
    async findApiKeyByHash(keyHash) {
      const row = db.get('SELECT * FROM api_keys WHERE key_hash = ?', [keyHash]);
      return row && toApiKey(row);
    },
    async findKeyPrincipal(keyHash) {
      // Three primary-key reads rather than one join: sql.js has no round trips to save, and compiling the joined
      // statement (it is prepared on every call) measured slower than these three small ones together. An unknown key
      // costs one read. A networked store would join.
      const row = db.get('SELECT * FROM api_keys WHERE key_hash = ?', [keyHash]);
      if (!row) return undefined;
      const key = toApiKey(row);
      const organization = db.get('SELECT * FROM organizations WHERE id = ?', [key.orgId]);
      if (!organization) return undefined;
      const member = db.get('SELECT * FROM members WHERE org_id = ? AND id = ?', [key.orgId, key.userId]);
      return { key, member: member && toMember(member), organization: toOrganization(organization) };
    },
    getApiKey: async (orgId, id) => getApiKey(orgId, id),
    async listApiKeys(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter, clock().toISOString());
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
      const [where, params] = whereFor(
        orgId,
        { status: 'active', userId: filter.userId, now: filter.now },
        clock().toISOString(),
      );
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
          clock().toISOString(),
          orgId,
          id,
        ]),
      );
      return getApiKey(orgId, id);
    },
    async revokeApiKey(orgId, id, at) {
      await db.write(() => {
        const [actsAsOwner, ownerParams] = activeOwnerKeyCondition(orgId, at);
        const target = db.get(`SELECT 1 AS hit FROM api_keys WHERE org_id = ? AND id = ? AND ${actsAsOwner}`, [
          orgId,
          id,
          ...ownerParams,
        ]);
        const count = () =>
          Number(
            db.get(`SELECT COUNT(*) AS n FROM api_keys WHERE org_id = ? AND ${actsAsOwner}`, [orgId, ...ownerParams])
              ?.n ?? 0,
          );
        if (target && count() <= 1) {
          throw new LastOwnerError('owner_key', `API key ${id} is the organisation's last active owner key`);
        }
        // Revoking twice keeps the first revocation time.
        db.run(
          'UPDATE api_keys SET revoked_at = ?, updated_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL',
          [at, at, orgId, id],
        );
      });
      return getApiKey(orgId, id);
    },
    async touchApiKey(id, at) {
      await db.write(() => db.run('UPDATE api_keys SET last_used = ? WHERE id = ?', [at, id]));
    },
    purgeApiKeysBefore: (cutoff) => db.write(() => db.run(PURGE_AGED_KEYS, [cutoff, cutoff])),
  };
}
