import type { Check } from '../model.js';
import type { CheckContext } from '../context.js';
import { advertisedQuota } from '../probes/burst.js';
import { readRateHeaders } from '../probes/rate-headers.js';

/** Requests arriving together consume quota: their X-RateLimit-Remaining values are not all equal (inequalities only). */
async function remainingDecreases(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  const n = Math.max(2, Math.min(5, q.quota - 1));
  const started = performance.now();
  const replies = await Promise.all(Array.from({ length: n }, () => ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 })));
  const elapsed = (performance.now() - started) / 1000;
  const remaining = replies.map((r) => readRateHeaders(r).xRemaining ?? readRateHeaders(r).remaining).filter((x): x is number => x !== undefined);
  if (remaining.length < 2) {
    ctx.fail('responses to a small burst lack X-RateLimit-Remaining', { reply: replies[0], documented: 'X-RateLimit-Remaining on every limited response' });
    return;
  }
  const documented = 'X-RateLimit-Remaining: requests left in the current window (decreases as requests arrive)';
  ctx.expect(remaining.every((r) => r <= q.quota), `remaining ${JSON.stringify(remaining)} exceeds the quota ${q.quota}`, { reply: replies[0], documented });
  if (Math.min(...remaining) < Math.max(...remaining)) return;
  // One token comes back every w/q seconds: a burst slower than that can legitimately show a constant remaining.
  const refill = q.windowSeconds / q.quota;
  if (elapsed > refill) ctx.warn(`inconclusive: ${n} requests took ${elapsed.toFixed(3)} s, longer than one token's refill (${refill.toFixed(3)} s); remaining stayed ${remaining[0]}`, { reply: replies[0], documented });
  else ctx.fail(`${n} requests within ${elapsed.toFixed(3)} s all reported remaining ${remaining[0]}`, { reply: replies[replies.length - 1], documented });
}

export const rateRemainingDecreases: Check = {
  id: 'RATE-002',
  title: 'X-RateLimit-Remaining decreases as requests arrive',
  requirement: 'DESIGN.md "Rate limits": a token bucket per organisation (burst = one second\'s worth); X-RateLimit-Remaining is what is left of it.',
  needs: { rateLimit: true },
  run: remainingDecreases,
};
