/**
 * An API key's MCP scope: `'*'` (every MCP of the organisation) or a list of MCP ids. A scoped key sees only its MCPs
 * and gets `403 mcp_not_permitted` on the others; it can never hand out a wider scope than its own.
 */
import { ApiError } from '../http/errors.js';
import type { McpScope } from '../store/types.js';

export function permitsMcp(scope: McpScope, mcpId: string): boolean {
  return scope === '*' || scope.includes(mcpId);
}

export function requireMcpPermitted(scope: McpScope, mcpId: string): void {
  if (!permitsMcp(scope, mcpId))
    throw new ApiError('mcp_not_permitted', `The API key is not permitted to use MCP ${mcpId}`);
}

/** The ids to restrict a list to, or undefined for every MCP. */
export function scopeFilter(scope: McpScope): readonly string[] | undefined {
  return scope === '*' ? undefined : scope;
}

/** True when `requested` grants nothing `own` does not. */
export function isWithinScope(requested: McpScope, own: McpScope): boolean {
  if (own === '*') return true;
  if (requested === '*') return false;
  return requested.every((id) => own.includes(id));
}
