/** Finds an MCP the caller may use: another organisation's or a missing one is 404, one outside the key's scope 403. */

import { ApiError } from '../http/errors.js';
import type { McpRow, Store } from '../store/types.js';
import { requireMcpPermitted } from './mcp-scope.js';
import type { Principal } from './principal.js';

export async function findPermittedMcp(store: Store, principal: Principal, mcpId: string): Promise<McpRow> {
  const row = await store.getMcp(principal.orgId, mcpId);
  if (!row) throw new ApiError('not_found', `MCP ${mcpId} not found`);
  requireMcpPermitted(principal.scope, row.id);
  return row;
}
