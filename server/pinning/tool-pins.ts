/**
 * The use cases of pinned tool definitions (openapi.yaml: "Pinned tool definitions"): the check every way of calling a
 * tool makes before its upstream is called, and an admin's approval of a changed definition. Pinning itself happens in
 * the store whenever a catalogue is stored (`setMcpTools`) and here, for the tool about to be called.
 */
import { ApiError } from '../http/errors.js';
import type { McpRow, Store, Tool, ToolPinRow } from '../store/types.js';
import { changedFields, digestOf, hashOfDigest, toolDefinition } from './tool-definition.js';

/** `409 tool_definition_changed` for a pin holding a change, naming what changed. */
export function definitionChanged(pin: ToolPinRow): ApiError {
  const pinnedDigest = digestOf(pin.pinnedHash);
  const changedDigest = digestOf(pin.changedHash ?? '');
  const fields = pin.changedDefinition ? changedFields(pin.pinnedDefinition, pin.changedDefinition) : [];
  return new ApiError(
    'tool_definition_changed',
    `Tool ${pin.tool} of MCP ${pin.mcpId} changed its ${fields.join(' and ') || 'definition'} since it was pinned ` +
      `(${pinnedDigest} -> ${changedDigest}); an owner or admin must approve the new definition ` +
      '(approveToolDefinition) before it can be called',
    {
      mcp_id: pin.mcpId,
      tool: pin.tool,
      changed_fields: fields,
      pinned_digest: pinnedDigest,
      changed_digest: changedDigest,
    },
  );
}

/**
 * Pins `tool`'s definition on first sight, records it as a change when it differs from the pinned one, and throws
 * `409 tool_definition_changed` while the tool has a change awaiting approval. Called with the definition the call is
 * about to be validated against, before the quota is taken and the upstream is called.
 */
export async function assertToolDefinitionPinned(store: Store, row: McpRow, tool: Tool, at: string): Promise<void> {
  const [pin] = await store.observeToolDefinitions(row.id, [toolDefinition(tool)], at);
  if (!pin) throw new ApiError('not_found', `MCP ${row.id} not found`);
  if (pin.changedHash !== null) throw definitionChanged(pin);
}

/** Approves the change whose digest is `digest`; `404 tool_not_found` for a tool without a pin, `409` for a stale one. */
export async function approveToolDefinition(
  store: Store,
  row: McpRow,
  input: { tool: string; digest: string; approvedBy: string; at: string },
): Promise<ToolPinRow> {
  const outcome = await store.approveToolDefinition(
    row.orgId,
    row.id,
    input.tool,
    hashOfDigest(input.digest),
    input.approvedBy,
    input.at,
  );
  if (outcome === undefined) {
    throw new ApiError('tool_not_found', `MCP ${row.id} has no pinned tool ${input.tool}`, { tool: input.tool });
  }
  if (outcome.approved) return outcome.pin;
  const { pin } = outcome;
  throw new ApiError(
    'tool_definition_changed',
    `The definition ${input.digest} is not the one awaiting approval for tool ${input.tool} of MCP ${row.id}; ` +
      'read the change again (listToolChanges)',
    {
      mcp_id: row.id,
      tool: input.tool,
      digest: input.digest,
      pinned_digest: digestOf(pin.pinnedHash),
      changed_digest: pin.changedHash === null ? null : digestOf(pin.changedHash),
    },
  );
}
