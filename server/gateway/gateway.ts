/**
 * The gateway: reaches upstream MCP servers with the official SDK on behalf of the routes (see types.ts).
 * Sessions are pooled per MCP; an expired session is initialised again once and the request retried; every call has
 * a deadline; a circuit breaker per MCP turns a dead upstream into immediate 502s.
 */
import { performance } from 'node:perf_hooks';
import * as z from 'zod';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { countResources, listAllTools, SDK_TIMEOUT_SLACK_MS } from './catalogue.js';
import { type CircuitBreaker, type CircuitBreakerOptions, createCircuitBreaker } from './circuit-breaker.js';
import { CallCancelled, type Deadline, startDeadline } from './deadline.js';
import type { Gateway, ProbeResult, ToolCallResult, UpstreamTarget } from './types.js';
import type { UpstreamConnection } from './upstream-connection.js';
import { encodeArguments, isSessionExpired, toApiError, upstreamVerdict } from './upstream-errors.js';
import { UpstreamPool } from './upstream-pool.js';

export interface GatewayOptions {
  clientName?: string;
  clientVersion?: string;
  /** The cap on any call's timeout, and the default for listing and probing (MCP_REQUEST_TIMEOUT_MS). */
  maxTimeoutMs?: number;
  /** A circuit breaker to share, or options for the gateway's own (5 failures, 1 s doubling to 60 s by default). */
  breaker?: CircuitBreaker | CircuitBreakerOptions;
  /** The breaker's clock, when it builds its own. */
  clock?: Clock;
}

// Loose on purpose: content blocks and structured content are passed through unchanged, not re-validated against the
// SDK's schema or the tool's output schema (that is the caller's business). What is checked is the shape every caller
// relies on (MCP schema 2025-06-18 CallToolResult): `content` an array of blocks with a string `type`, `isError` a
// boolean. A result that fails it is `mcp_error` (see upstream-errors.ts).
const CallResultSchema = z.looseObject({
  content: z.array(z.looseObject({ type: z.string() })).optional(),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
  toolResult: z.unknown().optional(),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createGateway(options: GatewayOptions = {}): Gateway {
  const maxTimeoutMs = options.maxTimeoutMs ?? 30_000;
  const breaker =
    options.breaker && 'acquire' in options.breaker
      ? options.breaker
      : createCircuitBreaker({ clock: options.clock, ...options.breaker });
  const pool = new UpstreamPool({
    clientName: options.clientName ?? 'plexmcp-gateway',
    clientVersion: options.clientVersion ?? '0.1.0',
    timeoutMs: maxTimeoutMs,
  });

  const capped = (timeoutMs: number | undefined) => Math.max(1, Math.min(timeoutMs ?? maxTimeoutMs, maxTimeoutMs));

  /** Runs `op` on the pooled session, initialising a new one once when the upstream has expired the old one. */
  async function onSession<T>(
    target: UpstreamTarget,
    deadline: Deadline,
    op: (connection: UpstreamConnection) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let connection: UpstreamConnection;
      try {
        connection = await deadline.race(pool.acquire(target));
      } catch (error) {
        throw deadline.reason ?? toApiError(error, 'connect');
      }
      const hadSession = connection.hasSession();
      try {
        return await deadline.race(op(connection));
      } catch (error) {
        if (deadline.reason) throw deadline.reason;
        if (attempt === 0 && isSessionExpired(error, hadSession)) {
          await pool.discard(target.id, connection);
          continue;
        }
        throw toApiError(error, 'request');
      }
    }
  }

  async function guarded<T>(
    target: UpstreamTarget,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    op: (connection: UpstreamConnection, deadline: Deadline) => Promise<T>,
  ): Promise<T> {
    const permit = breaker.acquire(target.id);
    const deadline = startDeadline(timeoutMs, signal);
    try {
      const result = await onSession(target, deadline, (connection) => op(connection, deadline));
      permit.success();
      return result;
    } catch (thrown) {
      if (thrown instanceof CallCancelled) {
        permit.release();
        throw new ApiError('mcp_timeout', thrown.message);
      }
      const error = toApiError(thrown, 'request');
      // Only the upstream's own failures count; an answer, even an error, shows it alive; a refusal on our side
      // (validation, an internal fault) says nothing about it either way.
      const verdict = upstreamVerdict(error);
      if (verdict === 'failure') permit.failure();
      else if (verdict === 'alive') permit.success();
      else permit.release();
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  return {
    async callTool(target, tool, args, callOptions): Promise<ToolCallResult> {
      const timeoutMs = capped(callOptions.timeoutMs);
      // Encoded here first, outside the breaker: arguments we cannot encode are the caller's 422, not the upstream's fault.
      encodeArguments(args);
      const started = performance.now();
      const result = await guarded(target, timeoutMs, callOptions.signal, (connection, deadline) =>
        connection.client.request({ method: 'tools/call', params: { name: tool, arguments: args } }, CallResultSchema, {
          signal: deadline.signal,
          timeout: timeoutMs + SDK_TIMEOUT_SLACK_MS,
          // With a callback the SDK asks the upstream for progress (a progressToken of its own) and hands it over.
          ...(callOptions.onProgress ? { onprogress: callOptions.onProgress } : {}),
        }),
      );
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      let content = (result.content ?? []) as ToolCallResult['content'];
      // Protocol 2024-10-07 servers may answer with `toolResult` instead of content blocks.
      if (!result.content && result.toolResult !== undefined) {
        content = [{ type: 'text', text: JSON.stringify(result.toolResult) }];
      }
      return {
        content,
        structuredContent: isPlainObject(result.structuredContent) ? result.structuredContent : null,
        isError: result.isError === true,
        latencyMs,
      };
    },

    async listTools(target, listOptions) {
      const timeoutMs = capped(listOptions?.timeoutMs);
      return guarded(target, timeoutMs, undefined, (connection, deadline) =>
        listAllTools(connection, deadline, timeoutMs),
      );
    },

    async probe(target, probeOptions): Promise<ProbeResult> {
      // An explicit test is not refused by an open circuit; when it succeeds, the circuit closes.
      const timeoutMs = capped(probeOptions?.timeoutMs);
      const started = performance.now();
      const deadline = startDeadline(timeoutMs);
      try {
        const { connection, tools, resourcesCount } = await onSession(target, deadline, async (connection) => ({
          connection,
          tools: await listAllTools(connection, deadline, timeoutMs),
          resourcesCount: await countResources(connection, deadline, timeoutMs),
        }));
        breaker.forget(target.id);
        const serverInfo = connection.client.getServerVersion();
        return {
          reachable: true,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          protocolVersion: connection.protocolVersion,
          serverInfo: serverInfo ? { name: serverInfo.name, version: serverInfo.version } : null,
          tools,
          resourcesCount,
        };
      } catch (error) {
        throw toApiError(error, 'request');
      } finally {
        deadline.dispose();
      }
    },

    async evict(mcpId) {
      breaker.forget(mcpId);
      await pool.evict(mcpId);
    },

    async close() {
      await pool.closeAll();
    },
  };
}
