/**
 * The store stamps rows with the server's clock, never the system time behind its back: a store opened with a fixed
 * clock writes that time into every `created_at` it defaults and every `updated_at` it sets, on both implementations.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';

const FIXED = new Date('2031-03-04T05:06:07.000Z');

describeEachStore((kind) => {
  let t: OpenedStore;
  beforeEach(async () => {
    t = await kind.open({ clock: () => FIXED });
  });
  afterEach(() => t.cleanup());

  it('organisations, members, MCPs and keys created and updated carry the clock’s time', async () => {
    const { store } = t;
    const org = await store.createOrganization({
      id: 'org_c',
      name: 'Clocked',
      slug: 'clocked',
      description: null,
      plan: 'free',
      settings: {},
    });
    expect(org.createdAt).toBe(FIXED.toISOString());
    expect((await store.updateOrganization('org_c', { name: 'Renamed' }))?.updatedAt).toBe(FIXED.toISOString());
    const member = await store.createMember({
      id: 'u',
      orgId: 'org_c',
      email: 'u@example.com',
      name: null,
      role: 'owner',
    });
    expect(member.joinedAt).toBe(FIXED.toISOString());
    const mcp = await store.createMcp({
      id: 'mcp_c',
      orgId: 'org_c',
      name: 'm',
      endpointUrl: 'http://127.0.0.1:1/mcp',
      description: null,
      status: 'active',
      authType: 'none',
      credentialsCiphertext: null,
    });
    expect(mcp.createdAt).toBe(FIXED.toISOString());
    expect((await store.updateMcp('org_c', 'mcp_c', { name: 'n' }))?.updatedAt).toBe(FIXED.toISOString());
    const key = await store.createApiKey({
      id: 'key_c',
      orgId: 'org_c',
      userId: 'u',
      name: 'k',
      description: null,
      prefix: 'pmcp_abcdefg',
      keyHash: 'hash-c',
      role: 'owner',
      mcpScope: '*',
      expiresAt: '2031-03-04T05:06:08.000Z',
    });
    expect(key.createdAt).toBe(FIXED.toISOString());
    expect((await store.updateApiKey('org_c', 'key_c', { name: 'k2' }))?.updatedAt).toBe(FIXED.toISOString());
    // "Active" is judged at the clock's time too: the key expires a second after it, so it still counts.
    const active = await store.listApiKeys('org_c', { status: 'active' }, { page: 1, perPage: 10 });
    expect(active.items.map((row) => row.id)).toEqual(['key_c']);
  });
});
