import { cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { everyOperationRefuses } from '../probes/every-operation.js';
import { createApiKey, requireCreated } from '../probes/fixtures.js';

/** A key that worked, once revoked with the main key, is 401 revoked_key in every accepted form and on every operation. */
async function revokedKey(ctx: CheckContext): Promise<void> {
  const created = await createApiKey(ctx, 'revoked');
  const key = requireCreated(ctx, 'an API key', created.reply, created.key);
  const before = await ctx.http.send('GET', '/v1/organization', { auth: { key: key.key } });
  ctx.expectSuccess(before, 200, cite('a new key authenticates', section('Authentication')));
  const revoke = await ctx.http.send('DELETE', `/v1/api-keys/${encodeURIComponent(key.id)}`);
  if (
    ctx.expectSuccess(
      revoke,
      200,
      cite('DELETE /v1/api-keys/{key_id}: 200 { id, status: revoked, revoked_at }', operation('revokeApiKey')),
    )
  ) {
    const data = dataOf<{ status?: unknown; id?: unknown }>(revoke);
    ctx.expect(data?.status === 'revoked' && data.id === key.id, `revocation answered ${JSON.stringify(data)}`, {
      reply: revoke,
      documented: cite(
        'ApiKeyRevoked { id, status: "revoked", revoked_at }',
        pointer('#/components/schemas/ApiKeyRevoked'),
      ),
    });
  }
  for (const scheme of ['ApiKey', 'Bearer', 'X-API-Key'] as const) {
    const after = await ctx.http.send('GET', '/v1/organization', { auth: { key: key.key, scheme } });
    ctx.expectError(after, 401, 'revoked_key', cite(`${scheme}: 401 revoked_key`, section('Errors')));
  }
  // Not only where a deployment remembered to look: every operation of the contract refuses the revoked key.
  await everyOperationRefuses(
    ctx,
    key.key,
    'revoked_key',
    cite('401 revoked_key on every operation', section('Authentication'), section('Errors')),
    'revoked-accepted',
  );
}

export const authRevokedKey: Check = {
  id: 'AUTH-006',
  title: 'A revoked key answers 401 revoked_key on every operation',
  requirement: cite(
    'revoked_key 401; openapi.yaml revokeApiKey: revokes the key at once and for good.',
    section('Errors'),
    operation('revokeApiKey'),
  ),
  needs: { writes: true },
  run: revokedKey,
};
