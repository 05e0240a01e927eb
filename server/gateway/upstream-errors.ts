/**
 * Maps whatever the MCP SDK or fetch throws to the API's error catalogue:
 * `mcp_unreachable` (nothing answered as an MCP server), `mcp_error` (the upstream answered with an error) and
 * `mcp_timeout`. Messages name the HTTP status or JSON-RPC error, never our internals or the upstream's credentials.
 */
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ApiError } from '../http/errors.js';

/** Thrown into an upstream request when its deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/** The HTTP status of a failed upstream request, when the error carries one. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError || error instanceof SseError) {
    return typeof error.code === 'number' && error.code >= 100 ? error.code : undefined;
  }
  // SSEClientTransport.send throws a plain Error naming the status.
  const match = error instanceof Error ? /\(HTTP (\d{3})\)/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/** An upstream session that the server no longer knows (MCP basic/transports §Session Management: HTTP 404). */
export function isSessionExpired(error: unknown, hadSession: boolean): boolean {
  return hadSession && httpStatusOf(error) === 404;
}

/** The streamable attempt failed in a way that means "not a streamable HTTP endpoint": try the legacy SSE transport. */
export function shouldFallBackToSse(error: unknown): boolean {
  const status = httpStatusOf(error);
  // MCP basic/transports §Backwards Compatibility: a 4xx on the initialize POST; 401/403 are credential answers.
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403;
}

function mcpErrorMessage(error: McpError): string {
  const prefix = `MCP error ${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** At most this many schema problems are reported; one is usually enough to fix the upstream. */
const MAX_PROBLEMS = 10;

interface SchemaIssue {
  path?: readonly PropertyKey[];
  message?: string;
  /** invalid_union: the issues of each alternative. */
  errors?: readonly (readonly SchemaIssue[])[];
}

/**
 * A result that is not an object fails the transport's JSON-RPC message union (request | notification | result
 * response | error response), whose own message is only "Invalid input". The message answers a request, so the
 * result-response alternative says what is wrong: its issues, with paths relative to `result`.
 */
function resultIssues(issue: SchemaIssue): readonly SchemaIssue[] {
  const branch = issue.errors?.find((issues) => issues.length > 0 && issues.every((i) => i.path?.[0] === 'result'));
  return branch ? branch.map((i) => ({ ...i, path: i.path?.slice(1) })) : [issue];
}

/**
 * What was wrong, when `error` is a failed schema check. The SDK reports a result that does not match the request's
 * result schema as zod's error (`$ZodError` from zod/mini in Protocol.request, `ZodError` when its transport rejects a
 * message that is not JSON-RPC); both carry `issues` with a path and a message.
 */
function schemaProblems(error: unknown): { path: string; message: string }[] | undefined {
  if (!(error instanceof Error) || (error.name !== 'ZodError' && error.name !== '$ZodError')) return undefined;
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return [{ path: '', message: 'Invalid input' }];
  return (issues as SchemaIssue[])
    .flatMap(resultIssues)
    .slice(0, MAX_PROBLEMS)
    .map((issue) => ({
      path: (issue.path ?? []).map(String).join('.'),
      message: String(issue.message ?? 'Invalid input'),
    }));
}

/** True for failures that mean the upstream could not be reached: these, and only these, trip the circuit breaker. */
export function countsAgainstUpstream(error: ApiError): boolean {
  return error.code === 'mcp_unreachable' || error.code === 'mcp_timeout';
}

/**
 * What a failed call says about the upstream: `failure` (it could not be reached or did not answer in time), `alive`
 * (it answered, if only with an error), or `none` (the call was refused on our side before or without the upstream's
 * say: a 4xx of the caller's, an internal fault), which must neither open nor close its circuit.
 */
export function upstreamVerdict(error: ApiError): 'failure' | 'alive' | 'none' {
  if (countsAgainstUpstream(error)) return 'failure';
  return error.code === 'mcp_error' ? 'alive' : 'none';
}

/**
 * The tool arguments as JSON, or `422 validation_error`: a value our own encoder cannot handle (nesting deep enough to
 * overflow the stack) is the caller's, and must never surface as an upstream failure. The routes bound depth and size
 * first (openapi.yaml: Limits on JSON values); this keeps the gateway safe for every other caller.
 */
export function encodeArguments(args: Record<string, unknown>): string {
  try {
    return JSON.stringify(args);
  } catch (error) {
    throw new ApiError('validation_error', 'The tool arguments cannot be encoded as JSON', {
      arguments: error instanceof RangeError ? 'nest too deeply to encode' : 'cannot be encoded as JSON',
    });
  }
}

/** Our own stack overflowed (a value nested too deeply for a recursive encoder): never the upstream's doing. */
function isOwnStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * @param phase `connect` while opening a session (an HTTP error there means "not an MCP endpoint"),
 *   `request` once the session is open (an HTTP error there is the upstream answering with an error).
 */
export function toApiError(error: unknown, phase: 'connect' | 'request'): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DeadlineExceeded) {
    return new ApiError('mcp_timeout', `MCP server did not respond within ${error.timeoutMs} ms`, {
      timeout_ms: error.timeoutMs,
    });
  }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout && mcpErrorMessage(error) === 'Request timed out') {
      return new ApiError('mcp_timeout');
    }
    if (error.code === ErrorCode.ConnectionClosed && mcpErrorMessage(error) === 'Connection closed') {
      return new ApiError('mcp_unreachable', 'The connection to the MCP server was lost');
    }
    return new ApiError('mcp_error', `The MCP server answered with an error: ${mcpErrorMessage(error)}`, {
      upstream: { code: error.code, message: mcpErrorMessage(error), data: error.data ?? null },
    });
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const details = { upstream: { http_status: status } };
    if (status === 401 || status === 403) {
      return new ApiError('mcp_error', `The MCP server rejected the credentials (HTTP ${status})`, details);
    }
    if (phase === 'connect' || status === 502 || status === 503 || status === 504) {
      return new ApiError('mcp_unreachable', `Could not connect to MCP server (HTTP ${status})`, details);
    }
    return new ApiError('mcp_error', `The MCP server answered with HTTP ${status}`, details);
  }
  if (isOwnStackOverflow(error)) return new ApiError('internal_error');
  const problems = schemaProblems(error);
  if (problems) {
    // The upstream answered, just not in MCP's shape: an upstream error, not a failure to reach it (so the circuit
    // breaker does not count it, see countsAgainstUpstream).
    return new ApiError('mcp_error', "The MCP server's answer is not valid MCP", { problems });
  }
  return new ApiError('mcp_unreachable', 'Could not connect to MCP server');
}
