/**
 * Tools: `POST /mcp` invokes a tool on a registered MCP server through the gateway and records one usage row per call.
 * Auth, validation, role, existence and scope are checked first, so a server without a gateway still answers those
 * honestly before `502 mcp_unreachable`; then the monthly quota (`429 quota_exceeded`). Then: the tool (refreshing the cached catalogue once when it is not there,
 * else `404 tool_not_found` with a suggestion), its arguments against its input schema (`422 invalid_arguments`), and
 * the call itself, with the caller's timeout capped by the server's.
 */
import { Router } from 'express';
import type { components } from '../../generated/schema.js';
import type { RouteDeps } from '../app.js';
import { type Principal, principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/roles.js';
import { assertValidArguments, resolveTool, toInvokeResult } from '../gateway/invocation.js';
import type { Gateway, ToolCallResult, UpstreamTarget } from '../gateway/types.js';
import { ok } from '../http/envelope.js';
import { ApiError, isApiError } from '../http/errors.js';
import { requestIdOf } from '../http/request-id.js';
import { idempotency } from '../idempotency/index.js';
import { assertWithinBounds, contractBounds } from '../policy/json-bounds.js';
import { createQuotaGuard } from '../quota/index.js';
import { newId } from '../store/ids.js';
import type { McpRow } from '../store/types.js';
import { findPermittedMcp } from './mcp-access.js';
import { upstreamTarget } from './upstream-target.js';

type InvokeRequest = components['schemas']['InvokeRequest'];

const ARGUMENT_BOUNDS = contractBounds('#/components/schemas/InvokeRequest/properties/arguments');
const CONTEXT_BOUNDS = contractBounds('#/components/schemas/InvokeRequest/properties/context');

export function toolRoutes(deps: RouteDeps): Router {
  const router = Router();
  const quota = createQuotaGuard({ store: deps.store, selfHosted: deps.selfHosted, clock: deps.clock });

  router.post(
    '/mcp',
    idempotency({ store: deps.store, operation: 'invokeTool', clock: deps.clock }),
    async (req, res) => {
      const principal = principalOf(res);
      requireRole(principal.role, 'member');
      const body = req.body as InvokeRequest;
      // Before anything else touches them: a value our own encoding cannot handle is the caller's 422, never an upstream
      // failure that would count toward the MCP's circuit breaker (openapi.yaml: Limits on JSON values).
      assertWithinBounds('arguments', body.arguments ?? {}, ARGUMENT_BOUNDS);
      if (body.context !== undefined) assertWithinBounds('context', body.context, CONTEXT_BOUNDS);
      const row = await findPermittedMcp(deps.store, principal, body.mcp_id);
      if (row.status !== 'active') throw new ApiError('forbidden', `MCP ${row.id} is inactive and refuses invocations`);
      await quota.check(principal.orgId, principal.organization.plan);
      const gateway = deps.gateway;
      if (!gateway) throw new ApiError('mcp_unreachable', 'No gateway to MCP servers is configured on this server');

      const target = upstreamTarget(deps.cipher, row);
      const tool = await resolveTool(row.id, row.tools, body.tool, async () => {
        const tools = await gateway.listTools(target, { timeoutMs: deps.mcpRequestTimeoutMs });
        await deps.store.setMcpTools(row.id, tools, deps.clock().toISOString());
        return tools;
      });
      const args = body.arguments ?? {};
      assertValidArguments(tool, args);
      const timeoutMs = Math.min(body.timeout ?? deps.mcpRequestTimeoutMs, deps.mcpRequestTimeoutMs);
      const call = await invoke(deps, gateway, principal, row, target, body.tool, args, timeoutMs);
      res.json(
        ok(
          toInvokeResult(call, {
            mcpId: row.id,
            tool: body.tool,
            timestamp: deps.clock().toISOString(),
            requestId: requestIdOf(res),
          }),
        ),
      );
    },
  );

  return router;
}

/** Calls the tool and records the outcome (success, a tool that reported `isError`, or a failed call) as one usage row. */
async function invoke(
  deps: RouteDeps,
  gateway: Gateway,
  principal: Principal,
  row: McpRow,
  target: UpstreamTarget,
  tool: string,
  args: Record<string, unknown>,
  timeoutMs: number,
): Promise<ToolCallResult> {
  const started = Date.now();
  const record = (status: 'success' | 'error', errorCode: string | null, latencyMs: number) =>
    deps.store.recordUsage({
      id: newId('use'),
      orgId: principal.orgId,
      apiKeyId: principal.key.id,
      mcpId: row.id,
      mcpName: row.name,
      tool,
      status,
      errorCode,
      latencyMs,
      createdAt: deps.clock().toISOString(),
    });
  try {
    const call = await gateway.callTool(target, tool, args, { timeoutMs });
    await record(call.isError ? 'error' : 'success', null, call.latencyMs);
    return call;
  } catch (err) {
    await record('error', isApiError(err) ? err.code : 'internal_error', Date.now() - started);
    throw err;
  }
}
