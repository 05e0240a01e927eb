import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

/**
 * Invoking a tool the MCP does not have is 404 tool_not_found. With --tool, the probe is a one-letter typo of it
 * (`<tool>x`), so a "did you mean" suggestion should name the real tool.
 */
async function unknownTool(ctx: CheckContext): Promise<void> {
  const mcpId = ctx.config.mcpId;
  if (!mcpId) ctx.skip('needs --mcp-id (a reachable MCP server)');
  const known = ctx.config.tool;
  const tool = known ? `${known}x` : 'conformance_missing_tool';
  const reply = await ctx.http.send('POST', '/mcp', { json: { mcp_id: mcpId, tool, arguments: {} } });
  if (
    !ctx.expectError(
      reply,
      404,
      'tool_not_found',
      cite('404 tool_not_found with a "did you mean" suggestion', section('Errors')),
    )
  )
    return;
  ctx.expectContract(reply);
  const suggestion = (reply.json as { error?: { details?: { suggestion?: unknown } } }).error?.details?.suggestion;
  if (known && suggestion !== known) {
    ctx.warn(`asked for ${tool}, a typo of ${known}: details.suggestion is ${JSON.stringify(suggestion ?? null)}`, {
      reply,
      documented: cite('tool_not_found: details.suggestion names the closest tool', section('Errors')),
    });
  }
}

export const invUnknownTool: Check = {
  id: 'INV-002',
  title: 'Invoking an unknown tool is 404 tool_not_found',
  requirement: cite(
    'tool_not_found 404 (with a "did you mean" suggestion); details.suggestion names the closest.',
    section('Errors'),
  ),
  run: unknownTool,
};
