import { cite, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, burst, isUnlimited, longestPauseMs, waitOut } from '../probes/burst.js';
import { holdUnlimited, unlimitedBurst } from '../probes/unlimited.js';

/** After a 429, waiting the Retry-After it gave is enough: the next request is served. */
async function recovery(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  if (isUnlimited(q)) {
    // No request of an unlimited plan is ever asked to wait: no 429, no Retry-After, in a burst or right after it.
    const replies = await unlimitedBurst(ctx, Math.min(ctx.config.maxBurst, 50));
    replies.push(await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 }));
    holdUnlimited(ctx, replies, 'requests of an unlimited plan never asked to wait');
    return;
  }
  const b = await burst(ctx, q);
  const limited = b.limited[b.limited.length - 1];
  if (!limited && longestPauseMs(b) < (q.windowSeconds * 1000) / 2) {
    ctx.warn(`inconclusive: a burst of ${b.replies.length} requests met no 429 (see RATE-003)`, {
      documented: cite('429 then recovery after Retry-After', section('Rate limits')),
      kind: 'slower-than-quota',
    });
    return;
  }
  if (!limited) {
    ctx.fail(
      `a burst of ${b.replies.length} requests met no 429 but was answered in batches: requests were held, so there is no Retry-After to honour (see RATE-003)`,
      {
        reply: b.replies[b.replies.length - 1],
        documented: cite('429 then recovery after Retry-After', section('Rate limits')),
        kind: 'requests-held',
      },
    );
    return;
  }
  const asked = Number.parseInt(limited.headers['retry-after'] ?? '', 10);
  ctx.expect(
    Number.isFinite(asked) && asked >= 1 && asked <= q.windowSeconds + 1,
    `Retry-After ${limited.headers['retry-after'] ?? '(none)'} on a ${q.windowSeconds}-second window`,
    {
      reply: limited,
      documented: cite('Retry-After: whole seconds until the window ends, at least 1', section('Rate limits')),
      kind: 'retry-after-long',
    },
  );
  // Exactly one retry, after exactly what was asked: a client that honours Retry-After must not need a second.
  const waited = await waitOut(limited);
  const after = await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 });
  ctx.expectSuccess(
    after,
    200,
    cite(
      `one retry after waiting Retry-After (${waited} s) is served`,
      section('Rate limits'),
      standard('RFC 9110 §10.2.3'),
    ),
  );
  if (after.status === 429) {
    ctx.findings[ctx.findings.length - 1]!.kind = 'retry-after-short';
    await waitOut(after);
  }
}

export const rateRecovery: Check = {
  id: 'RATE-004',
  title: 'One retry after waiting Retry-After is served',
  requirement: cite(
    'Retry-After says how long to wait; one retry after it is served (it is not shorter than needed), and it asks no longer than the window needs. An unlimited plan (requests_per_second: null) never asks a client to wait.',
    section('Rate limits'),
    standard('RFC 9110 §10.2.3'),
  ),
  needs: { rateLimit: true },
  run: recovery,
};
