/** What plexmcp-admin does to a database: create organisations (with an owner and an owner key) and API keys. */
import type { Clock } from '../clock.js';
import { isApiError } from '../http/errors.js';
import { type IssuedApiKey, issueApiKey } from '../keys/issue-api-key.js';
import { newId } from '../store/ids.js';
import type { McpScope, Plan, Role, Store } from '../store/types.js';

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

export interface CreatedKey {
  api_key: string;
  api_key_id: string;
  prefix: string;
  organization_id: string;
  user_id: string;
  role: Role;
  permissions: { mcps: McpScope };
}

/** What a command works with: the database, the server's key hash and the clock. */
export interface AdminContext {
  store: Store;
  hashApiKey(key: string): string;
  clock: Clock;
}

export async function createOrganizationCommand(
  ctx: AdminContext,
  input: { name: string; plan: Plan; ownerEmail: string },
): Promise<
  { organization_id: string; name: string; slug: string; plan: Plan; owner: { id: string; email: string } } & Omit<
    CreatedKey,
    'organization_id'
  >
> {
  const { store } = ctx;
  const createdAt = ctx.clock().toISOString();
  const slug = await freeSlug(store, input.name);
  const org = await store.createOrganization({
    id: newId('org'),
    name: input.name,
    slug,
    description: null,
    plan: input.plan,
    settings: {},
    createdAt,
  });
  const owner = await store.createMember({
    id: newId('user'),
    orgId: org.id,
    email: input.ownerEmail,
    name: null,
    role: 'owner',
    joinedAt: createdAt,
  });
  const { organization_id: _, ...key } = await createKeyCommand(ctx, {
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
  ctx: AdminContext,
  input: { orgId: string; userId?: string; role?: Role; mcps?: string[]; name?: string },
): Promise<CreatedKey> {
  const { store } = ctx;
  const org = await store.getOrganization(input.orgId);
  if (!org) throw new AdminError(`No organisation ${input.orgId} in this database`);
  const creator = input.userId
    ? await store.getMember(org.id, input.userId)
    : (await store.listMembers(org.id, { role: 'owner' }, { page: 1, perPage: 1 })).items[0];
  if (!creator)
    throw new AdminError(input.userId ? `No member ${input.userId} in ${org.id}` : `${org.id} has no owner`);
  let issued: IssuedApiKey;
  try {
    issued = await issueApiKey(ctx, {
      orgId: org.id,
      userId: creator.id,
      name: input.name ?? 'plexmcp-admin key',
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.mcps === undefined ? {} : { mcps: input.mcps }),
    });
  } catch (error) {
    // The CLI speaks in sentences, not HTTP statuses: the use case's refusal becomes the command's error.
    if (isApiError(error)) throw new AdminError(error.message);
    throw error;
  }
  const { key, row } = issued;
  return {
    api_key: key,
    api_key_id: row.id,
    prefix: row.prefix,
    organization_id: org.id,
    user_id: creator.id,
    role: row.role,
    permissions: { mcps: row.mcpScope },
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
