import { cite, operation, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { everyOperationRefuses } from '../probes/every-operation.js';
import { createApiKey } from '../probes/fixtures.js';

const LIFETIME_MS = 3_000;
/** Clocks differ: after the expiry, poll this long before calling the key immortal. */
const GRACE_MS = 8_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A key created to expire in a few seconds authenticates until then and is 401 expired_key afterwards. */
async function expiredKey(ctx: CheckContext): Promise<void> {
  const expiresAt = new Date(Date.now() + LIFETIME_MS);
  const created = await createApiKey(ctx, 'expiring', { expires_at: expiresAt.toISOString() });
  if (!created.key) {
    if (created.reply.status >= 500)
      ctx.fail('creating a short-lived key crashed', {
        reply: created.reply,
        documented: cite('201, or 422 validation_error', operation('createApiKey')),
      });
    ctx.skip(
      `the server does not allow a key expiring in ${LIFETIME_MS / 1000} s (answered ${created.reply.status}: ${created.reply.text.slice(0, 160)})`,
    );
  }
  const key = created.key.key;
  const deadline = expiresAt.getTime() + GRACE_MS;
  await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 1_000);
  let last = await ctx.http.send('GET', '/v1/organization', { auth: { key } });
  while (last.status === 200 && Date.now() < deadline) {
    await sleep(1_000);
    last = await ctx.http.send('GET', '/v1/organization', { auth: { key } });
  }
  ctx.expectError(
    last,
    401,
    'expired_key',
    cite(`401 expired_key after expires_at ${expiresAt.toISOString()}`, section('Errors')),
  );
  if (last.status !== 401) return;
  await everyOperationRefuses(
    ctx,
    key,
    'expired_key',
    cite('401 expired_key on every operation', section('Authentication'), section('Errors')),
    'expired-accepted',
  );
}

export const authExpiredKey: Check = {
  id: 'AUTH-007',
  title: 'An expired key answers 401 expired_key on every operation',
  requirement: cite(
    'expired_key 401; openapi.yaml ApiKeyCreate.expires_at: must be in the future, the key stops working then.',
    section('Errors'),
    pointer('#/components/schemas/ApiKeyCreate'),
  ),
  needs: { writes: true },
  run: expiredKey,
};
