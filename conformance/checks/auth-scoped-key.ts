import { cite, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { createApiKey, createMcp, registerCreated, requireCreated } from '../probes/fixtures.js';

/**
 * A key scoped to MCP A: sees only A in lists, gets A, is 403 mcp_not_permitted on B (read and invoke), and cannot
 * create a key wider than its own scope.
 */
async function scopedKey(ctx: CheckContext): Promise<void> {
  const a = await createMcp(ctx, 'scope-a');
  const mcpA = requireCreated(ctx, 'MCP server A', a.reply, a.mcp);
  const b = await createMcp(ctx, 'scope-b');
  const mcpB = requireCreated(ctx, 'MCP server B', b.reply, b.mcp);
  const k = await createApiKey(ctx, 'scoped', { permissions: { mcps: [mcpA.id] } });
  const scoped = requireCreated(ctx, 'a key scoped to A', k.reply, k.key);
  const auth = { key: scoped.key };
  const documented = cite('403 mcp_not_permitted', section('Roles and scopes'));

  const getA = await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(mcpA.id)}`, { auth });
  ctx.expectSuccess(getA, 200, cite('the scoped key reads its own MCP', section('Roles and scopes')));
  const getB = await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(mcpB.id)}`, { auth });
  ctx.expectError(getB, 403, 'mcp_not_permitted', documented);
  const invokeB = await ctx.http.send('POST', '/mcp', { auth, json: { mcp_id: mcpB.id, tool: 'echo', arguments: {} } });
  ctx.expectError(invokeB, 403, 'mcp_not_permitted', documented);

  const list = await ctx.http.send('GET', '/v1/mcps', { auth, query: { per_page: 100 } });
  if (ctx.expectSuccess(list, 200, cite('the scoped key lists MCPs', section('Roles and scopes')), true)) {
    const ids = (dataOf<{ id?: string }[]>(list) ?? []).map((m) => m.id);
    ctx.expect(!ids.includes(mcpB.id), `the scoped key's list includes MCP ${mcpB.id} outside its scope`, {
      reply: list,
      documented: cite('a scoped key sees only its MCPs in lists', section('Roles and scopes')),
    });
    ctx.expect(ids.includes(mcpA.id), `the scoped key's list lacks its own MCP ${mcpA.id}`, {
      reply: list,
      documented: cite('a scoped key sees its MCPs', section('Roles and scopes')),
    });
  }

  const wider = await ctx.http.send('POST', '/v1/api-keys', {
    auth,
    json: { name: `${ctx.runPrefix}wider`, permissions: { mcps: '*' } },
  });
  registerCreated(ctx, 'api-key', wider);
  ctx.expectError(
    wider,
    403,
    ['forbidden', 'mcp_not_permitted'],
    cite('403: a key can never create a key with a wider permissions.mcps', section('Roles and scopes')),
  );
}

export const authScopedKey: Check = {
  id: 'AUTH-008',
  title: 'A scoped key is 403 mcp_not_permitted outside its MCPs',
  requirement: cite(
    'a key scoped to some MCPs sees only those in lists and gets 403 mcp_not_permitted on others; a key never creates a wider key.',
    section('Roles and scopes'),
  ),
  needs: { writes: true },
  run: scopedKey,
};
