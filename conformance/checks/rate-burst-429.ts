import { cite, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, burst, isUnlimited, longestPauseMs, waitOut } from '../probes/burst.js';
import { judgeBurstHeaders } from '../probes/burst-headers.js';
import { holdUnlimited, unlimitedBurst } from '../probes/unlimited.js';

/** A burst above the advertised quota meets 429 rate_limited in the envelope with Retry-After ≥ 1 and remaining 0. */
async function burst429(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  if (isUnlimited(q)) {
    // More at once than twice the pro plan's budget (100 per second): a limited deployment would refuse part of it.
    const size = Math.min(ctx.config.maxBurst, 205);
    holdUnlimited(ctx, await unlimitedBurst(ctx, size), 'burst requests of an unlimited plan served');
    return;
  }
  const b = await burst(ctx, q);
  ctx.note(
    `${b.replies.length} concurrent requests in ${Math.round(b.elapsedMs)} ms against ${q.quota} per ${q.windowSeconds} s: ${b.limited.length} × 429`,
  );
  const first = b.limited[0];
  judgeBurstHeaders(ctx, q, b);
  if (!first) {
    // Sent at once, more requests than the quota must meet a 429 promptly. A burst that was all served, but only
    // after a window or more, was held (queued, or retried behind the scenes by a proxy) instead of refused.
    const documented = cite('429 rate_limited, promptly, once the quota is used up', section('Rate limits'));
    const pause = longestPauseMs(b);
    const held = pause >= (q.windowSeconds * 1000) / 2;
    if (!held && b.replies.length <= b.absorbable) {
      ctx.warn(
        `inconclusive: the deployment answered the ${b.replies.length} requests steadily over ${Math.round(b.elapsedMs)} ms, slower than its quota of ${q.quota} per ${q.windowSeconds} s (a loaded machine?)`,
        { documented, kind: 'slower-than-quota' },
      );
      return;
    }
    ctx.fail(
      held
        ? `${b.replies.length} requests sent at once (quota ${q.quota} per ${q.windowSeconds} s) were all served, in batches ${Math.round(pause)} ms apart: requests over the limit were held instead of refused with 429`
        : `${b.replies.length} requests in ${Math.round(b.elapsedMs)} ms (at most ${b.absorbable} absorbable) met no 429`,
      { reply: b.replies[b.replies.length - 1], documented, kind: held ? 'requests-held' : 'no-429' },
    );
    return;
  }
  ctx.expectError(first, 429, 'rate_limited', cite('429 rate_limited', section('Errors')));
  const retryAfter = first.headers['retry-after'];
  ctx.expect(
    retryAfter !== undefined && /^\d+$/.test(retryAfter) && Number(retryAfter) >= 1,
    `Retry-After is ${JSON.stringify(retryAfter ?? null)}`,
    {
      reply: first,
      documented: cite(
        'a 429 carries Retry-After, integer seconds ≥ 1 (RFC 9110 §10.2.3)',
        section('Rate limits'),
        standard('RFC 9110 §10.2.3'),
      ),
    },
  );
  const remaining = first.headers['x-ratelimit-remaining'];
  ctx.expect(remaining === undefined || remaining === '0', `a 429 reports X-RateLimit-Remaining ${remaining}`, {
    reply: first,
    documented: cite('nothing remains when the request is refused', section('Rate limits')),
  });
  const odd = b.replies.filter((r) => r.status !== 200 && r.status !== 429);
  ctx.expect(odd.length === 0, `${odd.length} burst responses were neither 200 nor 429 (first: ${odd[0]?.status})`, {
    reply: odd[0],
    documented: cite('200 or 429', section('Rate limits')),
  });
  await waitOut(first);
}

export const rateBurst429: Check = {
  id: 'RATE-003',
  title: 'A burst above the quota gets 429 with Retry-After',
  requirement: cite(
    'requests per second per organisation by plan (fixed one-second windows); over the limit a request is refused at once with 429 rate_limited, Retry-After (integer seconds ≥ 1, until the window ends) and the envelope; every response of the burst, 429s included, carries headers that tell the truth (one quota, remaining never rising within a window). An unlimited plan (requests_per_second: null) serves the burst whole.',
    section('Rate limits'),
  ),
  needs: { rateLimit: true },
  run: burst429,
};
