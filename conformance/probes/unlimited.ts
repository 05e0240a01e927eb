/**
 * An organisation whose published plan limits name no request rate (`GET /v1/organization` → `limits.requests_per_second:
 * null`, "null means unlimited", openapi.yaml#/components/schemas/PlanLimits) is unlimited, and the contract says what
 * that looks like ("Rate limits": enterprise responses carry none of the rate-limit headers). So on such a target the
 * RATE checks do not skip: each verifies the unlimited side of its promise, and fails a deployment that publishes no
 * limit yet limits, or counts, or asks clients to wait.
 */
import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';

/** The headers a limited response carries and an unlimited one must not (Retry-After included: nothing to wait for). */
export const RATE_LIMIT_HEADERS = [
  'ratelimit-policy',
  'ratelimit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
] as const;

const DOCUMENTED = cite(
  'an organisation whose plan publishes requests_per_second: null is unlimited: never 429 rate_limited, and its responses carry none of the rate-limit headers',
  section('Rate limits'),
  pointer('#/components/schemas/PlanLimits'),
);

/** Whether the preflight's organisation publishes an unlimited request rate (`requests_per_second: null`). */
export function publishesUnlimited(ctx: CheckContext): boolean {
  const limits = ctx.organization?.limits;
  return limits !== undefined && limits !== null && limits.requests_per_second === null;
}

/**
 * Holds each reply to the unlimited promise: served (not 429), and without rate-limit headers. Counts the replies as
 * verified under `what`.
 */
export function holdUnlimited(ctx: CheckContext, replies: readonly Reply[], what: string): void {
  for (const reply of replies) {
    const request = `${reply.exchange.request.method} ${new URL(reply.exchange.request.url).pathname}`;
    ctx.expect(reply.status !== 429, `${request} answered 429 although the plan publishes no limit`, {
      reply,
      documented: DOCUMENTED,
      kind: 'limited-while-unlimited',
    });
    const present = RATE_LIMIT_HEADERS.filter((h) => h in reply.headers);
    ctx.expect(present.length === 0, `${request} carries ${present.join(', ')} although the plan publishes no limit`, {
      reply,
      documented: DOCUMENTED,
      kind: 'rate-headers-unlimited',
    });
  }
  ctx.verified(what, replies.length);
}

/** `size` requests at once to `GET /v1/organization`, none retried: the burst an unlimited plan must serve whole. */
export function unlimitedBurst(ctx: CheckContext, size: number): Promise<Reply[]> {
  return Promise.all(
    Array.from({ length: size }, () => ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 })),
  );
}
