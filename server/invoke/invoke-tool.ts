/**
 * The use case behind `invokeTool` (`POST /mcp`): invoke one tool of a registered MCP server for a caller and record
 * one usage row per call. The route only turns HTTP into a `ToolInvocation` and the `InvokeResult` back into a response.
 *
 * Order, as the contract's `invokeTool` states it: role (applied before this runs, from the operation's
 * `x-required-role`), then the bounds on `arguments` and `context` (openapi.yaml:
 * Limits on JSON values), existence and MCP scope, so a server without a gateway still answers those honestly before
 * `502 mcp_unreachable`; then the monthly quota (`429 quota_exceeded`); then the tool (refreshing the cached catalogue once when it is not there, else `404 tool_not_found` with a suggestion), its
 * pinned definition (`409 tool_definition_changed`: "Pinned tool definitions"), its arguments against its input schema (`422 invalid_arguments`), and the call itself, with the caller's timeout capped
 * by the server's.
 */
import type { components } from '../../generated/schema.js';
import { findPermittedMcp } from '../auth/mcp-access.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { CredentialCipher } from '../crypto/credentials.js';
import { assertValidArguments, resolveTool, toInvokeResult } from '../gateway/invocation.js';
import type { Gateway, ToolCallProgress, ToolCallResult, UpstreamTarget } from '../gateway/types.js';
import { upstreamTarget } from '../gateway/upstream-target.js';
import { ApiError, isApiError } from '../http/errors.js';
import { assertToolDefinitionPinned } from '../pinning/tool-pins.js';
import { assertWithinBounds, contractBounds } from '../policy/json-bounds.js';
import { createQuotaGuard, type QuotaReservation } from '../quota/index.js';
import { newId } from '../store/ids.js';
import type { McpRow, Store } from '../store/types.js';

type InvokeResult = components['schemas']['InvokeResult'];

const ARGUMENT_BOUNDS = contractBounds('#/components/schemas/InvokeRequest/properties/arguments');
const CONTEXT_BOUNDS = contractBounds('#/components/schemas/InvokeRequest/properties/context');
/** The body of `POST /mcp`. */
export type ToolInvocation = components['schemas']['InvokeRequest'];

export interface InvokeToolDeps {
  store: Store;
  cipher: CredentialCipher;
  /** Without one, every invocation that passes the checks is `502 mcp_unreachable`. */
  gateway?: Gateway;
  clock: Clock;
  /** No quota when self-hosted. */
  selfHosted: boolean;
  /** The longest a call may wait for its upstream (`MCP_REQUEST_TIMEOUT_MS`); a caller's `timeout` is capped by it. */
  mcpRequestTimeoutMs: number;
}

/** What an entry point may add to a call: the upstream's progress, and an end to waiting when its caller has gone. */
export interface InvokeOptions {
  onProgress?: (progress: ToolCallProgress) => void;
  signal?: AbortSignal;
}

/** Invokes one tool for `principal`; `requestId` goes into the result's metadata. */
export type InvokeTool = (
  principal: Principal,
  invocation: ToolInvocation,
  requestId?: string,
  options?: InvokeOptions,
) => Promise<InvokeResult>;

/**
 * @example
 * const invokeTool = createToolInvoker({ store, cipher, gateway, clock, selfHosted: false, mcpRequestTimeoutMs: 30_000 });
 * const result = await invokeTool(principal, { mcp_id: 'mcp_1', tool: 'echo', arguments: { text: 'hi' } });
 */
export function createToolInvoker(deps: InvokeToolDeps): InvokeTool {
  const quota = createQuotaGuard({ store: deps.store, selfHosted: deps.selfHosted, clock: deps.clock });

  return async (principal, invocation, requestId, options = {}) => {
    // Before anything else touches them: a value our own encoding cannot handle is the caller's 422, never an upstream
    // failure that would count toward the MCP's circuit breaker (openapi.yaml: Limits on JSON values).
    assertWithinBounds('arguments', invocation.arguments ?? {}, ARGUMENT_BOUNDS);
    if (invocation.context !== undefined) assertWithinBounds('context', invocation.context, CONTEXT_BOUNDS);
    const row = await findPermittedMcp(deps.store, principal, invocation.mcp_id);
    if (row.status !== 'active') throw new ApiError('forbidden', `MCP ${row.id} is inactive and refuses invocations`);
    await quota.check(principal.orgId, principal.organization.plan);
    const { gateway } = deps;
    if (!gateway) throw new ApiError('mcp_unreachable', 'No gateway to MCP servers is configured on this server');

    const target = upstreamTarget(deps.cipher, row);
    const tool = await resolveTool(row.id, row.tools, invocation.tool, async () => {
      const tools = await gateway.listTools(target, { timeoutMs: deps.mcpRequestTimeoutMs });
      await deps.store.setMcpTools(row.id, tools, deps.clock().toISOString());
      return tools;
    });
    // Before the arguments are judged by its schema and before the quota is taken (openapi.yaml: Pinned tool
    // definitions): a tool whose definition changed since it was pinned is refused, never sent.
    await assertToolDefinitionPinned(deps.store, row, tool, deps.clock().toISOString());
    const args = invocation.arguments ?? {};
    assertValidArguments(tool, args);
    const timeoutMs = Math.min(invocation.timeout ?? deps.mcpRequestTimeoutMs, deps.mcpRequestTimeoutMs);
    // Taken atomically just before the upstream call, so concurrent calls never exceed the quota (check above only
    // refuses early); the usage row settles it.
    const reservation = await quota.reserve(principal.orgId, principal.organization.plan);
    const call = await callAndRecord(
      deps,
      gateway,
      principal,
      row,
      target,
      invocation.tool,
      args,
      { ...options, timeoutMs },
      reservation,
    );
    return toInvokeResult(call, {
      mcpId: row.id,
      tool: invocation.tool,
      timestamp: deps.clock().toISOString(),
      ...(requestId === undefined ? {} : { requestId }),
    });
  };
}

/** Calls the tool and records the outcome (success, a tool that reported `isError`, or a failed call) as one usage row. */
async function callAndRecord(
  deps: InvokeToolDeps,
  gateway: Gateway,
  principal: Principal,
  row: McpRow,
  target: UpstreamTarget,
  tool: string,
  args: Record<string, unknown>,
  callOptions: InvokeOptions & { timeoutMs: number },
  reservation: QuotaReservation,
): Promise<ToolCallResult> {
  // Elapsed time is measured, not read from the clock (a test's fixed clock would make every failure 0 ms).
  const started = performance.now();
  const record = (status: 'success' | 'error', errorCode: string | null, latencyMs: number) =>
    deps.store.recordUsage(
      {
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
      },
      reservation.month === undefined ? undefined : { reservedMonth: reservation.month },
    );
  try {
    const call = await gateway.callTool(target, tool, args, callOptions);
    await record(call.isError ? 'error' : 'success', null, call.latencyMs);
    return call;
  } catch (err) {
    await record('error', isApiError(err) ? err.code : 'internal_error', Math.round(performance.now() - started));
    throw err;
  }
}
