/**
 * MCP endpoint: `/mcp/server` (`sendMcpMessage`, `openMcpStream`, `endMcpSession`), the gateway as one MCP server on the
 * Streamable HTTP transport (openapi.yaml "MCP endpoint"). The route checks what the contract answers in the envelope
 * (Accept, protocol version, session) and hands the message to the session's SDK transport.
 */
import type { IncomingMessage } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import type { Contract } from '../../contract/index.js';
import { type Principal, principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { packageInfo } from '../docs/index.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { createToolInvoker } from '../invoke/invoke-tool.js';
import { keyTools } from '../mcp-endpoint/key-tools.js';
import { createSessionServer } from '../mcp-endpoint/session-server.js';
import { createMcpSessions, type McpSession } from '../mcp-endpoint/sessions.js';

/** Streamable HTTP: a POST accepts both answers, a GET the event stream (MCP 2025-06-18, Transports). */
function requireAccept(req: Request, types: string[]): void {
  const accept = req.header('accept') ?? '';
  const missing = types.filter((type) => !accept.includes(type) && !accept.includes('*/*'));
  if (missing.length > 0)
    throw new ApiError('invalid_request', `Accept must list ${types.join(' and ')}`, { accept: types });
}

function requireProtocolVersion(req: Request): void {
  const version = req.header('mcp-protocol-version');
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version))
    throw new ApiError('invalid_request', `Unsupported MCP-Protocol-Version ${version}`, {
      supported: SUPPORTED_PROTOCOL_VERSIONS,
    });
}

/** What the SDK hands each request handler as `extra.authInfo`: the caller, never the key itself. */
function withCaller(req: Request, principal: Principal): IncomingMessage & { auth: AuthInfo } {
  const auth: AuthInfo = { token: '', clientId: principal.key.id, scopes: [], extra: { principal } };
  return Object.assign(req, { auth });
}

function callerOf(authInfo: unknown): Principal {
  const principal = (authInfo as AuthInfo | undefined)?.extra?.principal as Principal | undefined;
  if (!principal) throw new Error('an MCP request reached its handler without a caller');
  return principal;
}

export interface McpEndpointOptions {
  /** How often sessions with an open event stream compare their tools; default 5 s. */
  checkMs?: number;
}

export function mcpEndpointHandlers(
  deps: RouteDeps,
  contract: Contract,
  options: McpEndpointOptions = {},
): OperationBindings {
  const invokeAccess = contract.operation('invokeTool');
  if (!invokeAccess) throw new Error('openapi.yaml has no invokeTool, whose access tools/call is held to');
  const invokeTool = createToolInvoker(deps);
  const { version } = packageInfo();
  const sessions = createMcpSessions({
    store: deps.store,
    clock: deps.clock,
    ...(options.checkMs === undefined ? {} : { checkMs: options.checkMs }),
    toolNames: async (principal) => (await keyTools(deps, principal)).map((t) => t.name),
    serverFor: (session) =>
      createSessionServer({
        ...deps,
        invokeTool,
        invokeAccess,
        version,
        principalOf: callerOf,
        onListed: (names) => {
          const current = session();
          if (current) current.listed = names.join('\n');
        },
      }),
  });

  const sessionOf = (req: Request, res: Response): McpSession => {
    const id = req.header('mcp-session-id');
    if (id === undefined) throw new ApiError('invalid_request', 'Mcp-Session-Id is required');
    const session = sessions.find(id, principalOf(res).key.id);
    if (!session) throw new ApiError('not_found', 'MCP session not found; initialize a new one');
    session.principal = principalOf(res);
    return session;
  };

  return {
    sendMcpMessage: async ({ body, req, res }) => {
      requireAccept(req, ['application/json', 'text/event-stream']);
      requireProtocolVersion(req);
      const principal = principalOf(res);
      if (isInitializeRequest(body)) {
        if (req.header('mcp-session-id') !== undefined)
          throw new ApiError('invalid_request', 'initialize opens a session: send it without Mcp-Session-Id');
        const opened = await sessions.open(principal);
        await opened.transport.handleRequest(withCaller(req, principal), res, body);
        await opened.settle();
        return;
      }
      const session = sessionOf(req, res);
      await session.transport.handleRequest(withCaller(req, principal), res, body);
    },

    openMcpStream: async ({ req, res }) => {
      requireAccept(req, ['text/event-stream']);
      requireProtocolVersion(req);
      const session = sessionOf(req, res);
      if (session.streamOpen) throw new ApiError('already_exists', "The session's event stream is already open");
      // HEAD (served as GET) gets the GET's status and headers, and no stream to hold open.
      if (res.locals.head === true) {
        res.status(200).type('text/event-stream').end();
        return;
      }
      session.streamOpen = true;
      res.on('close', () => {
        session.streamOpen = false;
      });
      await session.transport.handleRequest(withCaller(req, principalOf(res)), res);
    },

    endMcpSession: async ({ req, res }) => {
      requireProtocolVersion(req);
      const session = sessionOf(req, res);
      await session.transport.handleRequest(withCaller(req, principalOf(res)), res);
    },
  };
}
