import { isObject, type JsonObject } from '../../contract/index.js';
import { cite, operation, pointer } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { createMcp, registerCreated, requireCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';
import { fillPath, listOperations } from '../probes/operations.js';

/** Adapts a spec example to this run: prefixed names, an unreachable endpoint, future dates, ids that exist. */
function adapt(ctx: CheckContext, operationId: string, example: JsonObject, mcpId: string): JsonObject {
  const body: JsonObject = { ...example };
  if (typeof body.name === 'string') body.name = `${ctx.runPrefix}${body.name}`.slice(0, 100);
  if (typeof body.endpoint_url === 'string') body.endpoint_url = UNREACHABLE_ENDPOINT;
  if (typeof body.expires_at === 'string') body.expires_at = new Date(Date.now() + 30 * 86_400_000).toISOString();
  if (operationId === 'createApiKey' && isObject(body.permissions) && Array.isArray(body.permissions.mcps))
    body.permissions = { mcps: [mcpId] };
  return body;
}

/** The contract's own request examples for the MCP and API-key writes are accepted (201/200) and answered as documented. */
async function specExamples(ctx: CheckContext): Promise<void> {
  const target = await createMcp(ctx, 'pos-target');
  const mcp = requireCreated(ctx, 'an MCP server', target.reply, target.mcp);
  const ops = listOperations(ctx.oracle.contract);
  const created: Record<string, string> = { mcp_id: mcp.id };
  for (const operationId of ['createMcp', 'updateMcp', 'createApiKey', 'updateApiKey']) {
    const op = ops.find((o) => o.operationId === operationId);
    const example = op?.requestBody?.example;
    if (!op || !isObject(example)) {
      ctx.note(`${operationId}: no request example in the contract`);
      continue;
    }
    if (op.path.includes('{key_id}') && !created.key_id) continue;
    const body = adapt(ctx, operationId, example, mcp.id);
    ctx.expect(
      ctx.oracle.validate(op.requestBody!.pointer, body).length === 0,
      `${operationId}: the adapted example is itself invalid`,
      { documented: cite('the request body schema', pointer(op.requestBody!.pointer)) },
    );
    const reply = await ctx.http.send(op.method, fillPath(op.path, created), { json: body });
    if (op.method === 'POST') {
      const id = registerCreated(ctx, operationId === 'createMcp' ? 'mcp' : 'api-key', reply);
      if (id && operationId === 'createApiKey') created.key_id = id;
    }
    const status = op.method === 'POST' ? 201 : 200;
    if (
      !ctx.expectSuccess(
        reply,
        status,
        cite(`${operationId} with the contract's own example: ${status}`, operation(operationId)),
      )
    )
      continue;
    ctx.expectContract(reply);
    const data = dataOf<JsonObject>(reply) ?? {};
    for (const field of ['name', 'description', 'status'] as const) {
      if (body[field] !== undefined)
        ctx.expect(
          data[field] === body[field],
          `${operationId}: sent ${field} ${JSON.stringify(body[field])}, received ${JSON.stringify(data[field])}`,
          { reply, documented: cite('the resource as written', operation(operationId)) },
        );
    }
  }
  ctx.note('organisation and member examples are not sent: they would rename the organisation or invite someone');
}

export const posSpecExamples: Check = {
  id: 'POS-001',
  title: "The contract's own request examples are accepted",
  requirement: cite(
    'openapi.yaml request examples of createMcp, updateMcp, createApiKey, updateApiKey (names prefixed, dates moved into the future) are valid input: 201/200 with the documented body.',
    operation('createMcp'),
    operation('updateMcp'),
    operation('createApiKey'),
    operation('updateApiKey'),
  ),
  needs: { writes: true },
  run: specExamples,
};
