/** Tools: `POST /mcp` (`invokeTool`) turns the request into a `ToolInvocation` for the use case and its result into the envelope. */

import { principalOf } from '../auth/principal.js';
import type { RouteDeps } from '../deps.js';
import { ok } from '../http/envelope.js';
import type { OperationBindings } from '../http/operations.js';
import { requestIdOf } from '../http/request-id.js';
import { idempotency } from '../idempotency/index.js';
import { createToolInvoker } from '../invoke/invoke-tool.js';

export function toolHandlers(deps: RouteDeps): OperationBindings {
  const invokeTool = createToolInvoker(deps);
  return {
    invokeTool: {
      before: [idempotency({ store: deps.store, operation: 'invokeTool', clock: deps.clock })],
      handle: async ({ body, res }) => {
        res.json(ok(await invokeTool(principalOf(res), body, requestIdOf(res))));
      },
    },
  };
}
