/**
 * The access an operation declares in openapi.yaml ("Roles and scopes"): `x-required-role`, the lowest role that may
 * call it, and `x-mcp-scoped: unscoped-only`, refusing keys scoped to some MCP servers. The other scope rules depend on
 * the resource (`mcp`: the MCP named by the request, `filtered`: which rows a list shows) and are applied by the
 * operation's use case.
 */
import type { ContractOperation } from '../../contract/index.js';
import { ApiError } from '../http/errors.js';
import type { Principal } from './principal.js';
import { requireRole } from './roles.js';

/** Throws `403 forbidden` when the caller's role or scope is outside what `operation` declares. */
export function requireOperationAccess(
  operation: Pick<ContractOperation, 'operationId' | 'requiredRole' | 'mcpScoped'>,
  principal: Pick<Principal, 'role' | 'scope'>,
): void {
  if (operation.requiredRole) requireRole(principal.role, operation.requiredRole);
  if (operation.mcpScoped === 'unscoped-only' && principal.scope !== '*') {
    throw new ApiError(
      'forbidden',
      `${operation.operationId} needs a key over every MCP server; this key is scoped to some of them`,
    );
  }
}
