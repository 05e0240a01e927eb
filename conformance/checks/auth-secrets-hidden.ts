import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';

const WRITE_ONLY_MCP_FIELDS = ['auth_token', 'auth_password', 'auth_username'];

/** No read returns a key's secret or an MCP's upstream credentials; a key's prefix is not the key. */
async function secretsHidden(ctx: CheckContext): Promise<void> {
  const keys = await ctx.http.send('GET', '/v1/api-keys', { query: { per_page: 100 } });
  const keyItems = dataOf<Record<string, unknown>[]>(keys) ?? [];
  ctx.verified('API keys', Array.isArray(keyItems) ? keyItems.length : 0);
  for (const item of keyItems) {
    ctx.expect(!('key' in item), `API key ${String(item.id)} is listed with its secret`, {
      reply: keys,
      documented: cite('the full key is returned once, at creation', section('Authentication')),
    });
    ctx.expect(
      typeof item.prefix !== 'string' || item.prefix.length <= 16,
      `API key ${String(item.id)} has a ${String(item.prefix).length}-character prefix`,
      { reply: keys, documented: cite('a display prefix (first 12 characters)', section('Authentication')) },
    );
  }
  const firstKey = keyItems.find((k) => typeof k.id === 'string');
  if (firstKey) {
    const detail = await ctx.http.send('GET', `/v1/api-keys/${encodeURIComponent(String(firstKey.id))}`);
    ctx.expect(!('key' in (dataOf<object>(detail) ?? {})), 'GET /v1/api-keys/{key_id} returns the secret', {
      reply: detail,
      documented: cite('the secret is never returned', operation('getApiKey')),
    });
  }
  const mcps = await ctx.http.send('GET', '/v1/mcps', { query: { per_page: 100 } });
  const mcpItems = dataOf<Record<string, unknown>[]>(mcps) ?? [];
  ctx.verified('MCPs', Array.isArray(mcpItems) ? mcpItems.length : 0);
  for (const item of mcpItems) {
    const leaked = WRITE_ONLY_MCP_FIELDS.filter((f) => f in item);
    ctx.expect(leaked.length === 0, `MCP ${String(item.id)} returns ${leaked.join(', ')}`, {
      reply: mcps,
      documented: cite(
        'upstream credentials are writeOnly and never returned',
        pointer('#/components/schemas/McpCreate'),
      ),
    });
  }
  const firstMcp = mcpItems.find((m) => typeof m.id === 'string');
  if (firstMcp) {
    const detail = await ctx.http.send('GET', `/v1/mcps/${encodeURIComponent(String(firstMcp.id))}`);
    const leaked = WRITE_ONLY_MCP_FIELDS.filter((f) => f in (dataOf<object>(detail) ?? {}));
    ctx.expect(leaked.length === 0, `GET /v1/mcps/{mcp_id} returns ${leaked.join(', ')}`, {
      reply: detail,
      documented: cite('credentials are never returned', pointer('#/components/schemas/McpCreate')),
    });
  }
  for (const reply of [keys, mcps]) {
    ctx.expect(!reply.text.includes(ctx.config.apiKey), "a response contains the caller's own API key", {
      reply,
      documented: cite('only a SHA-256 hash of a key is stored', section('Authentication')),
    });
  }
}

export const authSecretsHidden: Check = {
  id: 'AUTH-010',
  title: 'Secrets are never returned',
  requirement: cite(
    'the full key is shown once at creation, only a hash is stored; upstream credentials are encrypted and never returned (writeOnly in openapi.yaml).',
    section('Authentication'),
  ),
  run: secretsHidden,
};
