import type { components } from '../../generated/schema.js';
import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

type InvokeResult = components['schemas']['InvokeResult'];

/** A known tool answers 200 InvokeResult: result, content, structured_content, is_error and metadata naming the call. */
async function knownTool(ctx: CheckContext): Promise<void> {
  const { mcpId, tool } = ctx.config;
  if (!mcpId || !tool) ctx.skip('needs --mcp-id and --tool');
  const before = Date.now();
  const reply = await ctx.http.send('POST', '/mcp', {
    json: { mcp_id: mcpId, tool, arguments: ctx.config.arguments ?? {} },
  });
  if (!ctx.expectSuccess(reply, 200, cite('POST /mcp: 200 InvokeResult', operation('invokeTool')))) return;
  ctx.expectContract(reply);
  const data = dataOf<InvokeResult>(reply);
  const meta = data?.metadata;
  const documented = cite(
    'metadata { mcp_id, tool, latency_ms, timestamp }',
    pointer('#/components/schemas/InvokeResult'),
  );
  ctx.expect(
    meta?.mcp_id === mcpId && meta.tool === tool,
    `metadata names ${meta?.mcp_id}/${meta?.tool}, not ${mcpId}/${tool}`,
    { reply, documented },
  );
  const at = Date.parse(meta?.timestamp ?? '');
  ctx.expect(
    Number.isFinite(at) && at >= before - 120_000 && at <= Date.now() + 120_000,
    `metadata.timestamp ${meta?.timestamp} is not the time of the call`,
    { reply, documented },
  );
  if (data?.is_error)
    ctx.warn(`the tool reported is_error: true with arguments ${JSON.stringify(ctx.config.arguments ?? {})}`, {
      reply,
      documented: cite('pick arguments the tool accepts (--arguments)', operation('invokeTool')),
    });
}

export const invKnownTool: Check = {
  id: 'INV-004',
  title: 'A known tool answers the documented InvokeResult',
  requirement: cite(
    'openapi.yaml invokeTool 200 InvokeResult {result, content, structured_content, is_error, metadata{mcp_id, tool, latency_ms, timestamp}}',
    section('Tool invocation'),
    operation('invokeTool'),
  ),
  needs: { invocation: true },
  run: knownTool,
};
