import { cite, operation, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Invoking a tool on an MCP id that does not exist is 404 not_found. */
async function unknownMcp(ctx: CheckContext): Promise<void> {
  const reply = await ctx.http.send('POST', '/mcp', {
    json: { mcp_id: `${ctx.runPrefix}missing`, tool: 'echo', arguments: {} },
  });
  ctx.expectError(reply, 404, 'not_found', cite('404 not_found', operation('invokeTool')));
  ctx.expectContract(reply);
}

export const invUnknownMcp: Check = {
  id: 'INV-001',
  title: 'Invoking on an unknown MCP is 404 not_found',
  requirement: cite('openapi.yaml invokeTool 404 NotFound; not_found 404.', section('Errors'), operation('invokeTool')),
  run: unknownMcp,
};
