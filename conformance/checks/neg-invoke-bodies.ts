import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { rejectInvalidBodies } from '../probes/negative-bodies.js';
import { listOperations } from '../probes/operations.js';

/** Bodies of POST /mcp that break InvokeRequest (missing fields, wrong types, too long, unknown properties, out of range) are 4xx in the envelope. */
async function invalidInvokeBodies(ctx: CheckContext): Promise<void> {
  const op = listOperations(ctx.oracle.contract).find((o) => o.operationId === 'invokeTool');
  if (!op) ctx.skip('the contract has no invokeTool operation');
  // An MCP id that does not exist: a server that wrongly accepts a probe can only answer 404, never reach an upstream.
  const valid = { mcp_id: `${ctx.runPrefix}none`, tool: 'echo', arguments: {}, timeout: 1000, context: {} };
  const sent = await rejectInvalidBodies(ctx, op, '/mcp', valid);
  ctx.note(`${sent} invalid bodies derived from InvokeRequest`);
}

export const negInvokeBodies: Check = {
  id: 'NEG-001',
  title: 'Invalid POST /mcp bodies are rejected with 4xx, never 5xx',
  requirement: cite(
    'openapi.yaml InvokeRequest (required mcp_id/tool, lengths, timeout 1..600000, additionalProperties false); validation_error 422 / invalid_request 400 in the envelope.',
    section('Errors'),
    pointer('#/components/schemas/InvokeRequest'),
  ),
  run: invalidInvokeBodies,
};
