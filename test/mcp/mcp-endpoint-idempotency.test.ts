/**
 * `Idempotency-Key` on the MCP endpoint's `tools/call` (openapi.yaml "Idempotency"): a retried call with the same key is
 * answered with the first result, without a second upstream call or usage record; the same key with another call is
 * `already_exists`; a key held by a call still running makes the duplicate wait for it.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';
import { connectToEndpoint, rawInitialize } from '../support/mcp-endpoint-client.js';

describe('Idempotency-Key on the MCP endpoint', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let mcpId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 10_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true, mcpRequestTimeoutMs: 10_000 } });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    expect(created.status).toBe(201);
    mcpId = created.body.data.id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await h?.close();
    await gateway?.close();
    await demo?.close();
  });

  /** A session whose every request carries `Idempotency-Key: key`. */
  async function session(key: string): Promise<Client> {
    const { client } = await connectToEndpoint(h.baseUrl, h.ownerKey, { 'idempotency-key': key });
    clients.push(client);
    return client;
  }

  const records = async () => {
    const history = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${mcpId}`, { key: h.ownerKey });
    return history.body.pagination.total as number;
  };
  const weather = (location: string) => ({ name: 'demo__get_weather', arguments: { location } });

  it('replays the first result for the same key and call, with one usage record', async () => {
    const before = await records();
    const client = await session('mcp-retry-1');
    const first = (await client.callTool(weather('Paris'))) as CallToolResult;
    expect(first.isError).toBeFalsy();
    expect(first._meta?.['plexmcp/idempotent-replayed']).toBeUndefined();
    // A retry, as a client that lost the answer would send it: a new session, the same key and call.
    const again = (await (await session('mcp-retry-1')).callTool(weather('Paris'))) as CallToolResult;
    expect(again._meta?.['plexmcp/idempotent-replayed']).toBe(true);
    expect(again.content).toEqual(first.content);
    expect(await records()).toBe(before + 1);
  });

  it('refuses the same key with another call as already_exists, and runs nothing', async () => {
    const client = await session('mcp-retry-2');
    await client.callTool(weather('Oslo'));
    const before = await records();
    const other = (await client.callTool(weather('Lima'))) as CallToolResult;
    expect(other.isError).toBe(true);
    expect(other._meta?.['plexmcp/error']).toMatchObject({ code: 'already_exists' });
    expect(await records()).toBe(before);
  });

  it('two duplicates at once run the call once', async () => {
    const before = await records();
    const [a, b] = await Promise.all([session('mcp-retry-3'), session('mcp-retry-3')]);
    const results = (await Promise.all([a.callTool(weather('Rome')), b.callTool(weather('Rome'))])) as CallToolResult[];
    expect(results.map((r) => r.isError ?? false)).toEqual([false, false]);
    expect(results.filter((r) => r._meta?.['plexmcp/idempotent-replayed'] === true)).toHaveLength(1);
    expect(await records()).toBe(before + 1);
  });

  it('a malformed key is 400 invalid_request in the envelope, before any session', async () => {
    const response = await rawInitialize(h.baseUrl, {
      authorization: `Bearer ${h.ownerKey}`,
      'idempotency-key': 'bad key with spaces',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'invalid_request' } });
  });
});
