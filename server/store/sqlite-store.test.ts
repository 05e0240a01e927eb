import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { isStoreConflict } from './errors.js';
import { seedOrganization } from './test-store.js';
import type { NewApiKey, NewMcp } from './types.js';

describeEachStore((kind) => {
  let t: OpenedStore;
  beforeEach(async () => {
    t = await kind.open();
    await seedOrganization(t.store, 'org_a');
    await seedOrganization(t.store, 'org_b');
  });
  afterEach(() => t.cleanup());

  const key = (id: string, over: Partial<NewApiKey> = {}): NewApiKey => ({
    id,
    orgId: 'org_a',
    userId: 'user_1',
    name: id,
    description: null,
    prefix: 'pmcp_abcdefg',
    keyHash: `hash-${id}`,
    role: 'member',
    mcpScope: '*',
    expiresAt: null,
    ...over,
  });
  const mcp = (id: string, over: Partial<NewMcp> = {}): NewMcp => ({
    id,
    orgId: 'org_a',
    name: id,
    endpointUrl: 'http://127.0.0.1:1/mcp',
    description: null,
    status: 'active',
    authType: 'none',
    credentialsCiphertext: null,
    ...over,
  });

  describe('organisations and members', () => {
    it('updates an organisation and keeps its settings as JSON', async () => {
      const updated = await t.store.updateOrganization('org_a', { name: 'Renamed', settings: { a: [1] }, plan: 'pro' });
      expect(updated).toMatchObject({ name: 'Renamed', settings: { a: [1] }, plan: 'pro', slug: 'org_a' });
      expect(await t.store.updateOrganization('org_missing', { name: 'x' })).toBeUndefined();
    });

    it('refuses a second member with the same email in any letter case, as a conflict', async () => {
      await t.store.createMember({ id: 'user_1', orgId: 'org_a', email: 'Ann@example.com', name: null, role: 'owner' });
      const error = await t.store
        .createMember({ id: 'user_2', orgId: 'org_a', email: 'ann@EXAMPLE.com', name: null, role: 'member' })
        .catch((e: unknown) => e);
      expect(isStoreConflict(error)).toBe(true);
      expect((await t.store.findMemberByEmail('org_a', 'ANN@example.com'))?.id).toBe('user_1');
      // The same email in another organisation is another member.
      await t.store.createMember({ id: 'user_3', orgId: 'org_b', email: 'ann@example.com', name: null, role: 'owner' });
    });

    it('rejects a member of an organisation that does not exist (foreign keys are on)', async () => {
      await expect(
        t.store.createMember({ id: 'user_x', orgId: 'org_none', email: 'x@example.com', name: null, role: 'member' }),
      ).rejects.toThrow(/FOREIGN KEY/);
    });

    it('removing a member revokes every key they created, and only theirs', async () => {
      await t.store.createMember({ id: 'user_1', orgId: 'org_a', email: 'a@example.com', name: null, role: 'admin' });
      await t.store.createApiKey(key('key_1'));
      await t.store.createApiKey(key('key_2', { userId: 'user_2' }));
      expect(await t.store.removeMember('org_a', 'user_1', '2030-01-01T00:00:00.000Z')).toBe(true);
      expect((await t.store.getApiKey('org_a', 'key_1'))?.revokedAt).toBe('2030-01-01T00:00:00.000Z');
      expect((await t.store.getApiKey('org_a', 'key_2'))?.revokedAt).toBeNull();
      expect(await t.store.getMember('org_a', 'user_1')).toBeUndefined();
      expect(await t.store.removeMember('org_a', 'user_1', '2030-01-01T00:00:00.000Z')).toBe(false);
    });

    it('lists members in join order with a true total, filtered by role', async () => {
      for (const [i, role] of (['owner', 'member', 'member', 'viewer'] as const).entries()) {
        await t.store.createMember({
          id: `user_${i}`,
          orgId: 'org_a',
          email: `u${i}@x.io`,
          name: null,
          role,
          joinedAt: `2026-01-0${4 - i}T00:00:00.000Z`,
        });
      }
      const page = await t.store.listMembers('org_a', {}, { page: 1, perPage: 3 });
      expect(page.total).toBe(4);
      expect(page.items.map((m) => m.id)).toEqual(['user_3', 'user_2', 'user_1']);
      expect((await t.store.listMembers('org_a', { role: 'member' }, { page: 1, perPage: 20 })).total).toBe(2);
      expect(await t.store.countMembers('org_a', { role: 'owner' })).toBe(1);
      expect((await t.store.listMembers('org_a', {}, { page: 9, perPage: 3 })).items).toEqual([]);
    });

    it('finds a pending invite only before it expires', async () => {
      await t.store.createInvite({
        id: 'inv_1',
        orgId: 'org_a',
        email: 'b@x.io',
        name: null,
        role: 'member',
        invitedBy: 'user_1',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-08T00:00:00.000Z',
        tokenHash: 'a1b2',
      });
      expect((await t.store.findPendingInvite('org_a', 'B@x.io', '2026-01-07T00:00:00.000Z'))?.id).toBe('inv_1');
      expect(await t.store.findPendingInvite('org_a', 'b@x.io', '2026-01-08T00:00:00.000Z')).toBeUndefined();
      expect(await t.store.findPendingInvite('org_b', 'b@x.io', '2026-01-07T00:00:00.000Z')).toBeUndefined();
    });
  });

  describe('api keys', () => {
    const now = '2026-06-01T00:00:00.000Z';
    beforeEach(async () => {
      await t.store.createApiKey(key('key_active', { createdAt: '2026-01-01T00:00:00.000Z' }));
      await t.store.createApiKey(key('key_expired', { createdAt: '2026-01-02T00:00:00.000Z', expiresAt: now }));
      await t.store.createApiKey(key('key_revoked', { createdAt: '2026-01-03T00:00:00.000Z', mcpScope: ['mcp_1'] }));
      await t.store.revokeApiKey('org_a', 'key_revoked', '2026-02-01T00:00:00.000Z');
    });

    it('filters by derived status: expired when expires_at <= now, revoked wins over expiry', async () => {
      const ids = async (status: 'active' | 'expired' | 'revoked') =>
        (await t.store.listApiKeys('org_a', { status, now }, { page: 1, perPage: 20 })).items.map((k) => k.id);
      expect(await ids('active')).toEqual(['key_active']);
      expect(await ids('expired')).toEqual(['key_expired']);
      expect(await ids('revoked')).toEqual(['key_revoked']);
      expect(await t.store.countActiveApiKeys('org_a', { now: '2026-05-31T23:59:59.999Z' })).toBe(2);
    });

    it('finds a key by hash across organisations and keeps its scope', async () => {
      expect((await t.store.findApiKeyByHash('hash-key_revoked'))?.mcpScope).toEqual(['mcp_1']);
      expect(await t.store.findApiKeyByHash('nope')).toBeUndefined();
      expect(await t.store.getApiKey('org_b', 'key_active')).toBeUndefined();
    });

    it('keeps the first revocation time and rejects a duplicate hash', async () => {
      const again = await t.store.revokeApiKey('org_a', 'key_revoked', '2027-01-01T00:00:00.000Z');
      expect(again?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
      await expect(t.store.createApiKey(key('key_dup', { keyHash: 'hash-key_active' }))).rejects.toSatisfy(
        isStoreConflict,
      );
    });

    it('updates name and description only, and records last use', async () => {
      const updated = await t.store.updateApiKey('org_a', 'key_active', { description: 'ci' });
      expect(updated).toMatchObject({ name: 'key_active', description: 'ci' });
      await t.store.touchApiKey('key_active', now);
      expect((await t.store.getApiKey('org_a', 'key_active'))?.lastUsed).toBe(now);
      expect(await t.store.updateApiKey('org_b', 'key_active', { name: 'x' })).toBeUndefined();
    });
  });

  describe('mcps', () => {
    it('lists in creation order, filters by status, health and scope, and hides other organisations', async () => {
      await t.store.createMcp(mcp('mcp_2', { createdAt: '2026-01-02T00:00:00.000Z' }));
      await t.store.createMcp(mcp('mcp_1', { createdAt: '2026-01-02T00:00:00.000Z', status: 'inactive' }));
      await t.store.createMcp(mcp('mcp_0', { createdAt: '2026-01-03T00:00:00.000Z' }));
      await t.store.createMcp(mcp('mcp_b', { orgId: 'org_b' }));
      await t.store.setMcpHealth('mcp_0', 'healthy', '2026-01-04T00:00:00.000Z');
      const list = (filter = {}) => t.store.listMcps('org_a', filter, { page: 1, perPage: 20 });
      expect((await list()).items.map((m) => m.id)).toEqual(['mcp_1', 'mcp_2', 'mcp_0']);
      expect((await list({ status: 'active' })).total).toBe(2);
      expect((await list({ health: 'healthy' })).items.map((m) => m.id)).toEqual(['mcp_0']);
      expect((await list({ ids: ['mcp_2', 'mcp_b'] })).items.map((m) => m.id)).toEqual(['mcp_2']);
      expect((await list({ ids: [] })).total).toBe(0);
      expect(await t.store.getMcp('org_a', 'mcp_b')).toBeUndefined();
      expect(await t.store.countMcps('org_a')).toBe(3);
      expect((await t.store.listAllMcps()).length).toBe(4);
    });

    it('stores tools, updates fields and deletes within the organisation only', async () => {
      await t.store.createMcp(mcp('mcp_1', { authType: 'bearer', credentialsCiphertext: 'v1:abc' }));
      await t.store.setMcpTools(
        'mcp_1',
        [{ name: 'echo', input_schema: { type: 'object' } }],
        '2026-01-01T00:00:00.000Z',
      );
      const updated = await t.store.updateMcp('org_a', 'mcp_1', {
        name: 'renamed',
        credentialsCiphertext: null,
        authType: 'none',
      });
      expect(updated).toMatchObject({
        name: 'renamed',
        credentialsCiphertext: null,
        authType: 'none',
        health: 'unknown',
      });
      expect(updated?.tools).toEqual([{ name: 'echo', input_schema: { type: 'object' } }]);
      expect(await t.store.deleteMcp('org_b', 'mcp_1')).toBe(false);
      expect(await t.store.deleteMcp('org_a', 'mcp_1')).toBe(true);
      expect(await t.store.getMcp('org_a', 'mcp_1')).toBeUndefined();
    });
  });

  describe('idempotency and meta', () => {
    it('stores, replaces and expires idempotency records per organisation', async () => {
      const row = {
        orgId: 'org_a',
        key: 'k1',
        requestHash: 'h',
        status: 201,
        body: '{}',
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      await t.store.putIdempotency(row);
      expect(await t.store.getIdempotency('org_a', 'k1')).toEqual(row);
      expect(await t.store.getIdempotency('org_b', 'k1')).toBeUndefined();
      expect(await t.store.deleteIdempotencyBefore('2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await t.store.getIdempotency('org_a', 'k1')).toBeUndefined();
    });

    it('keeps meta values and overwrites them', async () => {
      expect(await t.store.getMeta('x')).toBeUndefined();
      await t.store.setMeta('x', '1');
      await t.store.setMeta('x', '2');
      expect(await t.store.getMeta('x')).toBe('2');
    });
  });
});
