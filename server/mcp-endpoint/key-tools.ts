/**
 * The tools one API key may use through the MCP endpoint (openapi.yaml "MCP endpoint"): every tool of every active MCP
 * server of its organisation within its scope, under its aggregated name. The catalogue is the one the server keeps
 * (refreshed by health checks, tests and invocations); a server whose catalogue was never read is read now, for a
 * bounded time, so one slow upstream never holds the list up for the others.
 */
import { permitsMcp } from '../auth/mcp-scope.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { CredentialCipher } from '../crypto/credentials.js';
import type { Gateway } from '../gateway/types.js';
import { upstreamTarget } from '../gateway/upstream-target.js';
import type { McpRow, Store, Tool } from '../store/types.js';
import { aggregatedName, assignSlugs, splitName } from './tool-names.js';

/** How long `tools/list` waits for an upstream whose catalogue the server has never read. */
export const FIRST_READ_TIMEOUT_MS = 2_000;
const PAGE = 100;

export interface KeyToolsDeps {
  store: Store;
  cipher: CredentialCipher;
  gateway?: Gateway;
  clock: Clock;
}

export interface KeyTool {
  /** The aggregated name (`<slug>__<tool>`). */
  name: string;
  mcp: McpRow;
  tool: Tool;
}

/** Every MCP server of the organisation, oldest first (slugs are assigned over all of them, whatever the key's scope). */
async function organizationMcps<T>(
  list: (page: { page: number; perPage: number }) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await list({ page, perPage: PAGE });
    rows.push(...items);
    if (items.length < PAGE || rows.length >= total) return rows;
  }
}

async function catalogueOf(deps: KeyToolsDeps, row: McpRow): Promise<Tool[]> {
  if (row.toolsRefreshedAt !== null || !deps.gateway) return row.tools;
  try {
    const tools = await deps.gateway.listTools(upstreamTarget(deps.cipher, row), { timeoutMs: FIRST_READ_TIMEOUT_MS });
    await deps.store.setMcpTools(row.id, tools, deps.clock().toISOString());
    return tools;
  } catch {
    // Unreachable or slow: its tools are absent from this list, and the health checker will read them later.
    return [];
  }
}

/** The tools `principal` may use, in the order of their MCP servers (oldest first), then of each server's catalogue. */
export async function keyTools(deps: KeyToolsDeps, principal: Principal): Promise<KeyTool[]> {
  const rows = await organizationMcps((page) => deps.store.listMcps(principal.orgId, {}, page));
  const slugs = assignSlugs(rows);
  const usable = rows.filter((row) => row.status === 'active' && permitsMcp(principal.scope, row.id));
  const catalogues = await Promise.all(usable.map((row) => catalogueOf(deps, row)));
  return usable.flatMap((mcp, i) =>
    (catalogues[i] ?? []).flatMap((tool) => {
      const name = aggregatedName(slugs.get(mcp.id) ?? 'mcp', tool.name);
      return name === undefined ? [] : [{ name, mcp, tool }];
    }),
  );
}

/** The MCP server and tool an aggregated name stands for, when `principal` may use it. */
export async function findKeyTool(
  deps: KeyToolsDeps,
  principal: Principal,
  name: string,
): Promise<{ mcpId: string; tool: string } | undefined> {
  const parts = splitName(name);
  if (!parts) return undefined;
  // Names and ids only: a call needs no catalogue (the invoke use case reads the one MCP server it calls).
  const rows = await organizationMcps((page) => deps.store.listMcpSummaries(principal.orgId, {}, page));
  const slugs = assignSlugs(rows);
  const mcp = rows.find((row) => slugs.get(row.id) === parts.slug);
  if (!mcp || !permitsMcp(principal.scope, mcp.id)) return undefined;
  return { mcpId: mcp.id, tool: parts.tool };
}
