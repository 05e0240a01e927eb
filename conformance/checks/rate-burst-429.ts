import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, burst, waitOut } from '../probes/burst.js';

/** A burst above the advertised quota meets 429 rate_limited in the envelope with Retry-After ≥ 1 and remaining 0. */
async function burst429(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  const b = await burst(ctx, q);
  ctx.note(
    `${b.replies.length} concurrent requests in ${Math.round(b.elapsedMs)} ms against ${q.quota} per ${q.windowSeconds} s: ${b.limited.length} × 429`,
  );
  const first = b.limited[0];
  if (!first) {
    const documented = '429 rate_limited once the quota is used up (DESIGN.md "Rate limits")';
    if (b.replies.length > b.absorbable)
      ctx.fail(
        `${b.replies.length} requests in ${Math.round(b.elapsedMs)} ms (at most ${b.absorbable} absorbable) met no 429`,
        { reply: b.replies[b.replies.length - 1], documented },
      );
    else
      ctx.warn(
        `inconclusive: the burst took ${Math.round(b.elapsedMs)} ms, long enough for the bucket to absorb all ${b.replies.length} requests`,
        { documented },
      );
    return;
  }
  ctx.expectError(first, 429, 'rate_limited', '429 rate_limited (DESIGN.md "Error codes")');
  const retryAfter = first.headers['retry-after'];
  ctx.expect(
    retryAfter !== undefined && /^\d+$/.test(retryAfter) && Number(retryAfter) >= 1,
    `Retry-After is ${JSON.stringify(retryAfter ?? null)}`,
    {
      reply: first,
      documented: 'a 429 carries Retry-After, integer seconds ≥ 1 (RFC 9110 §10.2.3; DESIGN.md "Rate limits")',
    },
  );
  const remaining = first.headers['x-ratelimit-remaining'];
  ctx.expect(remaining === undefined || remaining === '0', `a 429 reports X-RateLimit-Remaining ${remaining}`, {
    reply: first,
    documented: 'nothing remains when the request is refused',
  });
  const odd = b.replies.filter((r) => r.status !== 200 && r.status !== 429);
  ctx.expect(odd.length === 0, `${odd.length} burst responses were neither 200 nor 429 (first: ${odd[0]?.status})`, {
    reply: odd[0],
    documented: '200 or 429',
  });
  await waitOut(first);
}

export const rateBurst429: Check = {
  id: 'RATE-003',
  title: 'A burst above the quota gets 429 with Retry-After',
  requirement:
    'DESIGN.md "Rate limits": requests per second per organisation by plan (token bucket); a 429 rate_limited carries Retry-After (integer seconds ≥ 1) and the envelope.',
  needs: { rateLimit: true },
  run: burst429,
};
