import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { createApiKey, requireCreated } from '../probes/fixtures.js';
import { expectListAgrees } from '../probes/list-detail.js';

/** API key create (secret once) → get → list → patch → revoke → stays revoked (401 revoked_key, status revoked). */
async function apiKeyLifecycle(ctx: CheckContext): Promise<void> {
  const created = await createApiKey(ctx, 'life');
  const key = requireCreated(ctx, 'an API key', created.reply, created.key);
  ctx.expectSuccess(created.reply, 201, cite('POST /v1/api-keys: 201 ApiKeyCreated', operation('createApiKey')));
  ctx.expectContract(created.reply);
  const documentedKey = cite(
    'pmcp_ + at least 40 base62 characters, prefix = its first 12 characters',
    section('Authentication'),
  );
  ctx.expect(/^pmcp_[A-Za-z0-9]{40,}$/.test(key.key), 'the new key does not have the documented shape', {
    reply: created.reply,
    documented: documentedKey,
  });
  ctx.expect(
    key.key.startsWith(key.prefix) && key.prefix.length < key.key.length,
    'prefix is not the start of the key',
    { reply: created.reply, documented: documentedKey },
  );
  const path = `/v1/api-keys/${encodeURIComponent(key.id)}`;

  const got = await ctx.http.send('GET', path);
  if (ctx.expectSuccess(got, 200, cite('GET /v1/api-keys/{key_id}: 200 ApiKeyDetail', operation('getApiKey')))) {
    ctx.expectContract(got);
    ctx.expect(!got.text.includes(key.key), 'GET returns the secret again', {
      reply: got,
      documented: cite('shown once, at creation', section('Authentication')),
    });
  }
  const list = await ctx.http.send('GET', '/v1/api-keys', { query: { per_page: 100, status: 'active' } });
  if (ctx.expectSuccess(list, 200, cite('GET /v1/api-keys?status=active: 200', operation('listApiKeys')), true)) {
    const total = (list.json as { pagination?: { total?: number } }).pagination?.total ?? 0;
    if (total <= 100)
      ctx.expect(
        (dataOf<{ id?: string }[]>(list) ?? []).some((k) => k.id === key.id),
        'the new key is not listed as active',
        { reply: list, documented: cite('listApiKeys status=active', operation('listApiKeys')) },
      );
    ctx.expect(!list.text.includes(key.key), 'the list contains the secret', {
      reply: list,
      documented: cite('secrets are never listed', section('Authentication')),
    });
  }
  const patched = await ctx.http.send('PATCH', path, {
    json: { name: `${ctx.runPrefix}life-renamed`, description: 'renamed' },
  });
  if (ctx.expectSuccess(patched, 200, cite('PATCH /v1/api-keys/{key_id}: 200 ApiKey', operation('updateApiKey')))) {
    ctx.expectContract(patched);
    const data = dataOf<{ name?: string; description?: string }>(patched);
    ctx.expect(
      data?.name === `${ctx.runPrefix}life-renamed` && data.description === 'renamed',
      `PATCH answered ${JSON.stringify(data)}`,
      { reply: patched, documented: cite('changes name/description', operation('updateApiKey')) },
    );
  }
  await expectListAgrees(ctx, {
    listPath: '/v1/api-keys',
    detailPath: path,
    id: key.id,
    stable: ['name', 'description', 'prefix', 'status', 'role', 'created_at', 'updated_at', 'expires_at', 'revoked_at'],
    listOperation: 'listApiKeys',
    getOperation: 'getApiKey',
  });
  const revoked = await ctx.http.send('DELETE', path);
  if (
    ctx.expectSuccess(revoked, 200, cite('DELETE /v1/api-keys/{key_id}: 200 ApiKeyRevoked', operation('revokeApiKey')))
  )
    ctx.expectContract(revoked);
  ctx.expectError(
    await ctx.http.send('GET', '/v1/organization', { auth: { key: key.key } }),
    401,
    'revoked_key',
    cite('the revoked key: 401 revoked_key', operation('revokeApiKey'), section('Errors')),
  );
  const after = await ctx.http.send('GET', path);
  if (ctx.expectSuccess(after, 200, cite('a revoked key can still be read', operation('getApiKey')))) {
    const data = dataOf<{ status?: string; revoked_at?: string | null }>(after);
    ctx.expect(
      data?.status === 'revoked' && typeof data.revoked_at === 'string',
      `after revocation: status ${data?.status}, revoked_at ${data?.revoked_at}`,
      {
        reply: after,
        documented: cite('status revoked with revoked_at', pointer('#/components/schemas/ApiKeyRevoked')),
      },
    );
  }
  const again = await ctx.http.send('GET', '/v1/organization', { auth: { key: key.key } });
  ctx.expectError(
    again,
    401,
    'revoked_key',
    cite('the revoked key stays revoked: 401 revoked_key', operation('revokeApiKey'), section('Errors')),
  );
}

export const lifeApiKey: Check = {
  id: 'LIFE-002',
  title: 'API key lifecycle: create, get, list, patch, revoke, stays revoked',
  requirement: cite(
    'openapi.yaml createApiKey (201, key shown once), getApiKey, listApiKeys (showing each key as getApiKey does, updates included), updateApiKey, revokeApiKey',
    operation('createApiKey'),
    operation('getApiKey'),
    operation('listApiKeys'),
    operation('updateApiKey'),
    operation('revokeApiKey'),
  ),
  needs: { writes: true },
  run: apiKeyLifecycle,
};
