import { cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { advertisedQuota, isUnlimited, publishedLimit } from '../probes/burst.js';
import { readRateHeaders } from '../probes/rate-headers.js';
import { holdUnlimited, publishesUnlimited } from '../probes/unlimited.js';

/** The five rate-limit headers are present and agree with one another (q = X-RateLimit-Limit, r = X-RateLimit-Remaining ≤ limit, reset ahead). */
async function policyHeaders(ctx: CheckContext): Promise<void> {
  const q = await advertisedQuota(ctx);
  if (isUnlimited(q)) {
    // Several operations, each answered without any rate-limit header.
    const replies = [q.probe];
    for (const path of ['/v1/mcps', '/v1/usage', '/v1/organization'])
      replies.push(await ctx.http.send('GET', path, { rateLimitRetries: 0 }));
    holdUnlimited(ctx, replies, 'responses of an unlimited plan without rate-limit headers');
    return;
  }
  const reply = q.probe;
  if (publishesUnlimited(ctx) && ctx.config.rateLimit !== 'required')
    ctx.fail(
      'the organisation publishes no limit (requests_per_second: null), yet its responses carry rate-limit headers',
      {
        reply,
        documented: cite(
          'an unlimited plan (requests_per_second: null): responses carry none of the rate-limit headers',
          section('Rate limits'),
          pointer('#/components/schemas/PlanLimits'),
        ),
        kind: 'rate-headers-unlimited',
      },
    );
  const documented = cite(
    'RateLimit-Policy, RateLimit (draft-ietf-httpapi-ratelimit-headers-10) and X-RateLimit-Limit/Remaining/Reset on every limited response',
    section('Rate limits'),
    standard('draft-ietf-httpapi-ratelimit-headers-10'),
  );
  for (const h of [
    'ratelimit-policy',
    'ratelimit',
    'x-ratelimit-limit',
    'x-ratelimit-remaining',
    'x-ratelimit-reset',
  ]) {
    ctx.expect(h in reply.headers, `${h} is missing`, { reply, documented });
  }
  const r = readRateHeaders(reply);
  const published = publishedLimit(ctx);
  const quota = r.policyQuota ?? r.xLimit;
  if (published !== undefined && quota !== undefined && (r.policyWindow ?? 1) === 1)
    ctx.expect(
      quota === published,
      `the headers advertise ${quota} requests per second, the organisation's plan publishes ${published}`,
      {
        reply,
        documented: cite(
          "the quota is the plan's requests_per_second",
          section('Rate limits'),
          pointer('#/components/schemas/PlanLimits'),
        ),
        kind: 'rate-quota-mismatch',
      },
    );
  if (r.policyQuota !== undefined && r.xLimit !== undefined)
    ctx.expect(r.policyQuota === r.xLimit, `RateLimit-Policy q=${r.policyQuota} but X-RateLimit-Limit ${r.xLimit}`, {
      reply,
      documented,
    });
  if (r.remaining !== undefined && r.xRemaining !== undefined)
    ctx.expect(r.remaining === r.xRemaining, `RateLimit r=${r.remaining} but X-RateLimit-Remaining ${r.xRemaining}`, {
      reply,
      documented,
    });
  if (r.xRemaining !== undefined && r.xLimit !== undefined)
    ctx.expect(
      r.xRemaining <= r.xLimit,
      `X-RateLimit-Remaining ${r.xRemaining} exceeds X-RateLimit-Limit ${r.xLimit}`,
      { reply, documented },
    );
  if (r.xReset !== undefined) {
    const now = Date.now() / 1000;
    const window = r.policyWindow ?? 1;
    // Epoch seconds (openapi.yaml#/components/headers/X-RateLimit-Reset); a delta-seconds value would be far in the past, the classic mix-up.
    ctx.expect(
      r.xReset >= now - 5 && r.xReset <= now + window + 120,
      `X-RateLimit-Reset ${r.xReset} is not an epoch second near now (${Math.round(now)})`,
      {
        reply,
        documented: cite(
          'X-RateLimit-Reset: Unix epoch seconds when the window resets',
          pointer('#/components/headers/X-RateLimit-Reset'),
        ),
      },
    );
  }
  if (r.resetSeconds !== undefined)
    ctx.expect(
      r.resetSeconds >= 0 && r.resetSeconds <= (r.policyWindow ?? 1) + 60,
      `RateLimit t=${r.resetSeconds} is out of range`,
      { reply, documented },
    );
}

export const ratePolicyHeaders: Check = {
  id: 'RATE-001',
  title: 'Rate-limit policy headers are present and consistent',
  requirement: cite(
    "every limited response carries RateLimit-Policy and RateLimit (draft-10) and X-RateLimit-Limit, -Remaining, -Reset (epoch seconds); they describe the same quota, the plan's published requests_per_second; a limited deployment cannot leave them out, and an unlimited plan (requests_per_second: null) sends none of them.",
    section('Rate limits'),
    pointer('#/components/schemas/PlanLimits'),
  ),
  needs: { rateLimit: true },
  run: policyHeaders,
};
