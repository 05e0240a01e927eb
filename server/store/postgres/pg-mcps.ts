/** MCP servers on PostgreSQL; the same statements and answers as server/store/mcps-sql.ts. */
import type { Clock } from '../../clock.js';
import { whereFor } from '../mcps-sql.js';
import { limitOffset } from '../paging.js';
import { MCP_SUMMARY_COLUMNS, toMcp, toMcpSummary } from '../row-mappers.js';
import { observedDefinitions, presentedCatalogue } from '../tool-pins-statements.js';
import type { McpFilter, Store } from '../types.js';
import type { PgDb } from './pg-db.js';
import { pgObserveInTransaction } from './pg-tool-pins.js';
import { setClause } from './set-clause.js';

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

export function pgMcpQueries(db: PgDb, clock: Clock): McpQueries {
  const getMcp = async (orgId: string, id: string) => {
    const row = await db.get('SELECT * FROM mcps WHERE org_id = ? AND id = ?', [orgId, id]);
    return row && toMcp(row);
  };
  const page = async (
    columns: string,
    orgId: string,
    filter: McpFilter,
    request: { page: number; perPage: number },
  ) => {
    const [where, params] = whereFor(orgId, filter);
    const rows = await db.all(`SELECT ${columns} FROM mcps WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
      ...params,
      ...limitOffset(request),
    ]);
    const total = Number((await db.get(`SELECT COUNT(*) AS n FROM mcps WHERE ${where}`, params))?.n ?? 0);
    return { rows, total };
  };

  return {
    async createMcp(mcp) {
      const at = mcp.createdAt ?? clock().toISOString();
      const row = await db.get(
        // The counters start from any usage already recorded under this id, so they equal the history exactly.
        `INSERT INTO mcps (id, org_id, name, endpoint_url, description, status, health, auth_type,
           credentials_ciphertext, tools, tools_refreshed_at, health_checked_at, created_at, updated_at,
           request_count, last_active)
         SELECT ?, ?, ?, ?, ?, ?, 'unknown', ?, ?, '[]', NULL, NULL, ?, ?, COUNT(*), MAX(created_at)
           FROM usage WHERE org_id = ? AND mcp_id = ?
         RETURNING *`,
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
      );
      return toMcp(row!);
    },
    getMcp,
    async listMcps(orgId, filter, request) {
      const { rows, total } = await page('*', orgId, filter, request);
      return { items: rows.map(toMcp), total };
    },
    async listMcpSummaries(orgId, filter, request) {
      const { rows, total } = await page(MCP_SUMMARY_COLUMNS, orgId, filter, request);
      return { items: rows.map(toMcpSummary), total };
    },
    listAllMcps: async () => (await db.all('SELECT * FROM mcps ORDER BY created_at, id')).map(toMcp),
    countMcps: async (orgId) =>
      Number((await db.get('SELECT COUNT(*) AS n FROM mcps WHERE org_id = ?', [orgId]))?.n ?? 0),
    async updateMcp(orgId, id, patch) {
      const [set, params] = setClause({
        name: patch.name,
        endpoint_url: patch.endpointUrl,
        description: patch.description,
        status: patch.status,
        auth_type: patch.authType,
        credentials_ciphertext: patch.credentialsCiphertext,
        updated_at: clock().toISOString(),
      });
      const row = await db.get(`UPDATE mcps SET ${set} WHERE org_id = ? AND id = ? RETURNING *`, [
        ...params,
        orgId,
        id,
      ]);
      return row && toMcp(row);
    },
    async setMcpTools(id, tools, at) {
      const observed = observedDefinitions(tools);
      await db.transaction(async (tx) => {
        // The MCP's row lock first: catalogue refreshes of one MCP take turns, so each stores what its own pins say.
        if (!(await tx.get('SELECT id FROM mcps WHERE id = ? FOR UPDATE', [id]))) return;
        const pins = await pgObserveInTransaction(tx, id, observed, at);
        const presented = presentedCatalogue(tools, pins);
        await tx.run('UPDATE mcps SET tools = ?, tools_refreshed_at = ? WHERE id = ?', [
          JSON.stringify(presented),
          at,
          id,
        ]);
      });
    },
    async setMcpHealth(id, health, at) {
      await db.run('UPDATE mcps SET health = ?, health_checked_at = ? WHERE id = ?', [health, at, id]);
    },
    deleteMcp: async (orgId, id) => (await db.run('DELETE FROM mcps WHERE org_id = ? AND id = ?', [orgId, id])) > 0,
  };
}
