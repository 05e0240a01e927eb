/**
 * The rate-limit headers of every response of a burst, 429s included, held to what they promise (openapi.yaml
 * "Rate limits"): one quota throughout, the advertised one; within one window (one `X-RateLimit-Reset`) each served
 * request takes one from `remaining`, which never rises as responses arrive; a 429 reports nothing remaining and a
 * `Retry-After` that agrees with the window's reset and is no longer than the window needs.
 */
import { cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';
import type { BurstOutcome, Quota } from './burst.js';
import { advertisesRateLimit, readRateHeaders } from './rate-headers.js';

const DOC = cite(
  'RateLimit-Policy, RateLimit and X-RateLimit-* on every limited response, 429 included: one quota, what is left of the current window, when it ends',
  section('Rate limits'),
  standard('draft-ietf-httpapi-ratelimit-headers-10'),
);
const RETRY_DOC = cite(
  'Retry-After: whole seconds until the window ends (at least 1)',
  section('Rate limits'),
  pointer('#/components/headers/Retry-After'),
  standard('RFC 9110 §10.2.3'),
);

/** A share of the served responses that may be seen out of order (separate connections) before it counts as a lie. */
const REORDER_SLACK = 0.2;

export function judgeBurstHeaders(ctx: CheckContext, q: Quota, b: BurstOutcome): void {
  const order = b.replies.map((reply, i) => ({ reply, at: b.arrivedMs[i] ?? 0 })).sort((x, y) => x.at - y.at);
  const bare = order.filter(({ reply }) => !advertisesRateLimit(reply));
  ctx.expect(bare.length === 0, `${bare.length} of ${order.length} burst responses carry no rate-limit headers`, {
    reply: bare[0]?.reply,
    documented: DOC,
    kind: 'rate-headers-missing',
  });
  const quotas = new Set(order.map(({ reply }) => quotaOf(reply)).filter((x) => x !== undefined));
  ctx.expect(
    quotas.size <= 1 && (quotas.size === 0 || quotas.has(q.quota)),
    `the quota changes within one burst: ${[...quotas].join(', ')} (advertised ${q.quota})`,
    { reply: order[order.length - 1]?.reply, documented: DOC, kind: 'rate-header-lie' },
  );
  const windows = new Map<string, number[]>();
  for (const { reply } of order) {
    if (reply.status !== 200) continue;
    const h = readRateHeaders(reply);
    const remaining = h.xRemaining ?? h.remaining;
    if (remaining === undefined) continue;
    const key = String(h.xReset ?? 'one');
    windows.set(key, [...(windows.get(key) ?? []), remaining]);
  }
  for (const [reset, values] of windows) {
    if (values.length < 5) continue;
    const rises = values.slice(1).filter((v, i) => v > (values[i] ?? v)).length;
    const repeats = values.length - new Set(values).size;
    ctx.expect(
      rises <= Math.max(2, values.length * REORDER_SLACK) && repeats <= Math.max(2, values.length * REORDER_SLACK),
      `within the window ending ${reset}, remaining rose ${rises} times and repeated ${repeats} times over ${values.length} served requests (${values.slice(0, 12).join(', ')}…)`,
      { reply: order[0]?.reply, documented: DOC, kind: 'rate-header-lie' },
    );
  }
  for (const reply of b.limited) judgeRefusal(ctx, q, reply);
}

function quotaOf(reply: Reply): number | undefined {
  const h = readRateHeaders(reply);
  return h.policyQuota ?? h.xLimit;
}

/** One 429: nothing remaining, and a Retry-After that matches the reset and asks for no more than the window. */
function judgeRefusal(ctx: CheckContext, q: Quota, reply: Reply): void {
  const h = readRateHeaders(reply);
  const remaining = h.xRemaining ?? h.remaining;
  const retryAfter = Number.parseInt(reply.headers['retry-after'] ?? '', 10);
  ctx.expect(remaining === undefined || remaining === 0, `a 429 reports ${remaining} requests remaining`, {
    reply,
    documented: DOC,
    kind: 'rate-header-lie',
  });
  if (!Number.isFinite(retryAfter)) return;
  ctx.expect(
    retryAfter <= q.windowSeconds + 1,
    `Retry-After ${retryAfter} s on a ${q.windowSeconds}-second window: far longer than needed`,
    { reply, documented: RETRY_DOC, kind: 'retry-after-long' },
  );
  const epoch = Date.parse(reply.exchange.startedAt) / 1000;
  const untilReset = h.resetSeconds ?? (h.xReset !== undefined ? h.xReset - epoch : undefined);
  if (untilReset !== undefined)
    ctx.expect(
      Math.abs(untilReset - retryAfter) <= 1.5,
      `Retry-After ${retryAfter} s but the window resets in ${untilReset.toFixed(1)} s`,
      { reply, documented: RETRY_DOC, kind: 'retry-after-mismatch' },
    );
}
