/**
 * U+0000 in request text is 400 invalid_request on every store (PostgreSQL's text cannot hold it; the embedded store
 * could): in names, descriptions, settings, tool names and arguments, object keys, path ids and query filters. Never a
 * 500, and nothing is stored; an escaped backslash followed by the letters u0000 is ordinary text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('U+0000 in request text', () => {
  let h: Harness;
  let mcpId: string;
  beforeAll(async () => {
    h = await startHarness();
    mcpId = (await h.addMcp({ name: 'Existing' })).id;
  });
  afterAll(() => h.close());

  const bodies: [string, string, string, string][] = [
    ['an MCP name', 'POST', '/v1/mcps', '{"name":"a\\u0000b","endpoint_url":"https://x.example.com/mcp"}'],
    ['an MCP description', 'PATCH', '/v1/mcps/{id}', '{"description":"\\u0000"}'],
    ['an organisation setting', 'PATCH', '/v1/organization', '{"settings":{"k":"v\\u0000"}}'],
    ['a settings key', 'PATCH', '/v1/organization', '{"settings":{"k\\u0000":"v"}}'],
    ['a key name', 'POST', '/v1/api-keys', '{"name":"n\\u0000"}'],
    ['an invitation email', 'POST', '/v1/organization/members/invite', '{"email":"a\\u0000@example.com"}'],
    ['a tool name', 'POST', '/mcp', '{"mcp_id":"{id}","tool":"t\\u0000","arguments":{}}'],
    ['a tool argument', 'POST', '/mcp', '{"mcp_id":"{id}","tool":"t","arguments":{"q":"\\u0000"}}'],
    [
      'an escape after an escaped backslash',
      'POST',
      '/v1/mcps',
      '{"name":"a\\\\\\u0000","endpoint_url":"https://x.example.com/mcp"}',
    ],
  ];

  it.each(bodies)('in %s is 400 invalid_request, and nothing changes', async (_what, method, path, body) => {
    const before = await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey });
    const response = await call(h.baseUrl, method, path.replace('{id}', mcpId), {
      key: h.ownerKey,
      body: body.replace('{id}', mcpId),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ success: false, error: { code: 'invalid_request' } });
    expect(response.body.error.details).toEqual({ text: 'must not contain U+0000 (NUL)' });
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey })).body).toEqual(before.body);
  });

  it.each([
    ['a path id', '/v1/mcps/mcp_%00'],
    ['a query filter', '/v1/usage?mcp_id=%00'],
    ['a key id', '/v1/api-keys/key%00x'],
  ])('in %s (%%00) is 400 invalid_request', async (_what, path) => {
    const response = await call(h.baseUrl, 'GET', path, { key: h.ownerKey });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
  });

  it('a backslash followed by the letters u0000 is ordinary text, stored and read back as sent', async () => {
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: '{"name":"back\\\\u0000slash","endpoint_url":"https://y.example.com/mcp"}',
    });
    expect(created.status).toBe(201);
    expect(created.body.data.name).toBe('back\\u0000slash');
    const read = await call(h.baseUrl, 'GET', `/v1/mcps/${created.body.data.id}`, { key: h.ownerKey });
    expect(read.body.data.name).toBe('back\\u0000slash');
  });
});
