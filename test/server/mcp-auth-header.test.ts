/**
 * `auth_header` cannot name a header the gateway's request framing, routing or protocol depends on
 * (#/components/schemas/UpstreamHeaderName): refused on create and update with 422 validation_error, and an MCP stored
 * with such a name before the rule is never called with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { newId } from '../../server/store/ids.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const REFUSED = [
  'Host',
  'host',
  'Transfer-Encoding',
  'transfer-encoding',
  'Connection',
  'Upgrade',
  'Expect',
  'Cookie',
  'Mcp-Session-Id',
  'MCP-PROTOCOL-VERSION',
  'Content-Length',
  'Content-Type',
  'Content-Encoding',
  'Proxy-Authorization',
  'Keep-Alive',
  'TE',
  'Trailer',
  'Last-Event-ID',
  'Accept',
  'X-Forwarded-For',
  'Sec-Fetch-Mode',
  'Via',
  'Origin',
];

describe('auth_header names', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  beforeAll(async () => {
    demo = await startDemoMcpServer({ auth: { type: 'api_key', key: 'upstream-key', header: 'Authorization' } });
    gateway = createGateway({ maxTimeoutMs: 5_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true } });
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
    await demo.close();
  });

  it.each(REFUSED)('registering with auth_header %s is 422 validation_error naming auth_header', async (header) => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'x', endpoint_url: demo.url, auth_type: 'api_key', auth_token: 't', auth_header: header },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_error');
    expect(response.body.error.message).toContain(`auth_header ${header} is refused`);
    expect(response.body.error.details.auth_header).toMatch(/refused names/);
  });

  it.each(REFUSED)('changing auth_header to %s is 422 and keeps the stored credentials', async (header) => {
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'y', endpoint_url: demo.url, auth_type: 'api_key', auth_token: 't', auth_header: 'X-Upstream-Key' },
    });
    expect(created.status).toBe(201);
    const response = await call(h.baseUrl, 'PATCH', `/v1/mcps/${created.body.data.id}`, {
      key: h.ownerKey,
      body: { auth_header: header },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('validation_error');
    const row = await h.store.getMcp(h.org.id, created.body.data.id);
    expect(h.cipher.decrypt(row!.credentialsCiphertext!)).toMatchObject({ header: 'X-Upstream-Key' });
  });

  it('Authorization carries an api_key token as given, and invocations reach the upstream', async () => {
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: {
        name: 'raw',
        endpoint_url: demo.url,
        auth_type: 'api_key',
        auth_token: 'upstream-key',
        auth_header: 'Authorization',
      },
    });
    expect(created.status).toBe(201);
    const invoked = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: created.body.data.id, tool: 'get_weather', arguments: { location: 'Oslo' } },
    });
    expect(invoked.status).toBe(200);
  });

  it('an MCP stored with a refused name before the rule is not called with it: 422 on invoke and test', async () => {
    const mcp = await h.store.createMcp({
      id: newId('mcp'),
      orgId: h.org.id,
      name: 'legacy',
      endpointUrl: demo.url,
      description: null,
      status: 'active',
      authType: 'api_key',
      credentialsCiphertext: h.cipher.encrypt({ token: 'chunked', header: 'Transfer-Encoding' }),
    });
    await h.store.setMcpTools(
      mcp.id,
      [{ name: 'get_weather', description: null, input_schema: { type: 'object' } }],
      new Date().toISOString(),
    );
    const tested = await call(h.baseUrl, 'POST', `/v1/mcps/${mcp.id}/test`, { key: h.ownerKey });
    expect(tested.status).toBe(422);
    expect(tested.body.error.details.auth_header).toMatch(/Transfer-Encoding/);
    const invoked = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: { mcp_id: mcp.id, tool: 'get_weather', arguments: { location: 'Oslo' } },
    });
    expect(invoked.status).toBe(422);
    expect(invoked.body.error.code).toBe('validation_error');
  });
});
