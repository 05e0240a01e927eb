import type { JsonObject } from '../../contract/index.js';
import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { createApiKey, createMcp, requireCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';
import { rejectInvalidBodies } from '../probes/negative-bodies.js';
import { fillPath, listOperations } from '../probes/operations.js';

/**
 * Invalid bodies for the MCP and API-key writes (McpCreate, McpUpdate, ApiKeyCreate, ApiKeyUpdate) are 4xx in the
 * envelope. Organisation and member writes are left out: a server that wrongly accepted one would rename the
 * organisation or invite someone.
 */
async function invalidWriteBodies(ctx: CheckContext): Promise<void> {
  const m = await createMcp(ctx, 'neg-target');
  const mcp = requireCreated(ctx, 'an MCP server to update', m.reply, m.mcp);
  const k = await createApiKey(ctx, 'neg-target');
  const key = requireCreated(ctx, 'an API key to update', k.reply, k.key);
  const bases: Record<string, [Record<string, string>, JsonObject]> = {
    createMcp: [
      {},
      { name: `${ctx.runPrefix}neg`, endpoint_url: UNREACHABLE_ENDPOINT, description: 'probe', auth_type: 'none' },
    ],
    updateMcp: [{ mcp_id: mcp.id }, { name: `${ctx.runPrefix}neg-updated`, description: 'probe' }],
    createApiKey: [{}, { name: `${ctx.runPrefix}neg`, description: 'probe' }],
    updateApiKey: [{ key_id: key.id }, { name: `${ctx.runPrefix}neg-updated`, description: 'probe' }],
  };
  let sent = 0;
  for (const op of listOperations(ctx.oracle.contract)) {
    const base = bases[op.operationId];
    if (base) sent += await rejectInvalidBodies(ctx, op, fillPath(op.path, base[0]), base[1]);
  }
  ctx.note(`${sent} invalid bodies derived from the request schemas`);
}

export const negWriteBodies: Check = {
  id: 'NEG-002',
  title: 'Invalid MCP and API-key write bodies are rejected with 4xx, never 5xx',
  requirement: cite(
    'openapi.yaml McpCreate, McpUpdate, ApiKeyCreate, ApiKeyUpdate (required fields, types, lengths, formats, additionalProperties false, minProperties); 422 validation_error.',
    section('Errors'),
    pointer('#/components/schemas/McpCreate'),
  ),
  needs: { writes: true },
  run: invalidWriteBodies,
};
