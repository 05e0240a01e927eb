/** What plexmcp-admin does to a database: create organisations (with an owner and an owner key) and API keys. */
import { displayPrefix, generateApiKey } from '../auth/api-key.js';
import { newId } from '../store/ids.js';
import type { McpScope, Plan, Role, Store } from '../store/types.js';

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export interface CreatedKey {
  api_key: string;
  api_key_id: string;
  prefix: string;
  organization_id: string;
  user_id: string;
  role: Role;
  permissions: { mcps: McpScope };
}

export async function createOrganizationCommand(
  store: Store,
  hash: (key: string) => string,
  input: { name: string; plan: Plan; ownerEmail: string },
): Promise<
  { organization_id: string; name: string; slug: string; plan: Plan; owner: { id: string; email: string } } & Omit<
    CreatedKey,
    'organization_id'
  >
> {
  const slug = await freeSlug(store, input.name);
  const org = await store.createOrganization({
    id: newId('org'),
    name: input.name,
    slug,
    description: null,
    plan: input.plan,
    settings: {},
  });
  const owner = await store.createMember({
    id: newId('user'),
    orgId: org.id,
    email: input.ownerEmail,
    name: null,
    role: 'owner',
  });
  const { organization_id: _, ...key } = await createKeyCommand(store, hash, {
    orgId: org.id,
    userId: owner.id,
    name: 'Owner key (plexmcp-admin)',
  });
  return {
    organization_id: org.id,
    name: org.name,
    slug: org.slug,
    plan: org.plan,
    owner: { id: owner.id, email: owner.email },
    ...key,
  };
}

export async function createKeyCommand(
  store: Store,
  hash: (key: string) => string,
  input: { orgId: string; userId?: string; role?: Role; mcps?: string[]; name?: string },
): Promise<CreatedKey> {
  const org = await store.getOrganization(input.orgId);
  if (!org) throw new AdminError(`No organisation ${input.orgId} in this database`);
  const creator = input.userId
    ? await store.getMember(org.id, input.userId)
    : (await store.listMembers(org.id, { role: 'owner' }, { page: 1, perPage: 1 })).items[0];
  if (!creator)
    throw new AdminError(input.userId ? `No member ${input.userId} in ${org.id}` : `${org.id} has no owner`);
  const role = input.role ?? creator.role;
  // A key acts with its creator's role and can never exceed it.
  if (ROLE_RANK[role] > ROLE_RANK[creator.role]) {
    throw new AdminError(`A key of ${creator.email} (${creator.role}) cannot have the role ${role}`);
  }
  let scope: McpScope = '*';
  if (input.mcps !== undefined) {
    const unknown: string[] = [];
    for (const id of input.mcps) if (!(await store.getMcp(org.id, id))) unknown.push(id);
    if (unknown.length > 0) throw new AdminError(`No MCP server ${unknown.join(', ')} in ${org.id}`);
    scope = input.mcps;
  }
  const { key, prefix } = generateApiKey();
  const row = await store.createApiKey({
    id: newId('key'),
    orgId: org.id,
    userId: creator.id,
    name: input.name ?? 'plexmcp-admin key',
    description: null,
    prefix: displayPrefix(key),
    keyHash: hash(key),
    role,
    mcpScope: scope,
    expiresAt: null,
  });
  return {
    api_key: key,
    api_key_id: row.id,
    prefix,
    organization_id: org.id,
    user_id: creator.id,
    role,
    permissions: { mcps: scope },
  };
}

async function freeSlug(store: Store, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'org';
  const taken = new Set((await store.listOrganizations()).map((org) => org.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
