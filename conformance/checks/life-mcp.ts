import type { Check } from '../model.js';
import { dataOf, type CheckContext } from '../context.js';
import { createMcp, requireCreated } from '../probes/fixtures.js';

/** MCP create → get → list → update → delete → 404, each answered as documented. */
async function mcpLifecycle(ctx: CheckContext): Promise<void> {
  const created = await createMcp(ctx, 'life');
  const mcp = requireCreated(ctx, 'an MCP server', created.reply, created.mcp);
  ctx.expectSuccess(created.reply, 201, 'POST /v1/mcps: 201 with the MCP');
  ctx.expectContract(created.reply);
  ctx.expect(mcp.name === `${ctx.runPrefix}life`, `created name is ${mcp.name}`, { reply: created.reply, documented: 'the name as sent' });
  const location = created.reply.headers['location'];
  if (location) ctx.expect(location.endsWith(`/v1/mcps/${mcp.id}`), `Location is ${location}`, { reply: created.reply, documented: 'Location: the URL of the created resource' });
  const path = `/v1/mcps/${encodeURIComponent(mcp.id)}`;

  const got = await ctx.http.send('GET', path);
  if (ctx.expectSuccess(got, 200, 'GET /v1/mcps/{mcp_id}: 200 McpDetail')) {
    ctx.expectContract(got);
    ctx.expect(dataOf<{ id?: string }>(got)?.id === mcp.id, 'GET returned another MCP', { reply: got, documented: 'the MCP asked for' });
  }
  const list = await ctx.http.send('GET', '/v1/mcps', { query: { per_page: 100, status: 'all' } });
  if (ctx.expectSuccess(list, 200, 'GET /v1/mcps: 200', true)) {
    const ids = (dataOf<{ id?: string }[]>(list) ?? []).map((m) => m.id);
    const total = (list.json as { pagination?: { total?: number } }).pagination?.total ?? 0;
    if (total <= 100) ctx.expect(ids.includes(mcp.id), `the new MCP ${mcp.id} is not listed`, { reply: list, documented: 'lists include every MCP the key may see' });
  }
  const updated = await ctx.http.send('PATCH', path, { json: { description: 'updated by the conformance suite', status: 'inactive' } });
  if (ctx.expectSuccess(updated, 200, 'PATCH /v1/mcps/{mcp_id}: 200 Mcp')) {
    ctx.expectContract(updated);
    const data = dataOf<{ description?: string; status?: string; name?: string }>(updated);
    ctx.expect(data?.description === 'updated by the conformance suite' && data.status === 'inactive' && data.name === mcp.name, `PATCH answered ${JSON.stringify(data)}`, { reply: updated, documented: 'changes the given fields only' });
  }
  const deleted = await ctx.http.send('DELETE', path);
  if (ctx.expectSuccess(deleted, 200, 'DELETE /v1/mcps/{mcp_id}: 200 { deleted: true, mcp_id }')) {
    ctx.expectContract(deleted);
    const data = dataOf<{ deleted?: boolean; mcp_id?: string }>(deleted);
    ctx.expect(data?.deleted === true && data.mcp_id === mcp.id, `DELETE answered ${JSON.stringify(data)}`, { reply: deleted, documented: 'McpDeleted { deleted: true, mcp_id }' });
    ctx.cleanup.forget(`mcp ${mcp.id}`);
  }
  ctx.expectError(await ctx.http.send('GET', path), 404, 'not_found', 'GET after DELETE: 404 not_found');
  ctx.expectError(await ctx.http.send('DELETE', path), 404, 'not_found', 'DELETE twice: 404 not_found');
}

export const lifeMcp: Check = {
  id: 'LIFE-001',
  title: 'MCP lifecycle: create, get, list, update, delete, 404',
  requirement: 'openapi.yaml createMcp (201 + Location), getMcp, listMcps, updateMcp (changes the given fields), deleteMcp ({deleted: true, mcp_id}); afterwards 404 not_found.',
  needs: { writes: true },
  run: mcpLifecycle,
};
