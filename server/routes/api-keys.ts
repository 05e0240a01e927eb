/**
 * API keys: list, create (the full key is returned this once), inspect, rename, revoke, and per-key usage. Which keys a
 * caller sees and manages is one rule (server/keys/key-access.ts, openapi.yaml "Key management"); issuing and revoking
 * are use cases of their own (server/keys/).
 */
import { permitsMcp, scopeFilter } from '../auth/mcp-scope.js';
import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency, sealUnderCallerKey } from '../idempotency/index.js';
import { issueApiKey } from '../keys/issue-api-key.js';
import { findManageableKey, manageableKeysFilter } from '../keys/key-access.js';
import { revokeApiKey } from '../keys/revoke-api-key.js';
import { usageRange } from '../policy/usage-range.js';
import type { ApiKeyRow } from '../store/types.js';
import { apiKeyView, apiKeyViews } from './views/api-key-view.js';
import { apiKeyUsageView } from './views/usage-view.js';

export function apiKeyHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;

  return {
    listApiKeys: async ({ query, req, res }) => {
      const principal = principalOf(res);
      const now = deps.clock();
      const { status } = query;
      const pageRequest = readPageRequest(req);
      const page = await store.listApiKeys(
        principal.orgId,
        {
          ...(status ? { status } : {}),
          ...manageableKeysFilter(principal),
          now: now.toISOString(),
        },
        pageRequest,
      );
      const items = await apiKeyViews(store, principal.orgId, page.items, now);
      sendPage(req, res, deps.publicUrl, pageRequest, { items, total: page.total });
    },

    createApiKey: {
      before: [
        idempotency({ store: deps.store, operation: 'createApiKey', clock: deps.clock, seal: sealUnderCallerKey }),
      ],
      handle: async ({ body, res }) => {
        const principal = principalOf(res);
        const { key, row } = await issueApiKey(deps, {
          orgId: principal.orgId,
          userId: principal.userId,
          issuer: { role: principal.role, scope: principal.scope },
          name: body.name,
          description: body.description ?? null,
          ...(body.role === undefined ? {} : { role: body.role }),
          ...(body.permissions?.mcps === undefined ? {} : { mcps: body.permissions.mcps }),
          expiresAt: body.expires_at ?? null,
        });
        const view = await apiKeyView(store, row, deps.clock());
        res.status(201).setHeader('Location', `/v1/api-keys/${row.id}`);
        res.json(ok({ ...view, key }));
      },
    },

    getApiKey: async ({ params, res }) => {
      const principal = principalOf(res);
      const row = await findManageableKey(store, principal, params.key_id);
      const now = deps.clock();
      const [view, recent] = await Promise.all([
        apiKeyView(store, row, now),
        store.recentUsage(principal.orgId, row.id, 20),
      ]);
      const recentActivity = recent
        .filter((use) => permitsMcp(principal.scope, use.mcpId))
        .map((use) => ({ timestamp: use.createdAt, mcp_id: use.mcpId, tool: use.tool, status: use.status }));
      res.json(ok({ ...view, recent_activity: recentActivity }));
    },

    updateApiKey: async ({ body, params, res }) => {
      const principal = principalOf(res);
      const row = await findManageableKey(store, principal, params.key_id);
      const patch: Partial<Pick<ApiKeyRow, 'name' | 'description'>> = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.description !== undefined) patch.description = body.description;
      const updated = await store.updateApiKey(principal.orgId, row.id, patch);
      if (!updated) throw new ApiError('not_found', `API key ${row.id} not found`);
      res.json(ok(await apiKeyView(store, updated, deps.clock())));
    },

    revokeApiKey: async ({ params, res }) => {
      res.json(ok(await revokeApiKey(deps, principalOf(res), params.key_id)));
    },

    getApiKeyUsage: async ({ params, query, res }) => {
      const principal = principalOf(res);
      const row = await findManageableKey(store, principal, params.key_id);
      const range = usageRange(query, deps.clock());
      const mcpIds = scopeFilter(principal.scope);
      const aggregate = await store.summarizeUsage(principal.orgId, {
        apiKeyId: row.id,
        from: range.from,
        to: range.to,
        ...(mcpIds ? { mcpIds } : {}),
      });
      res.json(ok(apiKeyUsageView(row.id, aggregate, range)));
    },
  };
}
