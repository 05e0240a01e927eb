import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { registerCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';

/**
 * MCP create → get → list → update → delete → 404, through the typed client (client/), each answer held to the
 * contract. A deployment that passes this works with the client users import.
 */
async function mcpLifecycle(ctx: CheckContext): Promise<void> {
  const name = `${ctx.runPrefix}life`;
  const created = await ctx.client.POST('/v1/mcps', {
    body: {
      name,
      endpoint_url: UNREACHABLE_ENDPOINT,
      description: 'Created by the conformance suite; safe to delete.',
      auth_type: 'none',
    },
  });
  const createdReply = ctx.replyOf(created);
  registerCreated(ctx, 'mcp', createdReply);
  if (!created.data) {
    if (createdReply.status === 403 || createdReply.status === 429)
      ctx.skip(`could not create an MCP server: ${createdReply.status} ${createdReply.text.slice(0, 160)}`);
    ctx.fail(`POST /v1/mcps answered ${createdReply.status}`, {
      reply: createdReply,
      documented: '201 with the MCP (openapi.yaml createMcp)',
    });
    return;
  }
  const mcp = created.data.data;
  ctx.expectSuccess(createdReply, 201, 'POST /v1/mcps: 201 with the MCP');
  ctx.expectContract(createdReply);
  ctx.expect(mcp.name === name, `created name is ${mcp.name}`, { reply: createdReply, documented: 'the name as sent' });
  const location = createdReply.headers.location;
  if (location)
    ctx.expect(location.endsWith(`/v1/mcps/${mcp.id}`), `Location is ${location}`, {
      reply: createdReply,
      documented: 'Location: the URL of the created resource',
    });
  const params = { params: { path: { mcp_id: mcp.id } } };

  const got = ctx.replyOf(await ctx.client.GET('/v1/mcps/{mcp_id}', params));
  if (ctx.expectSuccess(got, 200, 'GET /v1/mcps/{mcp_id}: 200 McpDetail')) {
    ctx.expectContract(got);
    ctx.expect(dataOf<{ id?: string }>(got)?.id === mcp.id, 'GET returned another MCP', {
      reply: got,
      documented: 'the MCP asked for',
    });
  }
  const list = ctx.replyOf(await ctx.client.GET('/v1/mcps', { params: { query: { per_page: 100, status: 'all' } } }));
  if (ctx.expectSuccess(list, 200, 'GET /v1/mcps: 200', true)) {
    const ids = (dataOf<{ id?: string }[]>(list) ?? []).map((m) => m.id);
    const total = (list.json as { pagination?: { total?: number } }).pagination?.total ?? 0;
    if (total <= 100)
      ctx.expect(ids.includes(mcp.id), `the new MCP ${mcp.id} is not listed`, {
        reply: list,
        documented: 'lists include every MCP the key may see',
      });
  }
  const updated = ctx.replyOf(
    await ctx.client.PATCH('/v1/mcps/{mcp_id}', {
      ...params,
      body: { description: 'updated by the conformance suite', status: 'inactive' },
    }),
  );
  if (ctx.expectSuccess(updated, 200, 'PATCH /v1/mcps/{mcp_id}: 200 Mcp')) {
    ctx.expectContract(updated);
    const data = dataOf<{ description?: string; status?: string; name?: string }>(updated);
    ctx.expect(
      data?.description === 'updated by the conformance suite' && data.status === 'inactive' && data.name === mcp.name,
      `PATCH answered ${JSON.stringify(data)}`,
      { reply: updated, documented: 'changes the given fields only' },
    );
  }
  const deleted = ctx.replyOf(await ctx.client.DELETE('/v1/mcps/{mcp_id}', params));
  if (ctx.expectSuccess(deleted, 200, 'DELETE /v1/mcps/{mcp_id}: 200 { deleted: true, mcp_id }')) {
    ctx.expectContract(deleted);
    const data = dataOf<{ deleted?: boolean; mcp_id?: string }>(deleted);
    ctx.expect(data?.deleted === true && data.mcp_id === mcp.id, `DELETE answered ${JSON.stringify(data)}`, {
      reply: deleted,
      documented: 'McpDeleted { deleted: true, mcp_id }',
    });
    ctx.cleanup.forget(`mcp ${mcp.id}`);
  }
  const gone = await ctx.client.GET('/v1/mcps/{mcp_id}', params);
  ctx.expectError(ctx.replyOf(gone), 404, 'not_found', 'GET after DELETE: 404 not_found');
  ctx.expect(gone.error?.code === 'not_found', `the typed client read the 404 as ${JSON.stringify(gone.error?.code)}`, {
    reply: ctx.replyOf(gone),
    documented: 'PlexMcpError with code not_found (client/)',
  });
  ctx.expectError(
    ctx.replyOf(await ctx.client.DELETE('/v1/mcps/{mcp_id}', params)),
    404,
    'not_found',
    'DELETE twice: 404 not_found',
  );
}

export const lifeMcp: Check = {
  id: 'LIFE-001',
  title: 'MCP lifecycle: create, get, list, update, delete, 404',
  requirement:
    'openapi.yaml createMcp (201 + Location), getMcp, listMcps, updateMcp (changes the given fields), deleteMcp ({deleted: true, mcp_id}); afterwards 404 not_found.',
  needs: { writes: true },
  run: mcpLifecycle,
};
