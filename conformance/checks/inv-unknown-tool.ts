import type { Check } from '../model.js';
import type { CheckContext } from '../context.js';

/** Invoking a tool the MCP does not have is 404 tool_not_found, ideally naming the closest tool in details.suggestion. */
async function unknownTool(ctx: CheckContext): Promise<void> {
  const mcpId = ctx.config.mcpId;
  if (!mcpId) ctx.skip('needs --mcp-id (a reachable MCP server)');
  const tool = `${ctx.config.tool ?? 'tool'}_conformance_missing`;
  const reply = await ctx.http.send('POST', '/mcp', { json: { mcp_id: mcpId, tool, arguments: {} } });
  if (!ctx.expectError(reply, 404, 'tool_not_found', '404 tool_not_found with a "did you mean" suggestion (DESIGN.md "Error codes")')) return;
  ctx.expectContract(reply);
  const details = (reply.json as { error?: { details?: { suggestion?: unknown } } }).error?.details;
  if (ctx.config.tool && details?.suggestion === undefined) ctx.warn(`no details.suggestion for ${tool}`, { reply, documented: 'tool_not_found: details.suggestion names the closest tool (openapi.yaml "Error codes")' });
}

export const invUnknownTool: Check = {
  id: 'INV-002',
  title: 'Invoking an unknown tool is 404 tool_not_found',
  requirement: 'DESIGN.md "Error codes": tool_not_found 404 (with a "did you mean" suggestion); openapi.yaml: details.suggestion names the closest.',
  run: unknownTool,
};
