/** The authentication and authorisation matrix, over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

describe('authentication', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const expect401 = (response: { status: number; body: any; headers: Headers }, code: string) => {
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ success: false, error: { code } });
    expect(response.headers.get('www-authenticate')).toMatch(/ApiKey/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  };

  it('no key is 401 unauthorized with WWW-Authenticate', async () => {
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps'), 'unauthorized');
  });

  it('accepts ApiKey, Bearer (any case) and X-API-Key', async () => {
    const forms: Record<string, string>[] = [
      { authorization: `ApiKey ${h.ownerKey}` },
      { authorization: `apikey ${h.ownerKey}` },
      { authorization: `Bearer ${h.ownerKey}` },
      { authorization: `bEaReR ${h.ownerKey}` },
      { 'x-api-key': h.ownerKey },
    ];
    for (const headers of forms) {
      const response = await call(h.baseUrl, 'GET', '/v1/organization', { headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('a wrong scheme is 401 unauthorized', async () => {
    expect401(
      await call(h.baseUrl, 'GET', '/v1/mcps', { headers: { authorization: `Basic ${h.ownerKey}` } }),
      'unauthorized',
    );
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps', { headers: { authorization: h.ownerKey } }), 'unauthorized');
  });

  it('an unknown key is 401 unauthorized', async () => {
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps', { key: `pmcp_${'A'.repeat(43)}` }), 'unauthorized');
  });

  it('a revoked key gets 401 revoked_key', async () => {
    const { key, row } = await h.addKey(h.owner.id);
    await h.store.revokeApiKey(h.org.id, row.id, new Date().toISOString());
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps', { key }), 'revoked_key');
  });

  it('an expired key gets 401 expired_key', async () => {
    const { key } = await h.addKey(h.owner.id, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps', { key }), 'expired_key');
  });

  it('a key whose creator was removed is 401 unauthorized', async () => {
    const { member, key } = await h.addMember('admin');
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key })).status).toBe(200);
    await h.store.removeMember(h.org.id, member.id, new Date().toISOString());
    const response = await call(h.baseUrl, 'GET', '/v1/mcps', { key });
    expect(response.status).toBe(401);
  });

  it('authentication runs before validation: a bad request without a key is 401, not 400', async () => {
    expect401(await call(h.baseUrl, 'GET', '/v1/mcps?per_page=1000'), 'unauthorized');
    expect401(await call(h.baseUrl, 'POST', '/v1/mcps', { body: { nonsense: true } }), 'unauthorized');
  });

  it('using a key records last_used and the member last_active', async () => {
    const { member, key, keyRow } = await h.addMember('member');
    expect(keyRow.lastUsed).toBeNull();
    await call(h.baseUrl, 'GET', '/v1/organization', { key });
    expect((await h.store.getApiKey(h.org.id, keyRow.id))?.lastUsed).not.toBeNull();
    expect((await h.store.getMember(h.org.id, member.id))?.lastActive).not.toBeNull();
  });
});

describe('authorisation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a viewer reads but cannot write', async () => {
    const { key } = await h.addMember('viewer');
    expect((await call(h.baseUrl, 'GET', '/v1/mcps', { key })).status).toBe(200);
    expect((await call(h.baseUrl, 'GET', '/v1/organization', { key })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/v1/mcps', { name: 'x', endpoint_url: 'https://x.example.com/mcp' }],
      ['PATCH', '/v1/organization', { name: 'Renamed' }],
      ['POST', '/v1/api-keys', { name: 'mine' }],
      ['POST', '/v1/organization/members/invite', { email: 'new@example.com' }],
      ['POST', '/mcp', { mcp_id: 'mcp_x', tool: 't' }],
    ] as const) {
      const response = await call(h.baseUrl, method, path, { key, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
  });

  it('a member cannot manage MCPs, the organisation or members', async () => {
    const { key } = await h.addMember('member');
    const mcp = await h.addMcp();
    for (const [method, path, body] of [
      ['POST', '/v1/mcps', { name: 'x', endpoint_url: 'https://x.example.com/mcp' }],
      ['DELETE', `/v1/mcps/${mcp.id}`, undefined],
      ['PATCH', '/v1/organization', { name: 'Renamed' }],
      ['POST', '/v1/organization/members/invite', { email: 'new@example.com' }],
    ] as const) {
      const response = await call(h.baseUrl, method, path, { key, body });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });

  it('a key acts with the lower of its role and its creator current role', async () => {
    const { member, key } = await h.addMember('admin');
    const body = { name: 'Allowed', endpoint_url: 'https://allowed.example.com/mcp' };
    expect((await call(h.baseUrl, 'POST', '/v1/mcps', { key, body })).status).toBe(201);
    await h.store.updateMemberRole(h.org.id, member.id, 'member', new Date().toISOString());
    expect((await call(h.baseUrl, 'POST', '/v1/mcps', { key, body })).status).toBe(403);
    // A viewer-role key of an owner is still a viewer.
    const { key: viewerKey } = await h.addKey(h.owner.id, { role: 'viewer' });
    expect((await call(h.baseUrl, 'POST', '/v1/mcps', { key: viewerKey, body })).status).toBe(403);
  });

  it('a key scoped to some MCPs sees only those and gets 403 mcp_not_permitted on the others', async () => {
    const allowed = await h.addMcp({ name: 'Allowed' });
    const other = await h.addMcp({ name: 'Other' });
    const { key } = await h.addKey(h.owner.id, { scope: [allowed.id] });
    const list = await call(h.baseUrl, 'GET', '/v1/mcps?per_page=100', { key });
    expect(list.body.data.map((mcp: { id: string }) => mcp.id)).toEqual([allowed.id]);
    expect(list.body.pagination.total).toBe(1);
    expect((await call(h.baseUrl, 'GET', `/v1/mcps/${allowed.id}`, { key })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `/v1/mcps/${other.id}`, undefined],
      ['PATCH', `/v1/mcps/${other.id}`, { name: 'Mine now' }],
      ['DELETE', `/v1/mcps/${other.id}`, undefined],
      ['POST', `/v1/mcps/${other.id}/test`, undefined],
      ['POST', '/mcp', { mcp_id: other.id, tool: 'anything' }],
    ] as const) {
      const response = await call(h.baseUrl, method, path, { key, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.error.code).toBe('mcp_not_permitted');
    }
  });

  it('a key cannot create a key with a higher role or a wider scope', async () => {
    const mcp = await h.addMcp();
    const { key: adminKey } = await h.addMember('admin');
    const higher = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: adminKey,
      body: { name: 'up', role: 'owner' },
    });
    expect(higher.status).toBe(403);
    expect(higher.body.error.code).toBe('forbidden');
    const { key: scopedKey } = await h.addKey(h.owner.id, { scope: [mcp.id] });
    for (const permissions of [{ mcps: '*' }, { mcps: [mcp.id, 'mcp_other'] }]) {
      const wider = await call(h.baseUrl, 'POST', '/v1/api-keys', {
        key: scopedKey,
        body: { name: 'wide', permissions },
      });
      expect(wider.status, JSON.stringify(permissions)).toBe(403);
    }
    const narrower = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: scopedKey, body: { name: 'same' } });
    expect(narrower.status).toBe(201);
    expect(narrower.body.data.permissions).toEqual({ mcps: [mcp.id] });
    const lower = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: adminKey,
      body: { name: 'down', role: 'viewer' },
    });
    expect(lower.status).toBe(201);
    expect(lower.body.data.role).toBe('viewer');
  });

  it("another organisation's resources are 404, never 403 or 200", async () => {
    const other = await h.addOrganization();
    const theirMcp = await h.addMcp({ orgId: other.org.id });
    const theirMember = other.owner;
    for (const [method, path, body] of [
      ['GET', `/v1/mcps/${theirMcp.id}`, undefined],
      ['PATCH', `/v1/mcps/${theirMcp.id}`, { name: 'stolen' }],
      ['DELETE', `/v1/mcps/${theirMcp.id}`, undefined],
      ['POST', `/v1/mcps/${theirMcp.id}/test`, undefined],
      ['POST', '/mcp', { mcp_id: theirMcp.id, tool: 'x' }],
      ['GET', `/v1/api-keys/${other.ownerKeyRow.id}`, undefined],
      ['PATCH', `/v1/api-keys/${other.ownerKeyRow.id}`, { name: 'stolen' }],
      ['DELETE', `/v1/api-keys/${other.ownerKeyRow.id}`, undefined],
      ['GET', `/v1/api-keys/${other.ownerKeyRow.id}/usage`, undefined],
      ['PATCH', `/v1/organization/members/${theirMember.id}`, { role: 'viewer' }],
      ['DELETE', `/v1/organization/members/${theirMember.id}`, undefined],
    ] as const) {
      const response = await call(h.baseUrl, method, path, { key: h.ownerKey, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    // Their key still works and their data is untouched.
    expect((await call(h.baseUrl, 'GET', `/v1/mcps/${theirMcp.id}`, { key: other.ownerKey })).body.data.name).toBe(
      'Weather API',
    );
  });
});
