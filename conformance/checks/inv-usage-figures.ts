import type { components } from '../../generated/schema.js';
import { type Citation, cite, operation, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Reply } from '../http/session.js';
import type { Check } from '../model.js';

type UsageSummary = components['schemas']['UsageSummary'];
type ApiKeyUsage = components['schemas']['ApiKeyUsage'];

/** Invocations the check makes between its two readings. */
const CALLS = 3;

const AGREE = (what: string, operationId: string): Citation =>
  cite(`over one window ${what}`, section('Usage periods'), operation(operationId));

/** Every usage figure of one window, read while no record arrived (the history's total before and after agree). */
interface Reading {
  history: number;
  historyOfMcp: number;
  historyOfKey: number | undefined;
  summary: UsageSummary;
  summaryReply: Reply;
  keyUsage: ApiKeyUsage | undefined;
  keyReply: Reply | undefined;
  monthly: number | undefined;
  month: string;
}

async function total(ctx: CheckContext, query: Record<string, string>): Promise<number | undefined> {
  const reply = await ctx.http.send('GET', '/v1/usage/history', { query: { ...query, per_page: '1' } });
  if (!ctx.expectSuccess(reply, 200, cite('200', operation('listUsageHistory')), true)) return undefined;
  return (reply.json as { pagination?: { total?: number } }).pagination?.total;
}

async function read(ctx: CheckContext, start: string, mcpId: string, keyId: string | undefined) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const month = new Date().toISOString().slice(0, 7);
    const history = await total(ctx, { start_date: start });
    const historyOfMcp = await total(ctx, { start_date: start, mcp_id: mcpId });
    const historyOfKey = keyId ? await total(ctx, { start_date: start, api_key_id: keyId }) : undefined;
    const summaryReply = await ctx.http.send('GET', '/v1/usage', { query: { start_date: start } });
    const keyReply = keyId
      ? await ctx.http.send('GET', `/v1/api-keys/${encodeURIComponent(keyId)}/usage`, { query: { start_date: start } })
      : undefined;
    const org = await ctx.http.send('GET', '/v1/organization');
    const again = await total(ctx, { start_date: start });
    if (history === undefined || historyOfMcp === undefined || again === undefined) return undefined;
    if (!ctx.expectSuccess(summaryReply, 200, cite('200', operation('getUsage')))) return undefined;
    if (again !== history || new Date().toISOString().slice(0, 7) !== month) continue;
    const monthly = dataOf<{ usage?: { monthly_requests?: number } }>(org)?.usage?.monthly_requests;
    return {
      history,
      historyOfMcp,
      historyOfKey,
      summary: dataOf<UsageSummary>(summaryReply) as UsageSummary,
      summaryReply,
      keyUsage: keyReply?.status === 200 ? dataOf<ApiKeyUsage>(keyReply) : undefined,
      keyReply,
      monthly,
      month,
    } satisfies Reading;
  }
  ctx.warn('inconclusive: usage records kept arriving while the figures were read (other traffic?)', {
    documented: AGREE('the figures agree', 'getUsage'),
    kind: 'usage-traffic',
  });
  return undefined;
}

