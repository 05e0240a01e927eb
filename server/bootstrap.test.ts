import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey, looksLikeApiKey } from './auth/api-key.js';
import { type BootstrapOptions, bootstrap } from './bootstrap.js';
import { openTempStore, seedOrganization, type TempStore } from './store/test-store.js';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(() => t.cleanup());

const options = (over: Partial<BootstrapOptions> = {}): BootstrapOptions => ({
  selfHosted: false,
  ownerEmail: 'owner@plexmcp.local',
  bootstrapApiKey: undefined,
  hashApiKey: (key) => hashApiKey(key, 's'.repeat(32)),
  clock: () => new Date('2026-03-01T12:00:00.000Z'),
  ...over,
});

describe('bootstrap', () => {
  it('creates the default organisation, its owner and an owner key on an empty database, once', async () => {
    const result = await bootstrap(t.store, options());
    if (!result.created) throw new Error('expected a bootstrap');
    expect(result.organization).toMatchObject({ name: 'Default Organization', slug: 'default', plan: 'free' });
    expect(result.owner).toMatchObject({ email: 'owner@plexmcp.local', role: 'owner' });
    expect(looksLikeApiKey(result.apiKey)).toBe(true);
    expect(result.apiKeySource).toBe('generated');
    const row = await t.store.findApiKeyByHash(hashApiKey(result.apiKey, 's'.repeat(32)));
    expect(row).toMatchObject({ id: result.apiKeyId, role: 'owner', mcpScope: '*', userId: result.owner.id });
    // The key itself is not in the database.
    expect(
      JSON.stringify(await t.store.listApiKeys(result.organization.id, {}, { page: 1, perPage: 10 })),
    ).not.toContain(result.apiKey);
    expect(await bootstrap(t.store, options())).toEqual({ created: false });
    expect(await t.store.listOrganizations()).toHaveLength(1);
  });

  it('uses PLEXMCP_BOOTSTRAP_API_KEY, the owner email and the enterprise plan when self-hosted', async () => {
    const key = `pmcp_${'Z9'.repeat(21)}`;
    const result = await bootstrap(
      t.store,
      options({ bootstrapApiKey: key, selfHosted: true, ownerEmail: 'ops@example.com' }),
    );
    expect(result).toMatchObject({
      created: true,
      apiKey: key,
      apiKeySource: 'environment',
      organization: { plan: 'enterprise' },
      owner: { email: 'ops@example.com' },
    });
    expect(await t.store.findApiKeyByHash(hashApiKey(key, 's'.repeat(32)))).toBeDefined();
  });

  it('leaves a database that already has organisations alone', async () => {
    await seedOrganization(t.store, 'org_existing');
    expect(await bootstrap(t.store, options())).toEqual({ created: false });
    expect(await t.store.listOrganizations()).toHaveLength(1);
  });

  it('finishes a bootstrap that was interrupted after the organisation was created', async () => {
    await t.store.setMeta('bootstrap.organization_id', 'org_half');
    await t.store.createOrganization({
      id: 'org_half',
      name: 'Default Organization',
      slug: 'default',
      description: null,
      plan: 'free',
      settings: {},
    });
    const result = await bootstrap(t.store, options());
    expect(result).toMatchObject({ created: true, organization: { id: 'org_half' } });
    expect(await t.store.countActiveApiKeys('org_half', { now: new Date().toISOString() })).toBe(1);
  });
});
