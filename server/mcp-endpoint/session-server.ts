/**
 * One MCP session's server: the low-level SDK `Server`, answering `tools/list` with the tools the session's key may use
 * and `tools/call` through the same invoke use case as `invokeTool` (openapi.yaml "MCP endpoint").
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { ContractOperation } from '../../contract/index.js';
import { requireOperationAccess } from '../auth/operation-access.js';
import type { Principal } from '../auth/principal.js';
import { isApiError } from '../http/errors.js';
import type { InvokeTool } from '../invoke/invoke-tool.js';
import { idempotencyKeyOf, idempotentCall } from './idempotent-call.js';
import { findKeyTool, type KeyToolsDeps, keyTools } from './key-tools.js';

export interface SessionServerDeps extends KeyToolsDeps {
  invokeTool: InvokeTool;
  /** `invokeTool`'s declared access, which a `tools/call` is held to. */
  invokeAccess: Pick<ContractOperation, 'operationId' | 'requiredRole' | 'mcpScoped'>;
  version: string;
  /** The caller of the request being handled (each HTTP request authenticates on its own). */
  principalOf(authInfo: unknown): Principal;
  /** Called after each `tools/list` with the names it listed, to notice later changes. */
  onListed?(names: string[]): void;
}

/** Anything else is an internal error, whose message (a store's, a library's) must not reach the client. */
function internal(err: unknown): never {
  if (err instanceof McpError) throw err;
  throw new McpError(ErrorCode.InternalError, 'An unexpected error occurred');
}

/** A failure `invokeTool` would answer with an error, as a tool result the model can read (`isError: true`). */
function errorResult(err: unknown): CallToolResult {
  if (!isApiError(err)) internal(err);
  const error = { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
  return {
    content: [{ type: 'text', text: `${err.code}: ${err.message}` }],
    isError: true,
    _meta: { 'plexmcp/error': error },
  };
}

export function createSessionServer(deps: SessionServerDeps): Server {
  const server = new Server(
    { name: 'plexmcp-gateway', version: deps.version },
    { capabilities: { tools: { listChanged: true } } },
  );

  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => {
    const tools = await keyTools(deps, deps.principalOf(extra.authInfo)).catch(internal);
    deps.onListed?.(tools.map((t) => t.name));
    return {
      tools: tools.map(({ name, mcp, tool }) => ({
        name,
        ...(tool.description === null ? {} : { description: tool.description }),
        inputSchema: tool.input_schema as { type: 'object' },
        _meta: { 'plexmcp/mcp': { id: mcp.id, name: mcp.name, tool: tool.name } },
      })),
    };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const principal = deps.principalOf(extra.authInfo);
    const found = await findKeyTool(deps, principal, request.params.name).catch(internal);
    // Another organisation's tools and tools outside the key's scope are as unknown as names that exist nowhere.
    if (!found) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const progressToken = request.params._meta?.progressToken;
    const call = async (): Promise<CallToolResult> => {
      requireOperationAccess(deps.invokeAccess, principal);
      const result = await deps.invokeTool(
        principal,
        { mcp_id: found.mcpId, tool: found.tool, arguments: request.params.arguments ?? {} },
        undefined,
        {
          signal: extra.signal,
          ...(progressToken === undefined
            ? {}
            : {
                onProgress: (progress) =>
                  void extra
                    .sendNotification({ method: 'notifications/progress', params: { progressToken, ...progress } })
                    .catch(() => undefined),
              }),
        },
      );
      return {
        content: result.content as CallToolResult['content'],
        ...(result.structured_content ? { structuredContent: result.structured_content } : {}),
        isError: result.is_error,
      };
    };
    const settled = () => call().catch(errorResult);
    const key = idempotencyKeyOf(extra.requestInfo?.headers);
    try {
      if (key === undefined) return await settled();
      const args = request.params.arguments ?? {};
      return await idempotentCall(
        deps,
        principal,
        key,
        { name: request.params.name, arguments: args },
        extra.signal,
        settled,
      );
    } catch (err) {
      return errorResult(err);
    }
  });
  return server;
}
