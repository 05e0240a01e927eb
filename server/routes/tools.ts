/**
 * Tools: `POST /mcp` invokes a tool on a registered MCP server through the gateway and records one usage row per call.
 * Auth, validation, scope and existence are checked first, so a server without a gateway still answers those honestly
 * before `502 mcp_unreachable`.
 */
import { Router } from 'express';
import type { components } from '../../generated/schema.js';
import type { RouteDeps } from '../app.js';
import { principalOf, type Principal } from '../auth/principal.js';
import { requireRole } from '../auth/roles.js';
import type { ToolCallResult } from '../gateway/types.js';
import { ok } from '../http/envelope.js';
import { ApiError, isApiError } from '../http/errors.js';
import { newId } from '../store/ids.js';
import type { McpRow } from '../store/types.js';
import { findPermittedMcp } from './mcp-access.js';
import { closestName } from './closest-name.js';
import { upstreamTarget } from './upstream-target.js';

type InvokeRequest = components['schemas']['InvokeRequest'];
type InvokeResult = components['schemas']['InvokeResult'];

/** `result`: the structured content, else the JSON of a single text block, else the text, else null. */
export function convenienceResult(call: ToolCallResult): unknown {
  if (call.structuredContent !== null) return call.structuredContent;
  const texts = call.content.filter((block) => block.type === 'text' && typeof block.text === 'string');
  if (texts.length === 0) return null;
  const text = texts.map((block) => block.text as string).join('\n');
  if (texts.length === 1) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function toolRoutes(deps: RouteDeps): Router {
  const router = Router();

  router.post('/mcp', async (req, res) => {
    const principal = principalOf(res);
    requireRole(principal.role, 'member');
    const body = req.body as InvokeRequest;
    const row = await findPermittedMcp(deps.store, principal, body.mcp_id);
    if (row.status !== 'active') throw new ApiError('forbidden', `MCP ${row.id} is inactive and refuses invocations`);
    if (!deps.gateway) throw new ApiError('mcp_unreachable', 'No gateway to MCP servers is configured on this server');
    if (row.tools.length > 0 && !row.tools.some((tool) => tool.name === body.tool)) {
      const suggestion = closestName(body.tool, row.tools.map((tool) => tool.name));
      throw new ApiError(
        'tool_not_found',
        suggestion ? `MCP ${row.id} has no tool ${body.tool}; did you mean ${suggestion}?` : `MCP ${row.id} has no tool ${body.tool}`,
        suggestion ? { tool: body.tool, suggestion } : { tool: body.tool },
      );
    }
    const timeoutMs = Math.min(body.timeout ?? deps.mcpRequestTimeoutMs, deps.mcpRequestTimeoutMs);
    const call = await invoke(deps, principal, row, body, timeoutMs);
    const data: InvokeResult = {
      result: convenienceResult(call),
      content: call.content,
      structured_content: call.structuredContent,
      is_error: call.isError,
      metadata: {
        mcp_id: row.id,
        tool: body.tool,
        latency_ms: call.latencyMs,
        timestamp: deps.clock().toISOString(),
        request_id: String(res.locals.requestId),
      },
    };
    res.json(ok(data));
  });

  return router;
}

async function invoke(deps: RouteDeps, principal: Principal, row: McpRow, body: InvokeRequest, timeoutMs: number): Promise<ToolCallResult> {
  const started = Date.now();
  const record = (status: 'success' | 'error', errorCode: string | null, latencyMs: number) =>
    deps.store.recordUsage({
      id: newId('use'),
      orgId: principal.orgId,
      apiKeyId: principal.key.id,
      mcpId: row.id,
      mcpName: row.name,
      tool: body.tool,
      status,
      errorCode,
      latencyMs,
      createdAt: deps.clock().toISOString(),
    });
  try {
    const call = await deps.gateway!.callTool(upstreamTarget(deps.cipher, row), body.tool, body.arguments ?? {}, { timeoutMs });
    await record(call.isError ? 'error' : 'success', null, call.latencyMs);
    return call;
  } catch (err) {
    await record('error', isApiError(err) ? err.code : 'internal_error', Date.now() - started);
    throw err;
  }
}
