import { cite, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, burst, waitOut } from '../probes/burst.js';

/** After a 429, waiting the Retry-After it gave is enough: the next request is served. */
async function recovery(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  const b = await burst(ctx, q);
  const limited = b.limited[b.limited.length - 1];
  if (!limited) {
    ctx.warn(`inconclusive: a burst of ${b.replies.length} requests met no 429 (see RATE-003)`, {
      documented: cite('429 then recovery after Retry-After', section('Rate limits')),
    });
    return;
  }
  const waited = await waitOut(limited);
  const after = await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 });
  if (after.status === 429) {
    // One more window in case our clock and the server's disagree on the boundary; twice is a failure.
    await waitOut(after);
    const again = await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 });
    ctx.expectSuccess(again, 200, cite(`served after waiting Retry-After (${waited} s) twice`, section('Rate limits')));
    return;
  }
  ctx.expectSuccess(
    after,
    200,
    cite(`served after waiting Retry-After (${waited} s)`, section('Rate limits'), standard('RFC 9110 §10.2.3')),
  );
}

export const rateRecovery: Check = {
  id: 'RATE-004',
  title: 'Requests are served again after waiting Retry-After',
  requirement: cite(
    'Retry-After says how long to wait; after it, the budget is whole again and the request is served.',
    section('Rate limits'),
    standard('RFC 9110 §10.2.3'),
  ),
  needs: { rateLimit: true },
  run: recovery,
};
