/** Tools: `POST /mcp` (`invokeTool`) turns the request into a `ToolInvocation` for the use case and its result into the envelope. */
import { Router } from 'express';
import type { RouteDeps } from '../app.js';
import { principalOf } from '../auth/principal.js';
import { ok } from '../http/envelope.js';
import { requestIdOf } from '../http/request-id.js';
import { idempotency } from '../idempotency/index.js';
import { createToolInvoker, type ToolInvocation } from '../invoke/invoke-tool.js';

export function toolRoutes(deps: RouteDeps): Router {
  const router = Router();
  const invokeTool = createToolInvoker(deps);

  router.post(
    '/mcp',
    idempotency({ store: deps.store, operation: 'invokeTool', clock: deps.clock }),
    async (req, res) => {
      const result = await invokeTool(principalOf(res), req.body as ToolInvocation, requestIdOf(res));
      res.json(ok(result));
    },
  );

  return router;
}
