import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { registerCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';
import { expectListAgrees } from '../probes/list-detail.js';
import { type MatrixTargets, matrixRequest } from '../probes/role-matrix.js';

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
      documented: cite('201 with the MCP', operation('createMcp')),
    });
    return;
  }
  const mcp = created.data.data;
  ctx.expectSuccess(createdReply, 201, cite('POST /v1/mcps: 201 with the MCP', operation('createMcp')));
  ctx.expectContract(createdReply);
  ctx.expect(mcp.name === name, `created name is ${mcp.name}`, {
    reply: createdReply,
    documented: cite('the name as sent', operation('createMcp')),
  });
  const location = createdReply.headers.location;
  if (location)
    ctx.expect(location.endsWith(`/v1/mcps/${mcp.id}`), `Location is ${location}`, {
      reply: createdReply,
      documented: cite('Location: the URL of the created resource', pointer('#/components/headers/Location')),
    });
  const params = { params: { path: { mcp_id: mcp.id } } };

  const got = ctx.replyOf(await ctx.client.GET('/v1/mcps/{mcp_id}', params));
  if (ctx.expectSuccess(got, 200, cite('GET /v1/mcps/{mcp_id}: 200 McpDetail', operation('getMcp')))) {
    ctx.expectContract(got);
    ctx.expect(dataOf<{ id?: string }>(got)?.id === mcp.id, 'GET returned another MCP', {
      reply: got,
      documented: cite('the MCP asked for', operation('getMcp')),
    });
  }
  const list = ctx.replyOf(await ctx.client.GET('/v1/mcps', { params: { query: { per_page: 100, status: 'all' } } }));
  if (ctx.expectSuccess(list, 200, cite('GET /v1/mcps: 200', operation('listMcps')), true)) {
    const ids = (dataOf<{ id?: string }[]>(list) ?? []).map((m) => m.id);
    const total = (list.json as { pagination?: { total?: number } }).pagination?.total ?? 0;
    if (total <= 100)
      ctx.expect(ids.includes(mcp.id), `the new MCP ${mcp.id} is not listed`, {
        reply: list,
        documented: cite('lists include every MCP the key may see', operation('listMcps')),
      });
  }
  const updated = ctx.replyOf(
    await ctx.client.PATCH('/v1/mcps/{mcp_id}', {
      ...params,
      body: { description: 'updated by the conformance suite', status: 'inactive' },
    }),
  );
  if (ctx.expectSuccess(updated, 200, cite('PATCH /v1/mcps/{mcp_id}: 200 Mcp', operation('updateMcp')))) {
    ctx.expectContract(updated);
    const data = dataOf<{ description?: string; status?: string; name?: string }>(updated);
    ctx.expect(
      data?.description === 'updated by the conformance suite' && data.status === 'inactive' && data.name === mcp.name,
      `PATCH answered ${JSON.stringify(data)}`,
      { reply: updated, documented: cite('changes the given fields only', operation('updateMcp')) },
    );
  }
  await expectListAgrees(ctx, {
    listPath: '/v1/mcps',
    query: { status: 'all' },
    detailPath: `/v1/mcps/${encodeURIComponent(mcp.id)}`,
    id: mcp.id,
    stable: ['name', 'endpoint_url', 'description', 'status', 'auth_type', 'created_at', 'updated_at'],
    listOperation: 'listMcps',
    getOperation: 'getMcp',
  });
  const deleted = ctx.replyOf(await ctx.client.DELETE('/v1/mcps/{mcp_id}', params));
  if (
    ctx.expectSuccess(
      deleted,
      200,
      cite('DELETE /v1/mcps/{mcp_id}: 200 { deleted: true, mcp_id }', operation('deleteMcp')),
    )
  ) {
    ctx.expectContract(deleted);
    const data = dataOf<{ deleted?: boolean; mcp_id?: string }>(deleted);
    ctx.expect(data?.deleted === true && data.mcp_id === mcp.id, `DELETE answered ${JSON.stringify(data)}`, {
      reply: deleted,
      documented: cite('McpDeleted { deleted: true, mcp_id }', pointer('#/components/schemas/McpDeleted')),
    });
    ctx.cleanup.forget(`mcp ${mcp.id}`);
  }
  const gone = await ctx.client.GET('/v1/mcps/{mcp_id}', params);
  ctx.expectError(
    ctx.replyOf(gone),
    404,
    'not_found',
    cite('GET after DELETE: 404 not_found', operation('getMcp'), section('Errors')),
  );
  ctx.expect(gone.error?.code === 'not_found', `the typed client read the 404 as ${JSON.stringify(gone.error?.code)}`, {
    reply: ctx.replyOf(gone),
    documented: cite('PlexMcpError with code not_found (client/)', section('Errors')),
  });
  ctx.expectError(
    ctx.replyOf(await ctx.client.DELETE('/v1/mcps/{mcp_id}', params)),
    404,
    'not_found',
    cite('DELETE twice: 404 not_found', operation('deleteMcp'), section('Errors')),
  );
  ctx.verified('MCP servers through create, read, list, update and delete', 1);
  await goneEverywhere(ctx, mcp.id);
}

/**
 * A deleted MCP server is 404 not_found on every operation that names it (path or body), not only on getMcp, and no
 * list shows it. The requests are the authorization matrix's harmless ones, aimed at the deleted id.
 */
async function goneEverywhere(ctx: CheckContext, id: string): Promise<void> {
  const none = `${ctx.runPrefix}none`;
  const targets: MatrixTargets = {
    ...{ mcpIn: id, mcpOut: id, mcpVictim: id, keyVictim: none, ownKeyId: none },
    ...{ none, runPrefix: ctx.runPrefix },
  };
  for (const op of ctx.oracle.contract.operations.filter((o) => !o.public)) {
    const request = matrixRequest(op, 'refused', targets);
    if (!request || !`${request.path} ${JSON.stringify(request.json ?? null)}`.includes(id)) continue;
    const reply = await ctx.http.send(request.method, request.path, {
      ...(request.json !== undefined ? { json: request.json } : {}),
    });
    const documented = cite(`${op.operationId} on a deleted MCP server`, operation(op.operationId));
    ctx.expectError(reply, 404, 'not_found', documented, 'deleted-still-served');
    ctx.verified('operations on the deleted MCP server', 1);
  }
  const list = await ctx.http.send('GET', '/v1/mcps', { query: { per_page: 100, status: 'all' } });
  const ids = (dataOf<{ id?: unknown }[]>(list) ?? []).map((m) => m.id);
  ctx.expect(!ids.includes(id), `listMcps still lists the deleted MCP server ${id}`, {
    reply: list,
    documented: cite('a deleted MCP server is gone from the list', operation('listMcps'), operation('deleteMcp')),
    kind: 'deleted-still-served',
  });
}

export const lifeMcp: Check = {
  id: 'LIFE-001',
  title: 'MCP lifecycle: create, get, list, update, delete, 404',
  requirement: cite(
    'openapi.yaml createMcp (201 + Location), getMcp, listMcps (showing each MCP server as getMcp does, updates included), updateMcp (changes the given fields), deleteMcp ({deleted: true, mcp_id}); afterwards 404 not_found on every operation that names it, and absent from listMcps.',
    operation('createMcp'),
    operation('getMcp'),
    operation('listMcps'),
    operation('updateMcp'),
    operation('deleteMcp'),
  ),
  needs: { writes: true },
  run: mcpLifecycle,
};
