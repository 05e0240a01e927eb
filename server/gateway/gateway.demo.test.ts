import { createServer as createHttpServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { weatherFor } from '../../demo/mcp/tools.js';
import { closedMcpUrl } from '../../test/support/ports.js';
import { ApiError } from '../http/errors.js';
import { createGateway } from './gateway.js';
import type { Gateway, UpstreamTarget } from './types.js';

function target(endpointUrl: string, extra: Partial<UpstreamTarget> = {}): UpstreamTarget {
  return { id: 'mcp_demo', endpointUrl, authType: 'none', credentials: null, version: 'v1', ...extra };
}

/** A minimal stateless MCP upstream (JSON responses) whose tools/call always answers with a JSON-RPC error. */
async function startJsonRpcErrorUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer(async (req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const message = JSON.parse(Buffer.concat(chunks).toString()) as {
      id?: number;
      method: string;
      params?: { protocolVersion?: string; name?: string };
    };
    if (message.id === undefined) return void res.writeHead(202).end();
    const reply =
      message.method === 'initialize'
        ? {
            result: {
              protocolVersion: message.params?.protocolVersion,
              capabilities: { tools: {} },
              serverInfo: { name: 'errors', version: '1' },
            },
          }
        : {
            error: {
              code: -32602,
              message: `Unknown tool: ${message.params?.name}`,
              data: { hint: 'list tools first' },
            },
          };
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, ...reply }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function apiErrorOf(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('gateway against the demo MCP server', () => {
  let demo: DemoMcpServer;
  let gateway: Gateway;

  beforeAll(async () => {
    demo = await startDemoMcpServer();
  });
  afterAll(async () => {
    await demo.close();
  });
  afterEach(async () => {
    await gateway?.close();
  });

  it('calls a tool over streamable HTTP and passes content and structured content through', async () => {
    gateway = createGateway();
    const result = await gateway.callTool(
      target(demo.url),
      'get_weather',
      { location: 'San Francisco, CA' },
      { timeoutMs: 10_000 },
    );
    const expected = weatherFor('San Francisco, CA');
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toEqual(expected);
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(expected) }]);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('falls back to the legacy SSE transport when the endpoint only speaks SSE', async () => {
    gateway = createGateway();
    const result = await gateway.callTool(
      target(demo.sseUrl),
      'calculate',
      { operation: 'multiply', a: 6, b: 7 },
      { timeoutMs: 10_000 },
    );
    expect(result.structuredContent).toEqual({ operation: 'multiply', a: 6, b: 7, result: 42 });
    const probe = await gateway.probe(target(demo.sseUrl));
    expect(probe.tools.map((t) => t.name).sort()).toEqual([
      'calculate',
      'fail',
      'get_forecast',
      'get_weather',
      'sleep',
    ]);
  });

  it('passes a tool error through as isError, not as a failure', async () => {
    gateway = createGateway();
    const divide = await gateway.callTool(
      target(demo.url),
      'calculate',
      { operation: 'divide', a: 1, b: 0 },
      { timeoutMs: 10_000 },
    );
    expect(divide).toMatchObject({
      isError: true,
      structuredContent: null,
      content: [{ type: 'text', text: 'Division by zero' }],
    });
    const fail = await gateway.callTool(target(demo.url), 'fail', {}, { timeoutMs: 10_000 });
    expect(fail.isError).toBe(true);
    // The SDK's McpServer reports an unknown tool as an isError result too.
    const unknown = await gateway.callTool(target(demo.url), 'no_such_tool', {}, { timeoutMs: 10_000 });
    expect(unknown.isError).toBe(true);
  });

  it('turns a JSON-RPC error from the upstream into mcp_error with its code, message and data', async () => {
    gateway = createGateway();
    const upstream = await startJsonRpcErrorUpstream();
    try {
      const error = await apiErrorOf(gateway.callTool(target(upstream.url), 'anything', {}, { timeoutMs: 10_000 }));
      expect(error.code).toBe('mcp_error');
      expect(error.details).toEqual({
        upstream: { code: -32602, message: 'Unknown tool: anything', data: { hint: 'list tools first' } },
      });
    } finally {
      await upstream.close();
    }
  });

  it('probes: protocol version, server info, tools with input schemas and resources', async () => {
    gateway = createGateway();
    const probe = await gateway.probe(target(demo.url));
    expect(probe).toMatchObject({
      reachable: true,
      serverInfo: { name: 'plexmcp-demo', version: '1.0.0' },
      resourcesCount: 2,
    });
    expect(probe.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const weather = probe.tools.find((t) => t.name === 'get_weather');
    expect(weather?.input_schema).toMatchObject({ type: 'object', properties: { location: { type: 'string' } } });
    expect(await gateway.listTools(target(demo.url))).toEqual(probe.tools);
  });

  it('answers mcp_timeout when the tool takes longer than the timeout, and the session stays usable', async () => {
    gateway = createGateway();
    const error = await apiErrorOf(gateway.callTool(target(demo.url), 'sleep', { ms: 5_000 }, { timeoutMs: 200 }));
    expect(error.code).toBe('mcp_timeout');
    expect(error.status).toBe(504);
    const after = await gateway.callTool(target(demo.url), 'sleep', { ms: 1 }, { timeoutMs: 10_000 });
    expect(after.structuredContent).toEqual({ slept_ms: 1 });
  });

  it('caps the timeout at maxTimeoutMs', async () => {
    gateway = createGateway({ maxTimeoutMs: 200 });
    const error = await apiErrorOf(gateway.callTool(target(demo.url), 'sleep', { ms: 5_000 }, { timeoutMs: 600_000 }));
    expect(error.code).toBe('mcp_timeout');
  });

  it('answers mcp_unreachable for a closed port', async () => {
    gateway = createGateway();
    const error = await apiErrorOf(
      gateway.callTool(target(await closedMcpUrl()), 'get_weather', { location: 'x' }, { timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('mcp_unreachable');
    expect(error.status).toBe(502);
  });

  it('initialises again when the upstream has expired the session, and the call succeeds', async () => {
    gateway = createGateway();
    await gateway.callTool(target(demo.url), 'get_weather', { location: 'Paris' }, { timeoutMs: 10_000 });
    const before = demo.sessionsCreated;
    demo.expireSessions();
    const result = await gateway.callTool(
      target(demo.url),
      'get_weather',
      { location: 'Paris' },
      { timeoutMs: 10_000 },
    );
    expect(result.structuredContent).toEqual(weatherFor('Paris'));
    expect(demo.sessionsCreated).toBe(before + 1);
  });

  it('reuses one session for many calls and shares one connect among concurrent first calls', async () => {
    gateway = createGateway();
    const before = demo.sessionsCreated;
    const cities = Array.from({ length: 50 }, (_, i) => `City ${i}`);
    const results = await Promise.all(
      cities.map((city) =>
        gateway.callTool(target(demo.url), 'get_weather', { location: city }, { timeoutMs: 20_000 }),
      ),
    );
    results.forEach((result, i) => {
      expect(result.structuredContent).toEqual(weatherFor(cities[i] ?? ''));
    });
    expect(demo.sessionsCreated).toBe(before + 1);
  });

  it('answers 50 concurrent calls over legacy SSE, each with its own result', async () => {
    gateway = createGateway();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        gateway.callTool(target(demo.sseUrl), 'calculate', { operation: 'add', a: i, b: 1000 }, { timeoutMs: 20_000 }),
      ),
    );
    results.forEach((result, i) => {
      expect(result.structuredContent).toMatchObject({ result: i + 1000 });
    });
  });

  it("stops waiting when the caller's signal aborts", async () => {
    gateway = createGateway();
    const controller = new AbortController();
    const call = gateway.callTool(
      target(demo.url),
      'sleep',
      { ms: 10_000 },
      { timeoutMs: 20_000, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    const error = await apiErrorOf(call);
    expect(error.code).toBe('mcp_timeout');
    expect(error.message).toMatch(/cancelled/);
  });

  it('ends its upstream session (DELETE) on evict and on close', async () => {
    gateway = createGateway();
    const before = demo.activeSessions;
    await gateway.listTools(target(demo.url));
    expect(demo.activeSessions).toBe(before + 1);
    await gateway.evict('mcp_demo');
    expect(demo.activeSessions).toBe(before);
    await gateway.listTools(target(demo.url, { id: 'mcp_other' }));
    expect(demo.activeSessions).toBe(before + 1);
    await gateway.close();
    expect(demo.activeSessions).toBe(before);
  });

  it('replaces the pooled session when the target version changes, and after evict', async () => {
    gateway = createGateway();
    const before = demo.sessionsCreated;
    await gateway.listTools(target(demo.url, { version: 'v1' }));
    await gateway.listTools(target(demo.url, { version: 'v1' }));
    expect(demo.sessionsCreated).toBe(before + 1);
    await gateway.listTools(target(demo.url, { version: 'v2' }));
    expect(demo.sessionsCreated).toBe(before + 2);
    await gateway.evict('mcp_demo');
    await gateway.listTools(target(demo.url, { version: 'v2' }));
    expect(demo.sessionsCreated).toBe(before + 3);
  });
});
