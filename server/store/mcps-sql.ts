/** MCP servers. */
import type { Clock } from '../clock.js';
import { limitOffset, placeholders } from './paging.js';
import { MCP_SUMMARY_COLUMNS, toMcp, toMcpSummary } from './row-mappers.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import { observeInTransaction } from './tool-pins-sql.js';
import { observedDefinitions, presentedCatalogue } from './tool-pins-statements.js';
import type { McpFilter, Store } from './types.js';

type McpQueries = Pick<
  Store,
  | 'createMcp'
  | 'getMcp'
  | 'listMcps'
  | 'listMcpSummaries'
  | 'listAllMcps'
  | 'countMcps'
  | 'updateMcp'
  | 'setMcpTools'
  | 'setMcpHealth'
  | 'deleteMcp'
>;

export function whereFor(orgId: string, filter: McpFilter): [string, SqlParam[]] {
  const clauses = ['org_id = ?'];
  const params: SqlParam[] = [orgId];
  if (filter.status !== undefined) {
    clauses.push('status = ?');
    params.push(filter.status);
  }
  if (filter.health !== undefined) {
    clauses.push('health = ?');
    params.push(filter.health);
  }
  if (filter.ids !== undefined) {
    // An empty scope sees nothing, which `IN ()` cannot express.
    clauses.push(filter.ids.length === 0 ? 'FALSE' : `id IN ${placeholders(filter.ids.length)}`);
    params.push(...filter.ids);
  }
  return [clauses.join(' AND '), params];
}

export function mcpQueries(db: SqlDb, clock: Clock): McpQueries {
  const getMcp = (orgId: string, id: string) => {
    const row = db.get('SELECT * FROM mcps WHERE org_id = ? AND id = ?', [orgId, id]);
    return row && toMcp(row);
  };

  return {
    async createMcp(mcp) {
      const at = mcp.createdAt ?? clock().toISOString();
      await db.write(() =>
        db.run(
          // The counters start from any usage already recorded under this id, so they equal the history exactly.
          `INSERT INTO mcps (id, org_id, name, endpoint_url, description, status, health, auth_type,
             credentials_ciphertext, tools, tools_refreshed_at, health_checked_at, created_at, updated_at,
             request_count, last_active)
           SELECT ?, ?, ?, ?, ?, ?, 'unknown', ?, ?, '[]', NULL, NULL, ?, ?, COUNT(*), MAX(created_at)
             FROM usage WHERE org_id = ? AND mcp_id = ?`,
          [
            mcp.id,
            mcp.orgId,
            mcp.name,
            mcp.endpointUrl,
            mcp.description,
            mcp.status,
            mcp.authType,
            mcp.credentialsCiphertext,
            at,
            at,
            mcp.orgId,
            mcp.id,
          ],
        ),
      );
      return getMcp(mcp.orgId, mcp.id)!;
    },
    getMcp: async (orgId, id) => getMcp(orgId, id),
    async listMcps(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter);
      const items = db
        .all(`SELECT * FROM mcps WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
          ...params,
          ...limitOffset(page),
        ])
        .map(toMcp);
      const total = Number(db.get(`SELECT COUNT(*) AS n FROM mcps WHERE ${where}`, params)?.n ?? 0);
      return { items, total };
    },
    async listMcpSummaries(orgId, filter, page) {
      const [where, params] = whereFor(orgId, filter);
      // Two cached statements read as row arrays: measured 0.085 ms for a page of 20 against 0.18-0.23 ms for one
      // statement building the page as JSON in SQLite (json_object per row, then JSON.parse).
      const items = db
        .all(`SELECT ${MCP_SUMMARY_COLUMNS} FROM mcps WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
          ...params,
          ...limitOffset(page),
        ])
        .map(toMcpSummary);
      const total = Number(db.get(`SELECT COUNT(*) AS n FROM mcps WHERE ${where}`, params)?.n ?? 0);
      return { items, total };
    },
    listAllMcps: async () => db.all('SELECT * FROM mcps ORDER BY created_at, id').map(toMcp),
    countMcps: async (orgId) => Number(db.get('SELECT COUNT(*) AS n FROM mcps WHERE org_id = ?', [orgId])?.n ?? 0),
    async updateMcp(orgId, id, patch) {
      const current = getMcp(orgId, id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      await db.write(() =>
        db.run(
          `UPDATE mcps SET name = ?, endpoint_url = ?, description = ?, status = ?, auth_type = ?,
             credentials_ciphertext = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
          [
            next.name,
            next.endpointUrl,
            next.description,
            next.status,
            next.authType,
            next.credentialsCiphertext,
            clock().toISOString(),
            orgId,
            id,
          ],
        ),
      );
      return getMcp(orgId, id);
    },
    async setMcpTools(id, tools, at) {
      const observed = observedDefinitions(tools);
      await db.write(() => {
        const pins = observeInTransaction(db, id, observed, at);
        const presented = presentedCatalogue(tools, pins);
        db.run('UPDATE mcps SET tools = ?, tools_refreshed_at = ? WHERE id = ?', [JSON.stringify(presented), at, id]);
      });
    },
    async setMcpHealth(id, health, at) {
      await db.write(() => db.run('UPDATE mcps SET health = ?, health_checked_at = ? WHERE id = ?', [health, at, id]));
    },
    async deleteMcp(orgId, id) {
      return (await db.write(() => db.run('DELETE FROM mcps WHERE org_id = ? AND id = ?', [orgId, id]))) > 0;
    },
  };
}
