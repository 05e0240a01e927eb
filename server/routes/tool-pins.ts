/** Pinned tool definitions: review the changes of an MCP server's tools and approve them (listToolChanges,
 * approveToolDefinition; openapi.yaml "Pinned tool definitions"). */
import { findPermittedMcp } from '../auth/mcp-access.js';
import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import type { OperationBindings } from '../http/operations.js';
import { readPageRequest, sendPage } from '../http/paginate.js';
import { approveToolDefinition } from '../pinning/tool-pins.js';
import { toolChangeView, toolPinView } from './views/tool-pin-view.js';

export function toolPinHandlers(deps: RouteDeps): OperationBindings {
  const { store } = deps;
  return {
    listToolChanges: async ({ params, req, res }) => {
      const row = await findPermittedMcp(store, principalOf(res), params.mcp_id);
      const pageRequest = readPageRequest(req);
      const page = await store.listToolPins(row.orgId, row.id, { changedOnly: true }, pageRequest);
      sendPage(req, res, deps.publicUrl, pageRequest, { items: page.items.map(toolChangeView), total: page.total });
    },

    approveToolDefinition: async ({ body, params, res }) => {
      const principal = principalOf(res);
      const row = await findPermittedMcp(store, principal, params.mcp_id);
      const pin = await approveToolDefinition(store, row, {
        tool: params.tool,
        digest: body.digest,
        approvedBy: principal.userId,
        at: deps.clock().toISOString(),
      });
      res.json(ok(toolPinView(pin)));
    },
  };
}
