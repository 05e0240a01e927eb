import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/** Invoking a tool on an MCP id that does not exist is 404 not_found. */
async function unknownMcp(ctx: CheckContext): Promise<void> {
  const reply = await ctx.http.send('POST', '/mcp', {
    json: { mcp_id: `${ctx.runPrefix}missing`, tool: 'echo', arguments: {} },
  });
  ctx.expectError(reply, 404, 'not_found', '404 not_found (openapi.yaml invokeTool: NotFound)');
  ctx.expectContract(reply);
}

export const invUnknownMcp: Check = {
  id: 'INV-001',
  title: 'Invoking on an unknown MCP is 404 not_found',
  requirement: 'openapi.yaml invokeTool 404 NotFound; DESIGN.md "Error codes": not_found 404.',
  run: unknownMcp,
};
