import { about, cite, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Auth } from '../http/session.js';
import type { Check } from '../model.js';
import { sweepOtherOrgIds } from '../probes/other-org-sweep.js';

async function ids(ctx: CheckContext, auth: Auth, path: string): Promise<string[]> {
  const reply = await ctx.http.send('GET', path, { auth, query: { per_page: 100 } });
  if (reply.status !== 200) return [];
  return (dataOf<{ id?: unknown }[]>(reply) ?? []).map((x) => x.id).filter((x): x is string => typeof x === 'string');
}

/** Each organisation's MCPs and keys are 404 not_found to the other (never 403, never 200), both ways, and absent from its lists. */
async function otherOrganisation(ctx: CheckContext): Promise<void> {
  const documented = cite(
    '404 not_found: a resource of another organisation is 404, never 403 or 200',
    section('Roles and scopes'),
  );
  const directions: [string, Auth, Auth][] = [
    ['theirs seen by us', 'other-org', 'main'],
    ['ours seen by them', 'main', 'other-org'],
  ];
  let probed = 0;
  for (const [label, owner, viewer] of directions) {
    const keyIds = await ids(ctx, owner, '/v1/api-keys');
    const mcpIds = await ids(ctx, owner, '/v1/mcps');
    const visibleKeys = new Set(await ids(ctx, viewer, '/v1/api-keys'));
    const visibleMcps = new Set(await ids(ctx, viewer, '/v1/mcps'));
    for (const id of keyIds.slice(0, 3)) {
      probed++;
      ctx.expect(!visibleKeys.has(id), `${label}: API key ${id} appears in the other organisation's list`, {
        documented,
      });
      ctx.expectError(
        await ctx.http.send('GET', `/v1/api-keys/${encodeURIComponent(id)}`, { auth: viewer }),
        404,
        'not_found',
        about(`${label}`, documented),
      );
      ctx.expectError(
        await ctx.http.send('GET', `/v1/api-keys/${encodeURIComponent(id)}/usage`, { auth: viewer }),
        404,
        'not_found',
        about(`${label}`, documented),
      );
    }
    for (const id of mcpIds.slice(0, 3)) {
      probed++;
      ctx.expect(!visibleMcps.has(id), `${label}: MCP ${id} appears in the other organisation's list`, { documented });
      ctx.expectError(
        await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(id)}`, { auth: viewer }),
        404,
        'not_found',
        about(`${label}`, documented),
      );
      ctx.expectError(
        await ctx.http.send('POST', '/mcp', { auth: viewer, json: { mcp_id: id, tool: 'echo', arguments: {} } }),
        404,
        'not_found',
        about(`${label}`, documented),
      );
    }
  }
  const orgA = dataOf<{ id?: string }>(await ctx.http.send('GET', '/v1/organization'));
  const orgB = dataOf<{ id?: string }>(await ctx.http.send('GET', '/v1/organization', { auth: 'other-org' }));
  if (orgA?.id && orgA.id === orgB?.id) ctx.skip('--other-org-api-key belongs to the same organisation as --api-key');
  await sweepOtherOrgIds(ctx);
  if (!probed) ctx.skip('neither organisation lists any API key or MCP to probe');
}

export const authOtherOrg: Check = {
  id: 'AUTH-009',
  title: "Another organisation's ids are 404 on every operation",
  requirement: cite(
    'a resource of another organisation is 404, never 403 or 200, on every operation that takes its id: reads, and with --allow-writes updates, deletions and tests of resources the run created there',
    section('Roles and scopes'),
  ),
  needs: { otherOrgApiKey: true },
  run: otherOrganisation,
};
