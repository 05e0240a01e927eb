/**
 * The MCP endpoint driven by a second, independent MCP client: the AI SDK's (`@ai-sdk/mcp`, its own Streamable HTTP
 * transport and JSON-RPC, not the official SDK), as an agent built on it would use the gateway.
 */
import { type CallToolResult, createMCPClient, type MCPClient } from '@ai-sdk/mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('the MCP endpoint with the AI SDK MCP client', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let demoId: string;
  let otherId: string;
  const clients: MCPClient[] = [];

  const connect = async (key: string): Promise<MCPClient> => {
    const client = await createMCPClient({
      transport: { type: 'http', url: `${h.baseUrl}/mcp/server`, headers: { Authorization: `Bearer ${key}` } },
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 10_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true } });
    for (const name of ['Demo', 'Second Demo']) {
      const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
        key: h.ownerKey,
        body: { name, endpoint_url: demo.url },
      });
      expect(created.status).toBe(201);
      if (name === 'Demo') demoId = created.body.data.id;
      else otherId = created.body.data.id;
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await h?.close();
    await gateway?.close();
    await demo?.close();
  });

  it('lists both MCP servers under their slugs and calls a tool as an agent would, metered once', async () => {
    const client = await connect(h.ownerKey);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['demo__get_weather', 'second-demo__get_weather']));
    const tools = await client.tools();
    const weather = tools.demo__get_weather;
    expect(weather).toBeDefined();
    const result = (await weather?.execute?.({ location: 'Oslo' }, { toolCallId: 'call-1', messages: [] })) as
      | CallToolResult
      | undefined;
    expect(result?.isError).toBeFalsy();
    expect(JSON.stringify(result?.content)).toContain('Oslo');
    const history = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${demoId}`, { key: h.ownerKey });
    expect(history.body.pagination.total).toBe(1);
  });

  it('a key scoped to one MCP server lists only its tools', async () => {
    const { key } = await h.addKey(h.owner.id, { scope: [otherId] });
    const client = await connect(key);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('second-demo__'))).toBe(true);
  });

  it('a revoked key cannot connect', async () => {
    const { key, row } = await h.addKey(h.owner.id);
    await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    await expect(connect(key)).rejects.toThrow(/401|revoked/i);
  });
});
