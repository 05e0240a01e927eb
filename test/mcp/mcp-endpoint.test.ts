/**
 * The MCP endpoint driven by the official SDK client over real HTTP: aggregated tools from two real upstreams (the demo
 * MCP and @modelcontextprotocol/server-everything), keys of every kind, metering, quota, progress, list changes and the
 * session lifecycle (openapi.yaml "MCP endpoint").
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { usageRow } from '../../server/store/test-store.js';
import { type EverythingServer, startEverything } from '../support/everything.js';
import { call, type Harness, startHarness } from '../support/harness.js';
import {
  connectToEndpoint,
  MCP_ENDPOINT as ENDPOINT,
  INITIALIZE,
  rawInitialize,
} from '../support/mcp-endpoint-client.js';
import { startTestServer, type TestServer } from '../support/rate-limited-server.js';

const connect = (h: Harness, key: string) => connectToEndpoint(h.baseUrl, key);

async function historyCount(h: Harness, key: string, mcpId: string): Promise<number> {
  const history = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${mcpId}`, { key });
  expect(history.status).toBe(200);
  return history.body.pagination.total as number;
}

describe('the MCP endpoint with the official SDK client', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let everything: EverythingServer;
  let gateway: Gateway;
  let demoId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    [demo, everything] = await Promise.all([startDemoMcpServer(), startEverything()]);
    gateway = createGateway({ maxTimeoutMs: 10_000 });
    h = await startHarness({
      overrides: { gateway, allowPrivateMcpUrls: true, mcpRequestTimeoutMs: 10_000, mcpEndpoint: { checkMs: 100 } },
    });
    for (const [name, url] of [
      ['Demo', demo.url],
      ['Everything', everything.url],
    ] as const) {
      const created = await call(h.baseUrl, 'POST', '/v1/mcps', { key: h.ownerKey, body: { name, endpoint_url: url } });
      expect(created.status).toBe(201);
      if (name === 'Demo') demoId = created.body.data.id;
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await h?.close();
    await gateway?.close();
    await demo?.close();
    await everything?.close();
  });

  const open = async (key: string) => {
    const opened = await connect(h, key);
    clients.push(opened.client);
    return opened;
  };

  it('lists the tools of every MCP server of the organisation under <slug>__<tool>, with their schemas', async () => {
    const { client } = await open(h.ownerKey);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['demo__get_weather', 'demo__calculate', 'everything__echo']));
    const weather = tools.find((t) => t.name === 'demo__get_weather');
    expect(weather?.inputSchema).toMatchObject({ type: 'object', properties: { location: expect.anything() } });
    expect(weather?.description).toContain('weather');
  });

  it('calls a tool through the gateway, recording exactly one usage row per call', async () => {
    const { client } = await open(h.ownerKey);
    const before = await historyCount(h, h.ownerKey, demoId);
    const result = (await client.callTool({
      name: 'demo__get_weather',
      arguments: { location: 'Paris' },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ location: 'Paris' });
    const echo = (await client.callTool({ name: 'everything__echo', arguments: { message: 'hi' } })) as CallToolResult;
    expect(echo.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(await historyCount(h, h.ownerKey, demoId)).toBe(before + 1);
  });

  it('reports a tool error, bad arguments and an unknown tool as MCP answers', async () => {
    const { client } = await open(h.ownerKey);
    const failed = (await client.callTool({ name: 'demo__fail', arguments: {} })) as CallToolResult;
    expect(failed.isError).toBe(true);
    const invalid = (await client.callTool({ name: 'demo__calculate', arguments: { a: 'x' } })) as CallToolResult;
    expect(invalid.isError).toBe(true);
    expect(invalid._meta?.['plexmcp/error']).toMatchObject({ code: 'invalid_arguments' });
    await expect(client.callTool({ name: 'nowhere__tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it('a scoped key sees and calls only its MCP servers', async () => {
    const { key } = await h.addKey(h.owner.id, { scope: [demoId] });
    const { client } = await open(key);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('demo__'))).toBe(true);
    await expect(client.callTool({ name: 'everything__echo', arguments: { message: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
  });

  it("another organisation's tools are invisible and cannot be called", async () => {
    const other = await h.addOrganization('pro');
    const { client } = await open(other.ownerKey);
    expect((await client.listTools()).tools).toEqual([]);
    await expect(client.callTool({ name: 'demo__get_weather', arguments: { location: 'x' } })).rejects.toThrow(
      /Unknown tool/,
    );
  });

  it('a viewer lists tools, and its calls are refused as invokeTool refuses them', async () => {
    const viewer = await h.addMember('viewer');
    const { client } = await open(viewer.key);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    const refused = (await client.callTool({
      name: 'demo__get_weather',
      arguments: { location: 'x' },
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(refused._meta?.['plexmcp/error']).toMatchObject({ code: 'forbidden' });
  });

  it('an unknown or revoked key is 401 before any session exists', async () => {
    await expect(open(`pmcp_${'x'.repeat(40)}`)).rejects.toMatchObject({ code: 401, message: /unauthorized/ });
    const { key, row } = await h.addKey(h.owner.id);
    const revoked = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    expect(revoked.status).toBe(200);
    await expect(open(key)).rejects.toMatchObject({ code: 401, message: /revoked_key/ });
  });

  it('passes the upstream progress notifications through to the caller', async () => {
    const { client } = await open(h.ownerKey);
    const progress: number[] = [];
    const result = (await client.callTool(
      { name: 'everything__trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    )) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(progress).toEqual([1, 2, 3]);
  });

  it('tells a listening session when its tools change', async () => {
    const { client } = await open(h.ownerKey);
    await client.listTools();
    const changed = new Promise<void>((resolve) =>
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
    );
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    expect(created.status).toBe(201);
    await changed;
    const names = (await client.listTools()).tools.map((t) => t.name);
    const suffix = (created.body.data.id as string).slice(-8).toLowerCase();
    expect(names).toContain(`demo-${suffix}__get_weather`);
    expect(names).toContain('demo__get_weather');
    await call(h.baseUrl, 'DELETE', `/v1/mcps/${created.body.data.id}`, { key: h.ownerKey });
  });

  it('ends a session on DELETE; its id is then 404, and another key never reaches it', async () => {
    const { client, transport } = await open(h.ownerKey);
    await client.listTools();
    const sessionId = transport.sessionId as string;
    const headers = {
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-06-18',
    };
    const ping = { jsonrpc: '2.0', id: 7, method: 'ping' };
    const stranger = await h.addKey(h.owner.id);
    const hijack = await call(h.baseUrl, 'POST', ENDPOINT, { key: stranger.key, headers, body: ping });
    expect(hijack.status).toBe(404);
    await transport.terminateSession();
    const after = await call(h.baseUrl, 'POST', ENDPOINT, { key: h.ownerKey, headers, body: ping });
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe('not_found');
  });

  it("a revoked key's open event stream is ended, and a second stream on one session is 409", async () => {
    const { key, row } = await h.addKey(h.owner.id);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const initialize = await rawInitialize(h.baseUrl, headers);
    expect(initialize.status).toBe(200);
    await initialize.text();
    const session = { ...headers, 'mcp-session-id': initialize.headers.get('mcp-session-id') ?? '' };
    const stream = await fetch(`${h.baseUrl}${ENDPOINT}`, {
      headers: { ...session, accept: 'text/event-stream' },
    });
    expect([stream.status, stream.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
    const second = await call(h.baseUrl, 'GET', ENDPOINT, { headers: { ...session, accept: 'text/event-stream' } });
    expect([second.status, second.body.error.code]).toEqual([409, 'already_exists']);
    expect((await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey })).status).toBe(200);
    const reader = stream.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
  });

  it('refuses requests without a session, or with an Accept the transport cannot answer, in the envelope', async () => {
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const noSession = await call(h.baseUrl, 'POST', ENDPOINT, {
      key: h.ownerKey,
      headers: { accept: 'application/json, text/event-stream' },
      body: ping,
    });
    expect([noSession.status, noSession.body.error.code]).toEqual([400, 'invalid_request']);
    const wrongAccept = await call(h.baseUrl, 'POST', ENDPOINT, {
      key: h.ownerKey,
      headers: { accept: 'application/json' },
      body: ping,
    });
    expect([wrongAccept.status, wrongAccept.body.error.code]).toEqual([400, 'invalid_request']);
  });

  it('an upstream that never answers leaves the others listed, after a bounded wait', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const org = await h.addOrganization('pro');
      const { port } = silent.address() as AddressInfo;
      for (const [name, url] of [
        ['Demo', demo.url],
        ['Silent', `http://127.0.0.1:${port}/mcp`],
      ] as const) {
        const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
          key: org.ownerKey,
          body: { name, endpoint_url: url },
        });
        expect(created.status).toBe(201);
      }
      const { client } = await open(org.ownerKey);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('demo__get_weather');
      expect(names.some((n) => n.startsWith('silent__'))).toBe(false);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('past the monthly quota, tools/call is an error result and no upstream call is made', async () => {
    const free = await h.addOrganization('free');
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: free.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    const mcpId = created.body.data.id as string;
    const { client } = await open(free.ownerKey);
    const now = new Date().toISOString();
    for (let i = 0; i < 1_000; i++) {
      await h.store.recordUsage(
        usageRow({ orgId: free.org.id, apiKeyId: free.ownerKeyRow.id, mcpId, mcpName: 'Demo', createdAt: now }),
      );
    }
    const refused = (await client.callTool({
      name: 'demo__get_weather',
      arguments: { location: 'x' },
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(refused._meta?.['plexmcp/error']).toMatchObject({ code: 'quota_exceeded' });
    expect(await historyCount(h, free.ownerKey, mcpId)).toBe(1_000);
  }, 60_000);
});

describe('the MCP endpoint under rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ selfHosted: false });
  });
  afterAll(() => server.close());

  it('each HTTP request counts toward the organisation rate limit, answered 429 in the envelope', async () => {
    const key = await server.addOrganization('free');
    const replies = await Promise.all(
      Array.from({ length: 15 }, () =>
        call(server.url, 'POST', ENDPOINT, {
          key,
          headers: { accept: 'application/json, text/event-stream' },
          body: INITIALIZE,
        }),
      ),
    );
    // A burst in one window: the plan's 10 pass and the rest are refused (a window boundary in the burst lets more pass).
    expect(replies.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.body.error.code).toBe('rate_limited');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('the MCP endpoint when its store fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      wrapStore: (store) =>
        Object.assign(Object.create(store) as typeof store, {
          listMcps: async () => {
            throw new Error('SQLITE_CORRUPT at /var/lib/plexmcp/secret.db');
          },
        }),
    });
  });
  afterAll(() => h?.close());

  it('answers tools/list with an internal error that names no internals', async () => {
    const { client } = await connect(h, h.ownerKey);
    try {
      const failure = await client.listTools().then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failure?.message).toMatch(/unexpected error/);
      expect(failure?.message).not.toMatch(/SQLITE|secret/);
    } finally {
      await client.close();
    }
  });
});
