/**
 * A real MCP server for demos and tests: streamable HTTP with stateful sessions at `/mcp`, and the legacy HTTP+SSE
 * transport (`GET /sse` + `POST /messages`) on the same port, optionally behind one of PlexMCP's upstream auth types.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { challenge, type DemoAuth, isAuthorized } from './auth.js';
import { createDemoMcpServer } from './tools.js';

export type { DemoAuth } from './auth.js';

export interface DemoMcpServerOptions {
  port?: number;
  host?: string;
  auth?: DemoAuth;
}

export interface DemoMcpServer {
  /** The streamable HTTP endpoint (`…/mcp`). */
  url: string;
  /** The legacy SSE endpoint (`…/sse`). */
  sseUrl: string;
  /** Sessions initialised so far, over either transport. */
  readonly sessionsCreated: number;
  /** Sessions open now (neither closed by their client nor expired). */
  readonly activeSessions: number;
  /** Forgets every session, so a request with an old session id gets 404 and the client must initialise again. */
  expireSessions(): void;
  close(): Promise<void>;
}

type Closable = { close(): Promise<void> };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function rpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts the demo MCP server.
 * @example
 * const demo = await startDemoMcpServer({ auth: { type: 'bearer', token: 'secret' } });
 * // register demo.url as an MCP with auth_type bearer and auth_token "secret"
 * await demo.close();
 */
export async function startDemoMcpServer(options: DemoMcpServerOptions = {}): Promise<DemoMcpServer> {
  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const sse = new Map<string, SSEServerTransport>();
  // Expired sessions stay open (their streams too) until close(), so the client sees a clean 404, not a dropped stream.
  const expired: Closable[] = [];
  let sessionsCreated = 0;

  async function handleStreamable(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sessionId = req.headers['mcp-session-id'];
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (typeof sessionId === 'string') {
      const transport = streamable.get(sessionId);
      // MCP 2025-06-18 basic/transports §Session Management: an unknown session id is answered with 404.
      if (!transport) return rpcError(res, 404, -32001, 'Session not found');
      return transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return rpcError(res, 400, -32000, 'Bad Request: no valid session id');
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessionsCreated += 1;
        streamable.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) streamable.delete(transport.sessionId);
    };
    await createDemoMcpServer().connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async function handleSse(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      sse.set(transport.sessionId, transport);
      sessionsCreated += 1;
      res.on('close', () => sse.delete(transport.sessionId));
      await createDemoMcpServer().connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = sse.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return rpcError(res, 404, -32001, 'Session not found');
      return transport.handlePostMessage(req, res, await readJson(req));
    }
    sendJson(res, 405, { error: 'Method not allowed' }, { allow: url.pathname === '/sse' ? 'GET' : 'POST' });
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.auth && !isAuthorized(req, options.auth)) {
      return sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': challenge(options.auth) });
    }
    let work: Promise<void>;
    if (url.pathname === '/mcp') work = handleStreamable(req, res);
    else if (url.pathname === '/sse' || url.pathname === '/messages') work = handleSse(req, res, url);
    else work = Promise.resolve(sendJson(res, 404, { error: 'not found' }));
    work.catch((error: unknown) => {
      if (error instanceof SyntaxError) return rpcError(res, 400, -32700, 'Parse error');
      if (!res.headersSent) rpcError(res, 500, -32603, 'Internal error');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address, family } = http.address() as AddressInfo;
  const origin = `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;

  return {
    url: `${origin}/mcp`,
    sseUrl: `${origin}/sse`,
    get sessionsCreated() {
      return sessionsCreated;
    },
    get activeSessions() {
      return streamable.size + sse.size;
    },
    expireSessions() {
      for (const transport of [...streamable.values(), ...sse.values()]) expired.push(transport);
      streamable.clear();
      sse.clear();
    },
    async close() {
      const all: Closable[] = [...streamable.values(), ...sse.values(), ...expired];
      await Promise.allSettled(all.map((t) => t.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
