import { cite, pointer } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

/** Every read operation's response (including one detail of each kind when any exists) matches its documented schema and headers. */
async function readsMatchContract(ctx: CheckContext): Promise<void> {
  const anonymous = ['/health', '/openapi.json', '/openapi.yaml', '/docs'];
  for (const path of anonymous)
    ctx.expectContract(await ctx.http.send('GET', path, { auth: 'none', headers: { Accept: '*/*' } }));
  const reads = [
    '/v1/organization',
    '/v1/organization/usage',
    '/v1/usage',
    '/v1/usage?period=day',
    '/v1/mcps',
    '/v1/api-keys',
    '/v1/organization/members',
    '/v1/usage/history',
  ];
  const firsts: Record<string, string | undefined> = {};
  for (const entry of reads) {
    const [path, q] = entry.split('?');
    const reply = await ctx.http.send('GET', path!, { query: Object.fromEntries(new URLSearchParams(q ?? '')) });
    ctx.expectContract(reply);
    const items = dataOf<{ id?: unknown }[]>(reply);
    if (Array.isArray(items) && typeof items[0]?.id === 'string') firsts[path!] = items[0].id;
  }
  if (firsts['/v1/mcps'])
    ctx.expectContract(await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(firsts['/v1/mcps'])}`));
  if (firsts['/v1/api-keys']) {
    const id = encodeURIComponent(firsts['/v1/api-keys']);
    ctx.expectContract(await ctx.http.send('GET', `/v1/api-keys/${id}`));
    ctx.expectContract(await ctx.http.send('GET', `/v1/api-keys/${id}/usage`, { query: { period: 'week' } }));
  }
}

export const schemaReads: Check = {
  id: 'SCHEMA-001',
  title: 'Read responses match the documented schemas',
  requirement: cite(
    "each operation's documented status, content type, body schema (ajv, JSON Schema 2020-12) and headersyaml is the single source of truth.",
    pointer('#/paths'),
  ),
  run: readsMatchContract,
};
