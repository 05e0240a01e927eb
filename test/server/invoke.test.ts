/** Invoking tools and testing MCPs end to end: the API, the real gateway and a real MCP server on loopback. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';
import { freeLoopbackPort } from '../support/ports.js';

const UPSTREAM_TOKEN = 'upstream-bearer-secret';

describe('tool invocation through the gateway', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let mcpId: string;
  beforeAll(async () => {
    demo = await startDemoMcpServer({ auth: { type: 'bearer', token: UPSTREAM_TOKEN } });
    gateway = createGateway({ maxTimeoutMs: 5_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true } });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url, auth_type: 'bearer', auth_token: UPSTREAM_TOKEN },
    });
    expect(created.status).toBe(201);
    mcpId = created.body.data.id;
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
    await demo.close();
  });

  it('testing the MCP reports its tools and resources and caches the catalogue', async () => {
    const response = await call(h.baseUrl, 'POST', `/v1/mcps/${mcpId}/test`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ reachable: true, tools_count: 5 });
    expect(response.body.data.resources_count).toBeGreaterThanOrEqual(1);
    expect(typeof response.body.data.protocol_version).toBe('string');
    const detail = await call(h.baseUrl, 'GET', `/v1/mcps/${mcpId}`, { key: h.ownerKey });
    expect(detail.body.data.health).toBe('healthy');
    expect(detail.body.data.tools.map((t: { name: string }) => t.name)).toContain('get_weather');
  });

  it('invokes a tool: result, content, metadata, and one usage row', async () => {
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcpId, tool: 'get_weather', arguments: { location: 'San Francisco, CA' } },
      headers: { 'x-request-id': 'invoke-1' },
    });
    expect(response.status).toBe(200);
    const data = response.body.data;
    expect(data.is_error).toBe(false);
    expect(data.result).toMatchObject({ location: 'San Francisco, CA' });
    expect(data.structured_content).toEqual(data.result);
    expect(data.content[0].type).toBe('text');
    expect(data.metadata).toMatchObject({ mcp_id: mcpId, tool: 'get_weather', request_id: 'invoke-1' });
    const history = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${mcpId}&status=success`, {
      key: h.ownerKey,
    });
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({ tool: 'get_weather', api_key_id: h.ownerKeyRow.id, mcp_name: 'Demo' });
  });

  it('a tool that reports an error is 200 with is_error and counts as an error', async () => {
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcpId, tool: 'fail', arguments: {} },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.is_error).toBe(true);
    const errors = await call(h.baseUrl, 'GET', `/v1/usage/history?mcp_id=${mcpId}&status=error`, { key: h.ownerKey });
    expect(errors.body.data.map((r: { tool: string }) => r.tool)).toContain('fail');
  });

  it('an unknown tool is 404 tool_not_found with a suggestion', async () => {
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcpId, tool: 'get_wether' },
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'tool_not_found', details: { suggestion: 'get_weather' } });
  });

  it('arguments that break the input schema are 422 invalid_arguments', async () => {
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcpId, tool: 'get_weather', arguments: {} },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid_arguments');
  });

  it('a call slower than its timeout is 504 mcp_timeout', async () => {
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcpId, tool: 'sleep', arguments: { ms: 3_000 }, timeout: 200 },
    });
    expect(response.status).toBe(504);
    expect(response.body.error.code).toBe('mcp_timeout');
  });

  it('an inactive MCP refuses invocations', async () => {
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Off', endpoint_url: demo.url },
    });
    await call(h.baseUrl, 'PATCH', `/v1/mcps/${created.body.data.id}`, {
      key: h.ownerKey,
      body: { status: 'inactive' },
    });
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: created.body.data.id, tool: 'get_weather' },
    });
    expect(response.status).toBe(403);
  });

  it('an upstream nobody listens on is 502 mcp_unreachable and marks the MCP unhealthy', async () => {
    const port = await freeLoopbackPort();
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Gone', endpoint_url: `http://127.0.0.1:${port}/mcp` },
    });
    const id = created.body.data.id as string;
    const tested = await call(h.baseUrl, 'POST', `/v1/mcps/${id}/test`, { key: h.ownerKey });
    expect(tested.status).toBe(502);
    expect(tested.body.error.code).toBe('mcp_unreachable');
    expect((await call(h.baseUrl, 'GET', `/v1/mcps/${id}`, { key: h.ownerKey })).body.data.health).toBe('unhealthy');
    const invoked = await call(h.baseUrl, 'POST', '/mcp', { key: h.ownerKey, body: { mcp_id: id, tool: 'anything' } });
    expect(invoked.status).toBe(502);
  });
});
