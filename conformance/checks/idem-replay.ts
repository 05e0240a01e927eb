import { randomUUID } from 'node:crypto';
import { about, cite, operation, pointer } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { registerCreated, UNREACHABLE_ENDPOINT } from '../probes/fixtures.js';

/**
 * The same Idempotency-Key with the same body replays the first response (same resource, `Idempotent-Replayed: true`)
 * instead of creating a second one; with another body it is 409 already_exists.
 */
async function idempotentReplay(ctx: CheckContext): Promise<void> {
  const key = `conf-${randomUUID()}`;
  const body = { name: `${ctx.runPrefix}idem`, endpoint_url: UNREACHABLE_ENDPOINT, auth_type: 'none' };
  const headers = { 'Idempotency-Key': key };
  const first = await ctx.http.send('POST', '/v1/mcps', { json: body, headers });
  const firstId = registerCreated(ctx, 'mcp', first);
  if (!firstId) {
    if (first.status === 403 || first.status === 429)
      ctx.skip(`could not create an MCP server: ${first.status} ${first.text.slice(0, 160)}`);
    ctx.fail(`POST /v1/mcps answered ${first.status}`, {
      reply: first,
      documented: cite('201', operation('createMcp')),
    });
    return;
  }
  const documented = cite(
    'Idempotency-Key: the first response is replayed with Idempotent-Replayed: true for the same key and body',
    pointer('#/components/parameters/IdempotencyKey'),
  );
  const second = await ctx.http.send('POST', '/v1/mcps', { json: body, headers });
  const secondId = registerCreated(ctx, 'mcp', second);
  if (ctx.expectSuccess(second, 201, about(`a replay answers the first response's status`, documented))) {
    ctx.expect(secondId === firstId, `the retry created ${secondId}, the first request ${firstId}`, {
      reply: second,
      documented,
    });
    ctx.expect(
      second.headers['idempotent-replayed'] === 'true',
      `Idempotent-Replayed is ${JSON.stringify(second.headers['idempotent-replayed'] ?? null)}`,
      { reply: second, documented },
    );
    ctx.expectContract(second);
  }
  const other = await ctx.http.send('POST', '/v1/mcps', {
    json: { ...body, name: `${ctx.runPrefix}idem-other` },
    headers,
  });
  registerCreated(ctx, 'mcp', other);
  ctx.expectError(
    other,
    409,
    'already_exists',
    cite(
      '409 already_exists: the same Idempotency-Key with another body',
      pointer('#/components/parameters/IdempotencyKey'),
    ),
  );
  const list = await ctx.http.send('GET', '/v1/mcps', { query: { per_page: 100 } });
  const named = (dataOf<{ name?: string }[]>(list) ?? []).filter((m) => m.name === body.name);
  ctx.expect(
    named.length <= 1,
    `${named.length} MCP servers named ${body.name} exist after one request and one replay`,
    { reply: list, documented },
  );
}

export const idemReplay: Check = {
  id: 'IDEM-001',
  title: 'Idempotency-Key replays the first response and refuses another body',
  requirement: cite(
    'openapi.yaml components/parameters/IdempotencyKey on createMcp: the first response is stored and replayed with Idempotent-Replayed: true; the same key with another body is 409 already_exists.',
    pointer('#/components/parameters/IdempotencyKey'),
    operation('createMcp'),
  ),
  needs: { writes: true },
  run: idempotentReplay,
};
