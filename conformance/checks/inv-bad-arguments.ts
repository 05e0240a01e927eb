import { isObject, type JsonObject } from '../../contract/index.js';
import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

interface ToolInfo {
  name: string;
  input_schema?: JsonObject;
}

/** Arguments that break the tool's input_schema: drop a required one, else give a typed one the wrong type. */
function badArguments(schema: JsonObject, good: Record<string, unknown>): Record<string, unknown> | undefined {
  const required = Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  if (required.length) {
    const { [required[0]!]: _dropped, ...rest } = good;
    return rest;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, p] of Object.entries(properties)) {
    if (isObject(p) && typeof p.type === 'string' && p.type !== 'string')
      return { ...good, [name]: 'conformance-wrong-type' };
    if (isObject(p) && p.type === 'string') return { ...good, [name]: { wrong: 'type' } };
  }
  return undefined;
}

/** Arguments that do not match the tool's input_schema are 422 invalid_arguments, before any upstream call. */
async function badArgumentsCheck(ctx: CheckContext): Promise<void> {
  const mcpId = ctx.config.mcpId;
  if (!mcpId) ctx.skip('needs --mcp-id (a reachable MCP server)');
  const detail = await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(mcpId)}`);
  if (!ctx.expectSuccess(detail, 200, cite('GET /v1/mcps/{mcp_id}: 200 McpDetail with tools', operation('getMcp'))))
    return;
  const tools = (dataOf<{ tools?: ToolInfo[] }>(detail)?.tools ?? []).filter((t) => isObject(t.input_schema));
  const preferred = tools.find((t) => t.name === ctx.config.tool);
  const candidates = preferred ? [preferred, ...tools] : tools;
  for (const tool of candidates) {
    const good = tool.name === ctx.config.tool ? (ctx.config.arguments ?? {}) : {};
    const args = badArguments(tool.input_schema!, good);
    if (!args) continue;
    const reply = await ctx.http.send('POST', '/mcp', { json: { mcp_id: mcpId, tool: tool.name, arguments: args } });
    if (
      ctx.expectError(
        reply,
        422,
        'invalid_arguments',
        cite(`422 invalid_arguments for ${tool.name}(${JSON.stringify(args).slice(0, 80)})`, section('Errors')),
      )
    )
      ctx.expectContract(reply);
    return;
  }
  ctx.skip(`no tool of ${mcpId} has an input_schema with required or typed properties (${tools.length} tools listed)`);
}

export const invBadArguments: Check = {
  id: 'INV-003',
  title: 'Arguments that break the input_schema are 422 invalid_arguments',
  requirement: cite(
    "invalid_arguments 422 (tool arguments against the tool's input_schema); openapi.yaml InvokeRequest.arguments.",
    section('Errors'),
    pointer('#/components/schemas/InvokeRequest'),
  ),
  run: badArgumentsCheck,
};
