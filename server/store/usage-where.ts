/** The WHERE clause of a usage filter, shared by the usage queries and the rollups of both dialects. */
import { placeholders } from './paging.js';
import type { SqlParam } from './sql-db.js';
import type { UsageFilter } from './types.js';

export function whereFor(orgId: string, filter: UsageFilter): [string, SqlParam[]] {
  const clauses = ['org_id = ?'];
  const params: SqlParam[] = [orgId];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('mcp_id', filter.mcpId);
  equal('api_key_id', filter.apiKeyId);
  equal('status', filter.status);
  if (filter.mcpIds !== undefined) {
    clauses.push(filter.mcpIds.length === 0 ? 'FALSE' : `mcp_id IN ${placeholders(filter.mcpIds.length)}`);
    params.push(...filter.mcpIds);
  }
  if (filter.from !== undefined) {
    clauses.push('created_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push('created_at <= ?');
    params.push(filter.to);
  }
  return [clauses.join(' AND '), params];
}