/** The figures of one reading agree with the history and with one another. */
function agree(ctx: CheckContext, r: Reading, mcpId: string): void {
  const s = r.summary;
  const reply = r.summaryReply;
  const sum = (xs: { requests: number }[]) => xs.reduce((a, x) => a + x.requests, 0);
  ctx.expect(
    s.requests.total === r.history,
    `getUsage counts ${s.requests.total} requests; listUsageHistory finds ${r.history} records in the same window`,
    {
      reply,
      documented: AGREE('requests.total is the number of usage records', 'getUsage'),
      kind: 'usage-summary-mismatch',
    },
  );
  const parts: [string, number][] = [
    ['by_status success + error', s.by_status.success + s.by_status.error],
    ['by_mcp requests', sum(s.by_mcp)],
    ['by_day requests', sum(s.by_day)],
  ];
  for (const [name, value] of parts)
    ctx.expect(
      value === s.requests.total,
      `getUsage: ${name} add up to ${value}, requests.total is ${s.requests.total}`,
      {
        reply,
        documented: AGREE('by_status, by_mcp and by_day each add up to requests.total', 'getUsage'),
        kind: 'usage-breakdown-mismatch',
      },
    );
  const ofMcp = s.by_mcp.find((m) => m.mcp_id === mcpId)?.requests ?? 0;
  ctx.expect(
    ofMcp === r.historyOfMcp,
    `getUsage by_mcp counts ${ofMcp} for ${mcpId}; listUsageHistory finds ${r.historyOfMcp}`,
    {
      reply,
      documented: AGREE('by_mcp counts the records of each MCP server', 'getUsage'),
      kind: 'usage-by-mcp-mismatch',
    },
  );
  if (r.keyUsage && r.historyOfKey !== undefined)
    ctx.expect(
      r.keyUsage.total_requests === r.historyOfKey,
      `getApiKeyUsage counts ${r.keyUsage.total_requests} for the key; listUsageHistory filtered by it finds ${r.historyOfKey}`,
      {
        ...(r.keyReply ? { reply: r.keyReply } : {}),
        documented: AGREE("a key's total_requests is the number of its usage records", 'getApiKeyUsage'),
        kind: 'usage-key-mismatch',
      },
    );
  ctx.verified('usage readings', 1);
}

/** The main key's id, from its own listApiKeys (matched by prefix), if it is there. */
async function mainKeyId(ctx: CheckContext): Promise<string | undefined> {
  const prefix = ctx.config.apiKey.slice(0, 12);
  const list = await ctx.http.send('GET', '/v1/api-keys', { query: { per_page: 100 } });
  return dataOf<{ id: string; prefix?: string }[]>(list)?.find((k) => k.prefix === prefix)?.id;
}

/**
 * Usage figures tell one story: over one window the summary, its breakdowns, the key's usage and the history agree,
 * and each of a few invocations is counted everywhere, including the organisation's monthly figure (the quota's).
 */
async function usageFigures(ctx: CheckContext): Promise<void> {
  const { mcpId, tool } = ctx.config;
  if (!mcpId || !tool) ctx.skip('needs --mcp-id and --tool');
  const start = new Date(Date.now() - 60_000).toISOString();
  const keyId = await mainKeyId(ctx);
  if (!keyId) ctx.note('the main key is not in its own listApiKeys: its getApiKeyUsage is not compared');
  const before = await read(ctx, start, mcpId, keyId);
  if (!before) return;
  agree(ctx, before, mcpId);
  for (let i = 0; i < CALLS; i++) {
    const reply = await ctx.http.send('POST', '/mcp', {
      json: { mcp_id: mcpId, tool, arguments: ctx.config.arguments ?? {} },
    });
    if (!ctx.expectSuccess(reply, 200, cite('POST /mcp: 200', operation('invokeTool')))) return;
  }
  const after = await read(ctx, start, mcpId, keyId);
  if (!after) return;
  agree(ctx, after, mcpId);
  const added = after.history - before.history;
  ctx.expect(added >= CALLS, `${CALLS} invocations added ${added} usage records`, {
    reply: after.summaryReply,
    documented: cite('one usage record per call', section('Tool invocation'), operation('listUsageHistory')),
    kind: 'usage-not-counted',
  });
  if (before.monthly !== undefined && after.monthly !== undefined && before.month === after.month)
    ctx.expect(
      after.monthly - before.monthly === added,
      `usage.monthly_requests went from ${before.monthly} to ${after.monthly} while ${added} records were added`,
      {
        documented: cite(
          'usage.monthly_requests: tool invocations this calendar month (UTC), the figure the quota counts',
          section('Quotas'),
          operation('getOrganization'),
        ),
        kind: 'monthly-figure-mismatch',
      },
    );
}

export const invUsageFigures: Check = {
  id: 'INV-006',
  title: 'Usage figures agree with the history and count every invocation',
  requirement: cite(
    "over one window getUsage's requests.total equals the records listUsageHistory finds, by_status, by_mcp and by_day add up to it, a key's getApiKeyUsage equals the history filtered by that key, and the organisation's usage.monthly_requests counts every invocation of the month.",
    section('Usage periods'),
    operation('getUsage'),
  ),
  needs: { invocation: true },
  run: usageFigures,
};
