/**
 * The boundary between the HTTP API and upstream MCP servers. Routes reach upstreams only through `Gateway`.
 * Every method throws `ApiError` (server/http/errors.ts) on failure: `mcp_unreachable` (connection refused, DNS, TLS,
 * circuit open), `mcp_error` (a JSON-RPC error from the upstream, its `code`/`message`/`data` in details) and
 * `mcp_timeout` (no answer within the timeout).
 */
import type { AuthType, Tool } from '../store/types.js';

/** Decrypted upstream credentials, as the MCP's `auth_type` needs them. */
export interface UpstreamCredentials {
  /** `bearer`: the token; `api_key`: the key. */
  token?: string;
  /** `api_key`: the header to send the key in (default `X-API-Key`). */
  header?: string;
  /** `basic`. */
  username?: string;
  password?: string;
}

/** What the gateway needs to reach one registered MCP server. */
export interface UpstreamTarget {
  id: string;
  endpointUrl: string;
  authType: AuthType;
  credentials: UpstreamCredentials | null;
  /** Changes whenever the endpoint or credentials change, so a pooled client for an older version is replaced. */
  version: string;
}

export interface ToolCallResult {
  /** The upstream's content blocks, unchanged. */
  content: Array<Record<string, unknown> & { type: string }>;
  structuredContent: Record<string, unknown> | null;
  isError: boolean;
  latencyMs: number;
}

/** A progress notification the upstream sent for a call (MCP `notifications/progress`, without its token). */
export interface ToolCallProgress {
  progress: number;
  total?: number;
  message?: string;
}

export interface ProbeResult {
  reachable: true;
  latencyMs: number;
  protocolVersion: string | null;
  serverInfo: { name: string; version: string } | null;
  tools: Tool[];
  resourcesCount: number;
}

export interface Gateway {
  callTool(
    target: UpstreamTarget,
    tool: string,
    args: Record<string, unknown>,
    options: { timeoutMs: number; signal?: AbortSignal; onProgress?: (progress: ToolCallProgress) => void },
  ): Promise<ToolCallResult>;
  listTools(target: UpstreamTarget, options?: { timeoutMs?: number }): Promise<Tool[]>;
  /** Connects (or reuses the session), lists tools and resources, and measures the round trip. */
  probe(target: UpstreamTarget, options?: { timeoutMs?: number }): Promise<ProbeResult>;
  /** Closes and forgets the pooled client of an MCP (deleted, or endpoint/credentials changed). */
  evict(mcpId: string): Promise<void>;
  close(): Promise<void>;
}
