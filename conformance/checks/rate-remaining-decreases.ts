import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, isUnlimited, remainingOf, untilReset } from '../probes/burst.js';
import { holdUnlimited, unlimitedBurst } from '../probes/unlimited.js';

/**
 * Requests arriving together consume quota: among their X-RateLimit-Remaining values the lowest is below the highest.
 * Judged with inequalities: two requests in one fixed window report different values, and `n` requests within
 * `elapsed` seconds touch at most `1 + ceil(elapsed / w)` windows (a token bucket refilling q/w per second could hide
 * at most `elapsed × q / w` of them; the check fails only when neither could explain equal values).
 */
async function remainingDecreases(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  if (isUnlimited(q)) {
    // Nothing counts down on an unlimited plan: requests arriving together report no budget at all.
    holdUnlimited(ctx, await unlimitedBurst(ctx, 20), 'requests of an unlimited plan counted against no budget');
    return;
  }
  // Stay under the quota (this check is not about 429s), but send enough to outrun the refill.
  const n = Math.max(2, Math.min(q.quota - 1, Math.ceil(q.quota / 2), 50));
  // The checks before this one may have used up the window (on a 10-per-second plan, a few requests do): a burst met
  // by 429s, each rightly reporting 0 remaining, would say nothing about decreasing. Start on a fresh window.
  const left = remainingOf(q.probe);
  if (q.probe.status === 429 || (left !== undefined && left < n + 1)) await untilReset(q);
  const started = performance.now();
  const replies = await Promise.all(
    Array.from({ length: n }, () => ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 })),
  );
  const elapsed = (performance.now() - started) / 1000;
  const served = replies.filter((r) => r.status !== 429);
  if (served.length < 2 && replies.some((r) => r.status === 429)) {
    ctx.warn(
      `inconclusive: ${replies.length - served.length} of ${n} requests met 429 on a fresh window (another client sharing the quota?)`,
      {
        reply: replies.find((r) => r.status === 429),
        documented: cite(`${n} requests stay under the quota of ${q.quota}`, section('Rate limits')),
        kind: 'shared-quota',
      },
    );
    return;
  }
  const remaining = served.map(remainingOf).filter((x): x is number => x !== undefined);
  if (remaining.length < 2) {
    ctx.fail('responses to a small burst lack X-RateLimit-Remaining', {
      reply: replies[0],
      documented: cite('X-RateLimit-Remaining on every limited response', section('Rate limits')),
    });
    return;
  }
  const documented = cite(
    'X-RateLimit-Remaining: requests left in the current window (decreases as requests arrive)',
    section('Rate limits'),
  );
  ctx.expect(
    remaining.every((r) => r <= q.quota),
    `remaining ${JSON.stringify(remaining.slice(0, 10))} exceeds the quota ${q.quota}`,
    { reply: replies[0], documented },
  );
  const spread = Math.max(...remaining) - Math.min(...remaining);
  ctx.note(
    `${n} requests in ${elapsed.toFixed(3)} s: remaining from ${Math.max(...remaining)} down to ${Math.min(...remaining)}`,
  );
  if (spread > 0) return;
  const windows = 1 + Math.ceil(elapsed / q.windowSeconds);
  const refilled = elapsed * (q.quota / q.windowSeconds);
  if (n > windows && n - 1 > refilled + 1)
    ctx.fail(
      `${n} requests within ${elapsed.toFixed(3)} s (at most ${windows} windows) all reported remaining ${remaining[0]}`,
      { reply: replies[replies.length - 1], documented },
    );
  else
    ctx.warn(
      `inconclusive: ${n} requests took ${elapsed.toFixed(3)} s, long enough for the budget to renew; remaining stayed ${remaining[0]}`,
      { reply: replies[0], documented, kind: 'slower-than-quota' },
    );
}

export const rateRemainingDecreases: Check = {
  id: 'RATE-002',
  title: 'X-RateLimit-Remaining decreases as requests arrive',
  requirement: cite(
    'a budget per organisation in fixed one-second windows; X-RateLimit-Remaining is what is left of the current window (an unlimited plan has no budget and reports none).',
    section('Rate limits'),
  ),
  needs: { rateLimit: true },
  run: remainingDecreases,
};
