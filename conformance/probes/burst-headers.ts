/**
 * The rate-limit headers of every response of a burst, 429s included, held to what they promise (openapi.yaml
 * "Rate limits"): one quota throughout, the advertised one; within one window (one `X-RateLimit-Reset`) each served
 * request takes one from `remaining`, which never rises from one request to a later one; a 429 reports nothing remaining and a
 * `Retry-After` that agrees with the window's reset and is no longer than the window needs.
 */
import { cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';
import { type BurstOutcome, type Quota, remainingOf } from './burst.js';
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

export function judgeBurstHeaders(ctx: CheckContext, q: Quota, b: BurstOutcome): void {
  const order = [
    ...b.chain.map((reply) => ({ reply, at: -1 })),
    ...b.replies.map((reply, i) => ({ reply, at: b.arrivedMs[i] ?? 0 })),
  ].sort((x, y) => x.at - y.at);
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
  judgeRemaining(ctx, q, b);
  for (const reply of b.limited) judgeRefusal(ctx, q, reply);
}

/** The window a response counts in: its `X-RateLimit-Reset`, one instant for every response of one fixed window. */
function windowOf(reply: Reply): number | undefined {
  return readRateHeaders(reply).xReset;
}

/**
 * `remaining` judged only where the order of requests is known, so no reordering excuses a lie and nothing is left to
 * chance: a served request took one from its window (at most quota − 1 remain after it; no two served requests of one
 * window report the same figure), and a request sent after another was answered, in the same window, reports less
 * than it did (after a 429, nothing: the window is used up). The chain before the burst is such an order, and every
 * burst request was sent after the chain's last answer. Without `X-RateLimit-Reset` windows cannot be told apart, and
 * only the quota − 1 bound is held.
 */
function judgeRemaining(ctx: CheckContext, q: Quota, b: BurstOutcome): void {
  const lie = (message: string, reply: Reply | undefined) =>
    ctx.fail(message, { ...(reply ? { reply } : {}), documented: DOC, kind: 'rate-header-lie' });
  const served = [...b.chain, ...b.replies].filter((r) => r.status !== 429);
  const above = served.filter((r) => (remainingOf(r) ?? 0) > q.quota - 1);
  ctx.assertions++;
  if (above.length > 0)
    lie(
      `${above.length} served responses report more remaining than the quota of ${q.quota} leaves after them (${above.map(remainingOf).slice(0, 8).join(', ')})`,
      above[0],
    );
  const byWindow = new Map<number, number[]>();
  for (const r of served) {
    const w = windowOf(r);
    const left = remainingOf(r);
    if (w !== undefined && left !== undefined) byWindow.set(w, [...(byWindow.get(w) ?? []), left]);
  }
  for (const [w, values] of byWindow) {
    const repeated = values.filter((v, i) => values.indexOf(v) !== i);
    ctx.assertions++;
    if (repeated.length > 0)
      lie(
        `within the window ending ${w}, served requests report the same remaining twice (${[...new Set(repeated)].join(', ')})`,
        served[0],
      );
  }
  const after = (earlier: Reply, later: Reply, what: string) => {
    const w = windowOf(earlier);
    if (w === undefined || w !== windowOf(later) || later.status === 429) return;
    const before = earlier.status === 429 ? 0 : remainingOf(earlier);
    const now = remainingOf(later);
    if (before === undefined || now === undefined) return;
    ctx.assertions++;
    if (earlier.status === 429)
      lie(`${what} was served in the window ending ${w} after a 429 had said it was used up`, later);
    else if (now >= before)
      lie(`remaining rose from ${before} to ${now} within the window ending ${w}: ${what} reported it`, later);
  };
  b.chain.forEach((r, i) => {
    const previous = b.chain[i - 1];
    if (previous) after(previous, r, `request ${i + 1} of the chain, sent once request ${i} was answered,`);
  });
  const last = b.chain[b.chain.length - 1];
  if (last) for (const r of b.replies) after(last, r, 'a burst request, sent after the chain was answered,');
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
