/** Several server instances on one PostgreSQL database: what one instance changes, every other sees at once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

const onPostgres = process.env.PLEXMCP_HARNESS_STORE === 'postgres';

describe.skipIf(!onPostgres)('instances sharing a database', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('a key revoked through one instance is refused by another on its very next request (no cached authentication)', async () => {
    const other = await h.startInstance();
    const { key, row } = await h.addKey(h.owner.id, { name: 'to revoke' });
    expect((await call(other.baseUrl, 'GET', '/v1/mcps', { key })).status).toBe(200);
    const revoked = await call(h.baseUrl, 'DELETE', `/v1/api-keys/${row.id}`, { key: h.ownerKey });
    expect(revoked.status).toBe(200);
    const after = await call(other.baseUrl, 'GET', '/v1/mcps', { key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('revoked_key');
  });

  it('an MCP registered through one instance is listed by another', async () => {
    const other = await h.startInstance();
    const created = await h.addMcp({ name: 'Shared' });
    const listed = await call(other.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey });
    expect(listed.body.data.map((mcp: { id: string }) => mcp.id)).toContain(created.id);
  });
});

if (!onPostgres) {
  describe('instances sharing a database', () => {
    it.skip('run in the postgres test project (several instances need a database they can share)', () => {});
  });
}
