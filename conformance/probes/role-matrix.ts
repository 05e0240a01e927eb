/**
 * The requests of the authorization matrix (AUTH-013), one per operation and intent, all harmless:
 * - `refused`: what a key below the operation's `x-required-role` (or outside its `x-mcp-scoped` rule) sends: a valid
 *   body on a resource the run created, so that a deployment which wrongly lets it through answers 2xx (visible) and
 *   changes nothing anybody else owns (values written back as they are, removals aimed at a run-made victim or an
 *   unknown id, creations the run removes afterwards).
 * - `outside`: the same, naming the MCP server outside a scoped key's scope.
 * - `allowed`: what a key at or above the role sends: reads, values written back, unknown ids for removals and
 *   invalid bodies for creations that cannot be undone (an invitation), so nothing is created that need not be.
 */
import type { ContractOperation } from '../../contract/index.js';
import { fillPath } from './operations.js';

export type MatrixIntent = 'refused' | 'allowed' | 'outside';

/** The run's resources the matrix aims at. Without writes every id is the placeholder. */
export interface MatrixTargets {
  /** An MCP server the scoped key covers. */
  mcpIn: string;
  /** An MCP server outside the scoped key's scope. */
  mcpOut: string;
  /** An MCP server a mistaken `deleteMcp` may remove. */
  mcpVictim: string;
  /** An API key a mistaken `revokeApiKey` may revoke. */
  keyVictim: string;
  /** The calling key's own id (it manages itself), or the placeholder. */
  ownKeyId: string;
  /** A member and its current role: `updateMember` writes that role back. */
  member?: { id: string; role: string };
  organizationName?: string;
  /** An id nothing has (`<run prefix>none`). */
  none: string;
  runPrefix: string;
}

export interface MatrixRequest {
  method: string;
  path: string;
  json?: unknown;
}

/** Descriptions the fixtures create resources with, written back unchanged. */
export const MCP_DESCRIPTION = 'Created by the conformance suite; safe to delete.';
export const KEY_DESCRIPTION = 'Created by the conformance suite; safe to revoke.';

type Builder = (t: MatrixTargets, intent: MatrixIntent) => { ids?: Record<string, string>; json?: unknown } | undefined;

const mcp = (t: MatrixTargets, intent: MatrixIntent) => (intent === 'outside' ? t.mcpOut : t.mcpIn);

/** Per operationId; an operation not listed gets placeholder ids and, if it takes a body, an empty one. */
const BUILDERS: Record<string, Builder> = {
  createMcp: (t, intent) => ({
    json:
      intent === 'allowed'
        ? {}
        : {
            name: `${t.runPrefix}matrix-mcp`,
            endpoint_url: 'https://conformance.invalid/mcp',
            description: MCP_DESCRIPTION,
          },
  }),
  getMcp: (t, intent) => ({ ids: { mcp_id: mcp(t, intent) } }),
  updateMcp: (t, intent) => ({ ids: { mcp_id: mcp(t, intent) }, json: { description: MCP_DESCRIPTION } }),
  deleteMcp: (t, intent) => ({
    ids: { mcp_id: intent === 'allowed' ? t.none : intent === 'outside' ? t.mcpOut : t.mcpVictim },
  }),
  testMcp: (t, intent) => ({ ids: { mcp_id: mcp(t, intent) } }),
  listToolChanges: (t, intent) => ({ ids: { mcp_id: mcp(t, intent) } }),
  // A tool nothing pinned, and a digest nothing has: let through, it approves nothing (404 tool_not_found).
  approveToolDefinition: (t, intent) => ({
    ids: { mcp_id: mcp(t, intent), tool: `${t.runPrefix}none` },
    json: { digest: `sha256:${'0'.repeat(64)}` },
  }),
  invokeTool: (t, intent) => ({ json: { mcp_id: mcp(t, intent), tool: `${t.runPrefix}none`, arguments: {} } }),
  updateOrganization: (t) => (t.organizationName ? { json: { name: t.organizationName } } : undefined),
  inviteMember: (t, intent) => ({
    json: {
      email: intent === 'allowed' ? 'not-an-email' : `${t.runPrefix}matrix@conformance.invalid`,
      role: 'viewer',
    },
  }),
  updateMember: (t, intent) =>
    intent === 'allowed' || !t.member
      ? { ids: { user_id: t.none }, json: { role: 'viewer' } }
      : { ids: { user_id: t.member.id }, json: { role: t.member.role } },
  removeMember: (t) => ({ ids: { user_id: t.none } }),
  createApiKey: (t, intent) => ({
    json: intent === 'allowed' ? { name: '' } : { name: `${t.runPrefix}matrix-key`, role: 'viewer' },
  }),
  getApiKey: (t) => ({ ids: { key_id: t.ownKeyId } }),
  getApiKeyUsage: (t) => ({ ids: { key_id: t.ownKeyId } }),
  updateApiKey: (t) => ({ ids: { key_id: t.ownKeyId }, json: { description: KEY_DESCRIPTION } }),
  revokeApiKey: (t, intent) => ({ ids: { key_id: intent === 'allowed' ? t.none : t.keyVictim } }),
};

/** Whether a request for this operation changes something when let through (anything but GET). */
export const changes = (op: ContractOperation) => op.method !== 'GET';

/**
 * The request the matrix sends for `op` with this intent, or undefined when it has nothing harmless to send.
 *
 * @example
 * matrixRequest(contract.operation('updateMcp')!, 'outside', targets); // PATCH /v1/mcps/<mcpOut> { description }
 */
export function matrixRequest(
  op: ContractOperation,
  intent: MatrixIntent,
  t: MatrixTargets,
): MatrixRequest | undefined {
  const takesBody = op.node.requestBody !== undefined;
  const generic: Builder = () => ({ json: takesBody ? {} : undefined });
  const built = (BUILDERS[op.operationId] ?? generic)(t, intent);
  if (!built) return undefined;
  return {
    method: op.method,
    path: fillPath(op.path, built.ids ?? {}, t.none),
    ...(built.json !== undefined ? { json: built.json } : {}),
  };
}
