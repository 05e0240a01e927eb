/** MCPs: register, list, inspect, update, test and remove upstream MCP servers (listMcps, createMcp, getMcp,
 * updateMcp, deleteMcp, testMcp). */
import type { components } from '../../generated/schema.js';
import { findPermittedMcp } from '../auth/mcp-access.js';
import { scopeFilter } from '../auth/mcp-scope.js';
import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { decryptCredentials, upstreamTarget } from '../gateway/upstream-target.js';
import { ok } from '../http/envelope.js';
import { ApiError } from '../http/errors.js';
import type { OperationBindings } from '../http/operations.js';
import { readPageRequest, sendPage } from '../http/paginate.js';
import { idempotency } from '../idempotency/index.js';
import { endpointUrlProblem } from '../policy/endpoint-url.js';
import { credentialsFor, fieldsOf, touchesCredentials } from '../policy/mcp-credentials.js';
import { newId } from '../store/ids.js';
import type { McpRow } from '../store/types.js';
import { mcpDetailView, mcpView } from './views/mcp-view.js';

export function mcpHandlers(deps: RouteDeps): OperationBindings {
  const { store, cipher } = deps;
  const checkEndpoint = (url: string): void => {
    const problem = endpointUrlProblem(url, { allowPrivate: deps.selfHosted || deps.allowPrivateMcpUrls });
    if (problem) throw new ApiError('validation_error', `endpoint_url ${problem}`, { endpoint_url: problem });
  };

  return {
    listMcps: async ({ query, req, res }) => {
      const principal = principalOf(res);
      const pageRequest = readPageRequest(req);
      const page = await store.listMcpSummaries(
        principal.orgId,
        {
          ...(query.status && query.status !== 'all' ? { status: query.status } : {}),
          ...(query.health ? { health: query.health } : {}),
          ...(principal.scope !== '*' ? { ids: scopeFilter(principal.scope) } : {}),
        },
        pageRequest,
      );
      const items = page.items.map(mcpView);
      sendPage(req, res, deps.publicUrl, pageRequest, { items, total: page.total });
    },

    createMcp: {
      before: [idempotency({ store, operation: 'createMcp', clock: deps.clock })],
      handle: async ({ body, res }) => {
        const principal = principalOf(res);
        checkEndpoint(body.endpoint_url);
        const authType = body.auth_type ?? 'none';
        const credentials = credentialsFor(authType, body);
        const row = await store.createMcp({
          id: newId('mcp'),
          orgId: principal.orgId,
          name: body.name,
          endpointUrl: body.endpoint_url,
          description: body.description ?? null,
          status: 'active',
          authType,
          credentialsCiphertext: credentials ? cipher.encrypt({ ...credentials }) : null,
          createdAt: deps.clock().toISOString(),
        });
        res.status(201).setHeader('Location', `/v1/mcps/${row.id}`);
        res.json(ok(mcpView(row)));
      },
    },

    getMcp: async ({ params, res }) => {
      const row = await findPermittedMcp(store, principalOf(res), params.mcp_id);
      res.json(ok(await mcpDetailView(store, row, deps.clock())));
    },

    updateMcp: async ({ body, params, res }) => {
      const principal = principalOf(res);
      const row = await findPermittedMcp(store, principal, params.mcp_id);
      const patch: Parameters<typeof store.updateMcp>[2] = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.description !== undefined) patch.description = body.description;
      if (body.status !== undefined) patch.status = body.status;
      if (body.endpoint_url !== undefined) {
        checkEndpoint(body.endpoint_url);
        patch.endpointUrl = body.endpoint_url;
      }
      if (touchesCredentials(body)) {
        const authType = body.auth_type ?? row.authType;
        // Same auth type: a field not given keeps its stored value. Another auth type starts from nothing.
        const kept = authType === row.authType ? fieldsOf(decryptCredentials(cipher, row)) : {};
        const credentials = credentialsFor(authType, { ...kept, ...body });
        patch.authType = authType;
        patch.credentialsCiphertext = credentials ? cipher.encrypt({ ...credentials }) : null;
      }
      const updated = (await store.updateMcp(principal.orgId, row.id, patch)) ?? notFound(row.id);
      if (patch.endpointUrl !== undefined || patch.credentialsCiphertext !== undefined)
        await deps.gateway?.evict(row.id);
      res.json(ok(mcpView(updated)));
    },

    deleteMcp: async ({ params, res }) => {
      const principal = principalOf(res);
      const row = await findPermittedMcp(store, principal, params.mcp_id);
      if (!(await store.deleteMcp(principal.orgId, row.id))) notFound(row.id);
      await deps.gateway?.evict(row.id);
      res.json(ok({ deleted: true as const, mcp_id: row.id }));
    },

    testMcp: async ({ params, res }) => {
      const row = await findPermittedMcp(store, principalOf(res), params.mcp_id);
      res.json(ok(await probe(deps, row)));
    },
  };
}

function notFound(mcpId: string): never {
  throw new ApiError('not_found', `MCP ${mcpId} not found`);
}

async function probe(deps: RouteDeps, row: McpRow): Promise<components['schemas']['McpTestResult']> {
  if (!deps.gateway) throw new ApiError('mcp_unreachable', 'No gateway to MCP servers is configured on this server');
  const at = () => deps.clock().toISOString();
  try {
    const result = await deps.gateway.probe(upstreamTarget(deps.cipher, row), { timeoutMs: deps.mcpRequestTimeoutMs });
    await deps.store.setMcpTools(row.id, result.tools, at());
    await deps.store.setMcpHealth(row.id, 'healthy', at());
    return {
      reachable: result.reachable,
      latency_ms: result.latencyMs,
      protocol_version: result.protocolVersion,
      tools_count: result.tools.length,
      resources_count: result.resourcesCount,
      server_info: result.serverInfo,
    };
  } catch (err) {
    await deps.store.setMcpHealth(row.id, 'unhealthy', at());
    throw err;
  }
}
