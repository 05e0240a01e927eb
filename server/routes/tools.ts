/** Tools: `POST /mcp` (`invokeTool`) turns the request into a `ToolInvocation` for the use case and its result into the envelope. */

import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import type { OperationBindings } from '../http/operations.js';
import { requestIdOf } from '../http/request-id.js';
import { DEFAULT_IDEMPOTENCY_LEASE_MS, idempotency } from '../idempotency/index.js';
import { createToolInvoker } from '../invoke/invoke-tool.js';

export function toolHandlers(deps: RouteDeps): OperationBindings {
  const invokeTool = createToolInvoker(deps);
  return {
    invokeTool: {
      before: [
        idempotency({
          store: deps.store,
          operation: 'invokeTool',
          clock: deps.clock,
          // A reservation must outlive the longest call it covers, or a duplicate could take it over and call again.
          leaseMs: Math.max(DEFAULT_IDEMPOTENCY_LEASE_MS, deps.mcpRequestTimeoutMs + 30_000),
        }),
      ],
      handle: async ({ body, res }) => {
        res.json(ok(await invokeTool(principalOf(res), body, requestIdOf(res))));
      },
    },
  };
}
