/**
 * The operations table: one row per operation of the contract, with the access rules it declares (openapi.yaml
 * "Roles and scopes"): `x-required-role`, the lowest role that may call it, and `x-mcp-scoped`, what a key scoped to
 * some MCP servers gets from it.
 */
import { escapePointer, isObject, type JsonObject } from './json.js';

/** The roles, lowest first (openapi.yaml `#/components/schemas/Role`). */
export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type ContractRole = (typeof ROLES)[number];

/**
 * How an operation treats a key scoped to some MCP servers (`x-mcp-scoped`):
 * - `mcp`: the request names one MCP server (`mcp_id` in the path or body); outside the key's scope it is
 *   `403 mcp_not_permitted`.
 * - `filtered`: the answer covers only the key's MCP servers (lists, usage).
 * - `unscoped-only`: only a key over every MCP server may call it; a scoped key gets `403 forbidden`.
 * - `unaffected`: the MCP scope plays no part beyond what the operation's description says.
 */
export const MCP_SCOPE_RULES = ['mcp', 'filtered', 'unscoped-only', 'unaffected'] as const;
export type McpScopeRule = (typeof MCP_SCOPE_RULES)[number];

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface ContractOperation {
  readonly operationId: string;
  /** Upper case: `GET`, `POST`... */
  readonly method: string;
  /** The path template, e.g. `/v1/mcps/{mcp_id}`. */
  readonly path: string;
  /** `#/paths/~1v1~1mcps/get`. */
  readonly pointer: string;
  /** True when the operation needs no key (`security: []`). */
  readonly public: boolean;
  /** The lowest role that may call it; null for public operations. */
  readonly requiredRole: ContractRole | null;
  /** How MCP-scoped keys are treated; null for public operations. */
  readonly mcpScoped: McpScopeRule | null;
  /** The operation object as written. */
  readonly node: JsonObject;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Every operation of the document, in file order; throws when an access rule is missing or unknown. */
export function operationsOf(doc: JsonObject): ContractOperation[] {
  const globalSecurity = Array.isArray(doc.security) && doc.security.length > 0;
  const found: ContractOperation[] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const pointer = `#/paths/${escapePointer(path)}/${method}`;
      const operationId = typeof node.operationId === 'string' ? node.operationId : '';
      if (!operationId) throw new Error(`openapi.yaml ${pointer} has no operationId`);
      const isPublic = Array.isArray(node.security) ? node.security.length === 0 : !globalSecurity;
      const role = node['x-required-role'];
      const scoped = node['x-mcp-scoped'];
      if (isPublic && (role !== undefined || scoped !== undefined)) {
        throw new Error(`openapi.yaml ${operationId} needs no key, so it declares no x-required-role or x-mcp-scoped`);
      }
      if (!isPublic && !oneOf(ROLES, role)) {
        throw new Error(`openapi.yaml ${operationId}: x-required-role must be one of ${ROLES.join(', ')}`);
      }
      if (!isPublic && !oneOf(MCP_SCOPE_RULES, scoped)) {
        throw new Error(`openapi.yaml ${operationId}: x-mcp-scoped must be one of ${MCP_SCOPE_RULES.join(', ')}`);
      }
      found.push({
        operationId,
        method: method.toUpperCase(),
        path,
        pointer,
        public: isPublic,
        requiredRole: isPublic ? null : (role as ContractRole),
        mcpScoped: isPublic ? null : (scoped as McpScopeRule),
        node,
      });
    }
  }
  const ids = found.map((op) => op.operationId);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new Error(`openapi.yaml repeats operationId ${twice.join(', ')}`);
  return found;
}
