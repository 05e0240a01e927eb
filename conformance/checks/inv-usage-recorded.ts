import type { components } from '../../generated/schema.js';
import { cite, operation, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

type UsageRecord = components['schemas']['UsageRecord'];

async function historyTotal(ctx: CheckContext, mcpId: string): Promise<number | undefined> {
  const reply = await ctx.http.send('GET', '/v1/usage/history', { query: { mcp_id: mcpId, per_page: 1 } });
  return ctx.expectSuccess(reply, 200, cite('GET /v1/usage/history: 200', operation('listUsageHistory')), true)
    ? (reply.json as { pagination?: { total?: number } }).pagination?.total
    : undefined;
}

/** Each invocation is recorded: the usage history of the MCP gains a record naming the tool, newest last. */
async function usageRecorded(ctx: CheckContext): Promise<void> {
  const { mcpId, tool } = ctx.config;
  if (!mcpId || !tool) ctx.skip('needs --mcp-id and --tool');
  const before = await historyTotal(ctx, mcpId);
  if (before === undefined) return;
  const invoke = await ctx.http.send('POST', '/mcp', {
    json: { mcp_id: mcpId, tool, arguments: ctx.config.arguments ?? {} },
  });
  if (!ctx.expectSuccess(invoke, 200, cite('POST /mcp: 200', operation('invokeTool')))) return;
  const documented = cite(
    'one usage record per call, ordered newest last',
    section('Tool invocation'),
    operation('listUsageHistory'),
  );
  const after = await historyTotal(ctx, mcpId);
  if (after === undefined) return;
  // Other traffic may add records too: at least one more, never fewer.
  if (
    !ctx.expect(
      after >= before + 1,
      `usage history of ${mcpId} went from ${before} to ${after} records after an invocation`,
      { reply: invoke, documented },
    )
  )
    return;
  const last = await ctx.http.send('GET', '/v1/usage/history', { query: { mcp_id: mcpId, per_page: 1, page: after } });
  if (!ctx.expectSuccess(last, 200, cite('the last page of the history: 200', operation('listUsageHistory')), true))
    return;
  const record = dataOf<UsageRecord[]>(last)?.[0];
  ctx.expect(record !== undefined, 'the last page of the history is empty', { reply: last, documented });
  if (record)
    ctx.expect(
      record.mcp_id === mcpId && record.tool === tool,
      `the newest record is ${record.mcp_id}/${record.tool}`,
      { reply: last, documented },
    );
}

export const invUsageRecorded: Check = {
  id: 'INV-005',
  title: 'Each invocation is recorded in the usage history',
  requirement: cite(
    'records one usage row per call; openapi.yaml listUsageHistory: one record per tool invocation, newest last, filterable by mcp_id.',
    section('Tool invocation'),
    operation('listUsageHistory'),
  ),
  needs: { invocation: true },
  run: usageRecorded,
};
