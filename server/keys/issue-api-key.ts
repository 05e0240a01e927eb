/**
 * The use case behind `createApiKey`: issue an API key to a member. Every entry point calls `issueApiKey`: the route,
 * plexmcp-admin, first-start bootstrap, the bench and demo seeders, and the tests, so the rules below hold for every key
 * that exists.
 *
 * The rules (openapi.yaml, `createApiKey` and "Key management"): the key's role is at most the issuer's (default: the
 * issuer's own); its MCP scope is within the issuer's (default: the issuer's own); every MCP it names exists in the
 * organisation (`422 validation_error` on `permissions.mcps`); `expires_at` lies in the future. Only the HMAC of the key
 * is stored; the key itself is returned this once.
 */
import { displayPrefix, generateApiKey } from '../auth/api-key.js';
import { isWithinScope } from '../auth/mcp-scope.js';
import { lowerRole, roleRank } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { newId } from '../store/ids.js';
import type { ApiKeyRow, McpScope, Role, Store } from '../store/types.js';

export interface IssueApiKeyDeps {
  store: Pick<Store, 'getMember' | 'getMcp' | 'createApiKey'>;
  /** The stored form of a key (HMAC-SHA-256 under the server secret, hex). */
  hashApiKey(key: string): string;
  clock: Clock;
}

/** Who issues the key: an authenticated key acting with its role and scope, or the member itself (CLI, seeders). */
export interface KeyIssuer {
  role: Role;
  scope: McpScope;
}

export interface IssueApiKeyRequest {
  orgId: string;
  /** The member the key belongs to; it never acts above this member's current role. */
  userId: string;
  /** Bounds the key's role and scope; defaults to the member's own role with every MCP. */
  issuer?: KeyIssuer;
  name: string;
  description?: string | null;
  /** Defaults to the issuer's role. */
  role?: Role;
  /** `'*'` or MCP ids; defaults to the issuer's scope. */
  mcps?: McpScope;
  /** ISO 8601, in the future; null or absent for a key that never expires. */
  expiresAt?: string | null;
  /** A key chosen in advance (PLEXMCP_BOOTSTRAP_API_KEY); generated when absent. */
  key?: string;
}

export interface IssuedApiKey {
  /** The full key: shown once, never stored. */
  key: string;
  row: ApiKeyRow;
}

/**
 * @example
 * const { key, row } = await issueApiKey({ store, hashApiKey, clock }, { orgId, userId, name: 'CI key', role: 'member' });
 */
export async function issueApiKey(deps: IssueApiKeyDeps, request: IssueApiKeyRequest): Promise<IssuedApiKey> {
  const { store } = deps;
  const member = await store.getMember(request.orgId, request.userId);
  if (!member) throw new ApiError('not_found', `Member ${request.userId} not found`);
  const issuer: KeyIssuer = request.issuer ?? { role: member.role, scope: '*' };
  const role = request.role ?? issuer.role;
  const bound = lowerRole(issuer.role, member.role);
  if (roleRank(role) > roleRank(bound)) {
    throw new ApiError('forbidden', `A key acting as ${bound} cannot create a key with the ${role} role`);
  }
  const scope = request.mcps ?? issuer.scope;
  if (!isWithinScope(scope, issuer.scope)) {
    throw new ApiError('forbidden', 'A key cannot create a key with wider MCP permissions than its own');
  }
  await requireKnownMcps(store, request.orgId, scope);
  const now = deps.clock();
  const expiresAt = futureInstant(request.expiresAt, now);

  const key = request.key ?? generateApiKey().key;
  const row = await store.createApiKey({
    id: newId('key'),
    orgId: request.orgId,
    userId: member.id,
    name: request.name,
    description: request.description ?? null,
    prefix: displayPrefix(key),
    keyHash: deps.hashApiKey(key),
    role,
    mcpScope: scope,
    expiresAt,
    createdAt: now.toISOString(),
  });
  return { key, row };
}

async function requireKnownMcps(store: IssueApiKeyDeps['store'], orgId: string, scope: McpScope): Promise<void> {
  if (scope === '*') return;
  const unknown: string[] = [];
  for (const id of scope) if (!(await store.getMcp(orgId, id))) unknown.push(id);
  if (unknown.length > 0) {
    throw new ApiError(
      'validation_error',
      `permissions.mcps names MCP servers that do not exist: ${unknown.join(', ')}`,
      {
        'permissions.mcps': `unknown MCP ids: ${unknown.join(', ')}`,
      },
    );
  }
}

function futureInstant(value: string | null | undefined, now: Date): string | null {
  if (value === undefined || value === null) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at) || at <= now.getTime()) {
    throw new ApiError('validation_error', 'expires_at must be in the future', { expires_at: 'must be a future date' });
  }
  return new Date(at).toISOString();
}
