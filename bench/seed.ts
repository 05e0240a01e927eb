/**
 * A realistic database for the HTTP scenarios, written through the public `Store` before any server opens it: one
 * organisation on the team plan with members, several keys, 20 MCPs with tools (a full default page of GET /v1/mcps)
 * and a month of usage. Keys are hashed with a secret the bench passes to the server as API_KEY_HMAC_SECRET.
 */
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../server/auth/api-key.js';
import { systemClock } from '../server/clock.js';
import { issueApiKey } from '../server/keys/issue-api-key.js';
import { newId, openSqliteStore, type Store, type Tool, type UsageRow } from '../server/store/index.js';

export interface SeededDatabase {
  path: string;
  orgId: string;
  /** An owner key of the organisation (full key). */
  ownerKey: string;
  /** The secret the keys were hashed with: give it to the server as API_KEY_HMAC_SECRET. */
  hmacSecret: string;
  /** The key upstream credentials would be encrypted with: give it to the server as PLEXMCP_ENCRYPTION_KEY (the seeded
   * database has data, so the server refuses to generate one). */
  encryptionKey: string;
  mcpIds: string[];
  /** The owner key of a second organisation (what conformance's cross-organisation checks need). */
  otherOrgKey: string;
}

const TOOLS: Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a location',
    input_schema: {
      type: 'object',
      properties: { location: { type: 'string', minLength: 1 } },
      required: ['location'],
    },
  },
  {
    name: 'calculate',
    description: 'Basic arithmetic',
    input_schema: {
      type: 'object',
      properties: {
        operation: { enum: ['add', 'subtract', 'multiply', 'divide'] },
        a: { type: 'number' },
        b: { type: 'number' },
      },
      required: ['operation', 'a', 'b'],
    },
  },
  {
    name: 'echo',
    description: 'Returns its message',
    input_schema: { type: 'object', properties: { message: { type: 'string' } } },
  },
];

/**
 * Seeds `count` usage rows with as few disk syncs as the store allows: every `recordUsage` commits synchronously
 * and then waits for durability, so a batch issued without awaiting in between shares one or two syncs (group commit).
 */
export async function seedUsage(
  store: Store,
  rows: { orgId: string; apiKeyId: string | null; mcpIds: readonly string[] },
  count: number,
): Promise<void> {
  const now = Date.now();
  const batch = 10_000;
  for (let done = 0; done < count; done += batch) {
    const pending: Promise<void>[] = [];
    for (let i = done; i < Math.min(count, done + batch); i += 1) {
      const row: UsageRow = {
        id: newId('use'),
        orgId: rows.orgId,
        apiKeyId: rows.apiKeyId,
        mcpId: rows.mcpIds[i % rows.mcpIds.length] ?? 'mcp_none',
        mcpName: `MCP ${i % rows.mcpIds.length}`,
        tool: TOOLS[i % TOOLS.length]?.name ?? 'echo',
        status: i % 17 === 0 ? 'error' : 'success',
        errorCode: i % 17 === 0 ? 'mcp_timeout' : null,
        latencyMs: 20 + (i % 180),
        // Spread over the last 30 days, oldest first, so by-day summaries have 30 buckets.
        createdAt: new Date(now - 30 * 86_400_000 + Math.floor((i / count) * 30 * 86_400_000)).toISOString(),
      };
      pending.push(store.recordUsage(row));
    }
    await Promise.all(pending);
  }
}

export async function seedDatabase(
  path: string,
  options: { upstreamUrl?: string; usageRows?: number } = {},
): Promise<SeededDatabase> {
  const hmacSecret = randomBytes(32).toString('hex');
  const store = await openSqliteStore({ path });
  try {
    const orgId = newId('org');
    await store.createOrganization({
      id: orgId,
      name: 'Acme Robotics',
      slug: 'acme-robotics',
      description: 'Bench organisation',
      plan: 'team',
      settings: {},
    });
    const ownerId = newId('user');
    await store.createMember({ id: ownerId, orgId, email: 'owner@acme.example', name: 'Olive Owner', role: 'owner' });
    for (let i = 0; i < 8; i += 1) {
      await store.createMember({
        id: newId('user'),
        orgId,
        email: `member${i}@acme.example`,
        name: `Member ${i}`,
        role: i % 3 === 0 ? 'admin' : 'member',
      });
    }
    const mcpIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const id = newId('mcp');
      await store.createMcp({
        id,
        orgId,
        name: `MCP ${i}`,
        // The first MCP is the real upstream of the gateway scenario; the rest are registered but never called.
        endpointUrl: i === 0 && options.upstreamUrl ? options.upstreamUrl : `https://mcp${i}.acme.example/mcp`,
        description: `Upstream number ${i} of the bench organisation`,
        status: 'active',
        authType: 'none',
        credentialsCiphertext: null,
      });
      const at = new Date().toISOString();
      // The real upstream's catalogue is the one it serves, read (and pinned) at its first use: definitions seeded here
      // would be pinned and then differ from the upstream's, and calls would be refused as tool_definition_changed.
      if (!(i === 0 && options.upstreamUrl)) await store.setMcpTools(id, TOOLS, at);
      await store.setMcpHealth(id, 'healthy', at);
      mcpIds.push(id);
    }
    const issue = { store, hashApiKey: (key: string) => hashApiKey(key, hmacSecret), clock: systemClock };
    const { key: ownerKey, row: ownerKeyRow } = await issueApiKey(issue, {
      orgId,
      userId: ownerId,
      name: 'bench owner',
    });
    for (let i = 0; i < 5; i += 1) {
      await issueApiKey(issue, {
        orgId,
        userId: ownerId,
        name: `service ${i}`,
        description: 'A CI key',
        role: 'member',
        mcps: i % 2 ? '*' : mcpIds.slice(0, 3),
      });
    }
    await seedUsage(store, { orgId, apiKeyId: ownerKeyRow.id, mcpIds }, options.usageRows ?? 2_000);
    const otherOrgId = newId('org');
    await store.createOrganization({
      id: otherOrgId,
      name: 'Globex',
      slug: 'globex',
      description: null,
      plan: 'free',
      settings: {},
    });
    const otherOwnerId = newId('user');
    await store.createMember({
      id: otherOwnerId,
      orgId: otherOrgId,
      email: 'owner@globex.example',
      name: 'Gil Owner',
      role: 'owner',
    });
    const other = await issueApiKey(issue, { orgId: otherOrgId, userId: otherOwnerId, name: 'globex owner' });
    return {
      path,
      orgId,
      ownerKey,
      hmacSecret,
      encryptionKey: randomBytes(32).toString('hex'),
      mcpIds,
      otherOrgKey: other.key,
    };
  } finally {
    await store.close();
  }
}
