/**
 * One polarity of generated inputs over every operation of the contract that takes input: the ids requests may name
 * (listed, or created for the check with `--allow-writes`), which operations a run may send (read-only runs only
 * reads), and a few operations at a time, each as its own seeded property.
 */
import { type CheckContext, dataOf } from '../context.js';
import { createApiKey, createMcp } from '../probes/fixtures.js';
import { listOperations, type OperationInfo } from '../probes/operations.js';
import type { Known } from './described-rules.js';
import { exercise, type Polarity } from './exercise.js';
import { type InputSources, operationInputs } from './operation-inputs.js';

/** Operations sent at once: a local server answers faster with a few in flight, and no more load than that. */
const PARALLEL = 3;

/** Whose valid requests are not sent: a generated address may be a real person's, whom the deployment would invite. */
const NO_POSITIVE = new Set(['inviteMember']);

/**
 * The MCP endpoint (openapi.yaml "MCP endpoint"): whether a message is served depends on its session and on what the
 * protocol says of it, beyond any schema, so valid ones are not generated; the MCP conformance suite checks it.
 */
const MCP_PROTOCOL = new Set(['sendMcpMessage', 'openMcpStream', 'endMcpSession']);

/**
 * The oldest item's id of a list: lists are ordered by creation, so it is the same one run after run, and a seed
 * generates the same requests again on a target whose other items came and went.
 */
async function listedIds(ctx: CheckContext, path: string): Promise<string[]> {
  const reply = await ctx.http.send('GET', path, { query: { per_page: 1 } });
  const items = reply.status === 200 ? dataOf<{ id?: unknown }[]>(reply) : undefined;
  return Array.isArray(items) ? items.map((i) => i?.id).filter((id): id is string => typeof id === 'string') : [];
}

/** Restores the organisation's name and description after the check (updateOrganization is generated too). */
async function keepOrganizationName(ctx: CheckContext): Promise<void> {
  const reply = await ctx.http.send('GET', '/v1/organization');
  const org = dataOf<{ name?: unknown; description?: unknown }>(reply);
  if (typeof org?.name !== 'string') return;
  const original = { name: org.name, ...(org.description !== undefined ? { description: org.description } : {}) };
  ctx.cleanup.add('organization name', async () => {
    const r = await ctx.http.send('PATCH', '/v1/organization', { json: original });
    if (r.status !== 200) throw new Error(`PATCH /v1/organization answered ${r.status}`);
  });
}

/** Ids requests may name: existing ones, plus (with writes) an MCP server and a key made for the check. */
async function sources(ctx: CheckContext, polarity: Polarity): Promise<Record<string, InputSources>> {
  const mcps = await listedIds(ctx, '/v1/mcps');
  const keys = await listedIds(ctx, '/v1/api-keys');
  let mutableMcp: string[] = [];
  let mutableKey: string[] = [];
  if (ctx.config.allowWrites) {
    const read = await createMcp(ctx, `gen-${polarity}-read`);
    const written = await createMcp(ctx, `gen-${polarity}-write`);
    const key = await createApiKey(ctx, `gen-${polarity}`);
    if (read.mcp) mcps.unshift(read.mcp.id);
    if (written.mcp) mutableMcp = [written.mcp.id];
    if (key.key) mutableKey = [key.key.id];
    await keepOrganizationName(ctx);
  }
  if (ctx.config.mcpId) mcps.unshift(ctx.config.mcpId);
  const known: Known = {
    runPrefix: ctx.runPrefix,
    mcpIds: [...new Set(mcps)],
    tools: ctx.config.mcpId && ctx.config.tool ? [ctx.config.tool] : [],
  };
  const base = { oracle: ctx.oracle, known };
  const reads = { mcp_id: known.mcpIds, key_id: [...mutableKey, ...keys] };
  return {
    // Changes go to the check's own resources; deletions only ever name ids that do not exist.
    read: { ...base, pathIds: reads },
    change: { ...base, pathIds: { mcp_id: mutableMcp, key_id: mutableKey } },
    remove: { ...base, pathIds: {} },
  };
}

function sourceFor(op: OperationInfo): 'read' | 'change' | 'remove' {
  if (op.method === 'DELETE') return 'remove';
  return op.method === 'PATCH' ? 'change' : 'read';
}

/**
 * Runs one polarity over every operation this run may send; counts the operations exercised and notes the statuses.
 *
 * @example
 * await runGenerated(ctx, 'positive');
 */
export async function runGenerated(ctx: CheckContext, polarity: Polarity): Promise<void> {
  ctx.note(`seed ${ctx.config.seed}, ${ctx.config.maxExamples} examples per operation (--seed, --max-examples)`);
  const byKind = await sources(ctx, polarity);
  const skipped: string[] = [];
  const work = listOperations(ctx.oracle.contract).flatMap((op) => {
    if (!op.authenticated) return [];
    if (op.method !== 'GET' && !ctx.config.allowWrites) {
      skipped.push(`${op.operationId} (needs --allow-writes)`);
      return [];
    }
    if (polarity === 'positive' && NO_POSITIVE.has(op.operationId)) {
      skipped.push(`${op.operationId} (a valid request cannot be undone)`);
      return [];
    }
    if (polarity === 'positive' && MCP_PROTOCOL.has(op.operationId)) {
      skipped.push(`${op.operationId} (an MCP message is valid only within its session)`);
      return [];
    }
    const examples = operationInputs(op, byKind[sourceFor(op)] ?? byKind.read!)[polarity];
    return examples ? [{ op, examples }] : [];
  });
  const lines: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let item = work[next++]; item; item = work[next++]) {
      const statuses = await exercise(ctx, item.op, polarity, item.examples);
      ctx.verified('operations');
      lines.push(`${item.op.operationId}: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(' ')}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  ctx.note(`statuses: ${lines.sort().join('; ')}`);
  if (skipped.length) ctx.note(`not generated: ${skipped.join(', ')}`);
}
