/**
 * The statements and decisions both stores share for pinned tool definitions (openapi.yaml: "Pinned tool
 * definitions"), so that the embedded store and PostgreSQL pin, record and approve alike. Written with `?`
 * placeholders and SQL both dialects run unchanged.
 */
import { parseDefinition, toolDefinition } from '../pinning/tool-definition.js';
import type { SqlRow } from './sql-db.js';
import type { ApprovalOutcome, ObservedDefinition, Tool, ToolPinRow } from './types.js';

/** A catalogue's definitions, as a catalogue refresh observes them. */
export function observedDefinitions(tools: readonly Tool[]): ObservedDefinition[] {
  return tools.map(toolDefinition);
}

const nullableText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toToolPin(row: SqlRow): ToolPinRow {
  return {
    mcpId: String(row.mcp_id),
    orgId: String(row.org_id),
    tool: String(row.tool),
    pinnedHash: String(row.pinned_hash),
    pinnedDefinition: String(row.pinned_definition),
    pinnedAt: String(row.pinned_at),
    approvedBy: nullableText(row.approved_by),
    changedHash: nullableText(row.changed_hash),
    changedDefinition: nullableText(row.changed_definition),
    changedAt: nullableText(row.changed_at),
  };
}

/**
 * The catalogue as the server keeps and shows it, after observing `tools`: a tool holding a change awaiting approval
 * keeps its pinned definition (the changed one is shown only for review), and a name listed twice only its first
 * entry. So no unapproved definition reaches a client through the cached catalogue.
 */
export function presentedCatalogue(tools: readonly Tool[], pins: readonly ToolPinRow[]): Tool[] {
  const byName = new Map(pins.map((pin) => [pin.tool, pin]));
  const seen = new Set<string>();
  const presented: Tool[] = [];
  for (const tool of tools) {
    if (seen.has(tool.name)) continue;
    seen.add(tool.name);
    const pin = byName.get(tool.name);
    presented.push(pin && pin.changedHash !== null ? parseDefinition(pin.pinnedDefinition) : tool);
  }
  return presented;
}

/** The cached catalogue after an approval: the approved tool's entry becomes its newly pinned definition. */
export function catalogueAfterApproval(catalogue: string, pin: ToolPinRow): string {
  const tools = JSON.parse(catalogue) as Tool[];
  const approved = parseDefinition(pin.pinnedDefinition);
  return JSON.stringify(tools.map((tool) => (tool.name === pin.tool ? approved : tool)));
}

/** What observing one definition does to the tool's pin. */
export type PinStep = 'pin' | 'record-change' | 'none';

export function pinStep(existing: ToolPinRow | undefined, observed: ObservedDefinition): PinStep {
  if (!existing) return 'pin';
  if (existing.pinnedHash === observed.hash || existing.changedHash === observed.hash) return 'none';
  return 'record-change';
}

/** Pins the definition unless the tool already has a pin; takes the organisation from the MCP, so nothing is pinned
 * for an MCP deleted meanwhile. Parameters: tool, hash, definition, at, mcp id. */
export const INSERT_PIN = `INSERT INTO tool_pins (mcp_id, tool, org_id, pinned_hash, pinned_definition, pinned_at,
    approved_by, changed_hash, changed_definition, changed_at)
  SELECT id, ?, org_id, ?, ?, ?, NULL, NULL, NULL, NULL FROM mcps WHERE id = ?
  ON CONFLICT (mcp_id, tool) DO NOTHING`;

export const insertPinParams = (mcpId: string, observed: ObservedDefinition, at: string) => [
  observed.tool,
  observed.hash,
  observed.definition,
  at,
  mcpId,
];

/** Records a change only over the pin it was judged against (an approval meanwhile makes it a new decision). */
export const RECORD_CHANGE = `UPDATE tool_pins SET changed_hash = ?, changed_definition = ?, changed_at = ?
  WHERE mcp_id = ? AND tool = ? AND pinned_hash = ? AND pinned_hash <> ?
    AND (changed_hash IS NULL OR changed_hash <> ?)`;

export const recordChangeParams = (pin: ToolPinRow, observed: ObservedDefinition, at: string) => [
  observed.hash,
  observed.definition,
  at,
  pin.mcpId,
  pin.tool,
  pin.pinnedHash,
  observed.hash,
  observed.hash,
];

export const SELECT_PIN = 'SELECT * FROM tool_pins WHERE mcp_id = ? AND tool = ?';
export const SELECT_PINS_OF_MCP = 'SELECT * FROM tool_pins WHERE mcp_id = ?';

/** The change awaiting approval becomes the pin, only if it is still the one with the approved hash. Parameters: at,
 * approved by, org id, mcp id, tool, hash. */
export const APPROVE_CHANGE = `UPDATE tool_pins SET pinned_hash = changed_hash, pinned_definition = changed_definition,
    pinned_at = ?, approved_by = ?, changed_hash = NULL, changed_definition = NULL, changed_at = NULL
  WHERE org_id = ? AND mcp_id = ? AND tool = ? AND changed_hash = ?`;

export const SELECT_ORG_PIN = 'SELECT * FROM tool_pins WHERE org_id = ? AND mcp_id = ? AND tool = ?';

/** After an approval that changed nothing: approving what is pinned, with nothing awaiting, is a no-op; any other
 * hash is stale. */
export function unchangedApproval(pin: ToolPinRow | undefined, hash: string): ApprovalOutcome {
  if (!pin) return undefined;
  return { approved: pin.changedHash === null && pin.pinnedHash === hash, pin };
}

/** WHERE and ORDER BY of a page of pins: all by pin time, or the changes by the time each was first seen. */
export function listPinsSql(changedOnly: boolean): string {
  return changedOnly
    ? 'WHERE org_id = ? AND mcp_id = ? AND changed_hash IS NOT NULL ORDER BY changed_at, tool'
    : 'WHERE org_id = ? AND mcp_id = ? ORDER BY pinned_at, tool';
}
