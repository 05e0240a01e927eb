/**
 * Pinned tool definitions in the store the server runs on (sql.js here, PostgreSQL in the `postgres` project): pins
 * survive a restart, and definitions observed at the same moment never pin two different definitions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toolDefinition } from '../../server/pinning/tool-definition.js';
import { newId } from '../../server/store/ids.js';
import type { Store, Tool } from '../../server/store/types.js';
import { harnessStoreKind, type OpenedStore } from '../support/stores.js';

const tool = (description: string): Tool => ({ name: 'lookup', description, input_schema: { type: 'object' } });

async function seedMcp(store: Store): Promise<{ orgId: string; mcpId: string }> {
  const orgId = newId('org');
  await store.createOrganization({
    id: orgId,
    name: 'Pins',
    slug: orgId.toLowerCase(),
    description: null,
    plan: 'pro',
    settings: {},
  });
  const mcp = await store.createMcp({
    id: newId('mcp'),
    orgId,
    name: 'Pinned',
    endpointUrl: 'https://pinned.example.com/mcp',
    description: null,
    status: 'active',
    authType: 'none',
    credentialsCiphertext: null,
  });
  return { orgId, mcpId: mcp.id };
}

describe(`pinned tool definitions in the ${harnessStoreKind().name} store`, () => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });

  it('a restarted server keeps pins and the change awaiting approval, and approves it', async () => {
    opened = await harnessStoreKind().open();
    const { orgId, mcpId } = await seedMcp(opened.store);
    await opened.store.setMcpTools(mcpId, [tool('Looks things up')], '2026-01-01T00:00:00.000Z');
    await opened.store.setMcpTools(mcpId, [tool('Looks things up, then mails them away')], '2026-01-02T00:00:00.000Z');
    const store = await opened.reopen();
    const [pin] = (await store.listToolPins(orgId, mcpId, { changedOnly: true })).items;
    expect(pin).toMatchObject({
      tool: 'lookup',
      pinnedHash: toolDefinition(tool('Looks things up')).hash,
      changedHash: toolDefinition(tool('Looks things up, then mails them away')).hash,
      changedAt: '2026-01-02T00:00:00.000Z',
    });
    const outcome = await store.approveToolDefinition(
      orgId,
      mcpId,
      'lookup',
      pin!.changedHash!,
      'user_1',
      '2026-01-03T00:00:00.000Z',
    );
    expect(outcome).toMatchObject({ approved: true, pin: { changedHash: null, approvedBy: 'user_1' } });
    const again = await opened.reopen();
    expect((await again.listToolPins(orgId, mcpId, {})).items[0]?.pinnedHash).toBe(pin!.changedHash);
  });

  it('definitions of one unpinned tool observed at once pin exactly one; every other is its change', async () => {
    opened = await harnessStoreKind().open();
    const { orgId, mcpId } = await seedMcp(opened.store);
    const definitions = ['a', 'b', 'c', 'd'].map((text) => toolDefinition(tool(text)));
    const at = '2026-01-01T00:00:00.000Z';
    const results = await Promise.all(definitions.map((d) => opened!.store.observeToolDefinitions(mcpId, [d], at)));
    const pinnedHashes = new Set(results.map(([pin]) => pin?.pinnedHash));
    expect(pinnedHashes.size).toBe(1);
    const [pin] = (await opened.store.listToolPins(orgId, mcpId, {})).items;
    expect(pin?.changedHash).not.toBeNull();
    expect(pin?.changedHash).not.toBe(pin?.pinnedHash);
    // Every caller whose definition was not the one pinned was answered with a change awaiting approval.
    results.forEach(([observed], index) => {
      if (definitions[index]!.hash !== pin?.pinnedHash) expect(observed?.changedHash).not.toBeNull();
    });
  });

  it('an MCP deleted meanwhile gets no pins', async () => {
    opened = await harnessStoreKind().open();
    const { orgId, mcpId } = await seedMcp(opened.store);
    await opened.store.deleteMcp(orgId, mcpId);
    expect(
      await opened.store.observeToolDefinitions(mcpId, [toolDefinition(tool('x'))], '2026-01-01T00:00:00.000Z'),
    ).toEqual([]);
  });
});
