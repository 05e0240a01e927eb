/**
 * A concurrent burst above the advertised quota, judged with inequalities only. The contract's fixed windows of `q`
 * requests per `w` seconds (openapi.yaml "Rate limits") absorb at most `q` per window the burst touches, and a burst
 * lasting `elapsed` touches at most `1 + ceil(elapsed / w)` windows; that bound also covers a token bucket of the same
 * quota (`q + elapsed × q / w`). A burst larger than it must meet a 429; a burst the network slowed down enough to be
 * absorbed is inconclusive, not a failure.
 */
import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';
import { advertisesRateLimit, readRateHeaders } from './rate-headers.js';
import { publishesUnlimited } from './unlimited.js';

export interface Quota {
  quota: number;
  windowSeconds: number;
  probe: Reply;
}

/** The target advertises no limit and its organisation publishes none (`requests_per_second: null`): see unlimited.ts. */
export interface Unlimited {
  unlimited: true;
  probe: Reply;
}

export function isUnlimited(q: Quota | Unlimited): q is Unlimited {
  return 'unlimited' in q;
}

/** The organisation's published requests-per-second limit (GET /v1/organization → limits), when finite. */
export function publishedLimit(ctx: CheckContext): number | undefined {
  const limit = ctx.organization?.limits?.requests_per_second;
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : undefined;
}

/**
 * The advertised quota. Without rate-limit headers: a failure when they are required (`--rate-limit required`, or
 * `auto` and the organisation's published plan limits name a finite requests-per-second limit); `Unlimited` when the
 * organisation publishes an unlimited rate, which the checks then verify; else (nothing published) a skip.
 */
export async function advertisedQuota(ctx: CheckContext): Promise<Quota | Unlimited> {
  const probe = await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 });
  if (!advertisesRateLimit(probe)) {
    const published = publishedLimit(ctx);
    const required =
      ctx.config.rateLimit === 'required'
        ? '--rate-limit required'
        : published !== undefined
          ? `the organisation's plan publishes a limit of ${published} requests per second (GET /v1/organization → limits)`
          : undefined;
    if (required) {
      ctx.fail(`no rate-limit headers, although ${required}`, {
        reply: probe,
        documented: cite(
          'limited responses carry RateLimit-Policy, RateLimit and X-RateLimit-*',
          section('Rate limits'),
          pointer('#/components/schemas/PlanLimits'),
        ),
        kind: 'rate-headers-missing',
      });
      ctx.skip('no rate-limit headers to probe');
    }
    if (publishesUnlimited(ctx)) return { unlimited: true, probe };
    ctx.skip(
      'the target advertises no rate-limit headers and its organisation publishes no plan limits to hold it to (GET /v1/organization → limits)',
    );
  }
  const h = readRateHeaders(probe);
  const quota = h.policyQuota ?? h.xLimit;
  if (!quota) ctx.skip('rate-limit headers are present but name no quota (RateLimit-Policy q / X-RateLimit-Limit)');
  return { quota, windowSeconds: h.policyWindow ?? 1, probe };
}

export interface BurstOutcome {
  /**
   * Requests sent one after another before the burst, each once the previous one was answered: their order, and that
   * every burst request came after them, is known, whatever the network reorders among the concurrent ones.
   */
  chain: Reply[];
  replies: Reply[];
  /** When each reply arrived, in milliseconds after the burst started (same order as `replies`). */
  arrivedMs: number[];
  elapsedMs: number;
  /** The most requests the limiter could have served in the elapsed time. */
  absorbable: number;
  limited: Reply[];
}

/**
 * A burst above the quota. One that met no 429 yet was answered steadily and too slowly to exceed what the limiter
 * could absorb says nothing (a deployment slower than its own quota, often a passing load): it is tried once more on
 * a fresh window before the checks call it inconclusive. A burst answered in batches (held) is never retried.
 */
export async function burst(ctx: CheckContext, q: Quota): Promise<BurstOutcome> {
  // Twice the quota and then some, at least 50 over it: larger than two windows' worth, the most a short burst can meet.
  const size = Math.min(ctx.config.maxBurst, Math.max(q.quota * 2 + 5, q.quota + 50));
  if (q.quota + 1 > ctx.config.maxBurst)
    ctx.skip(
      `the advertised quota (${q.quota} per ${q.windowSeconds} s) is above --max-burst ${ctx.config.maxBurst}; not hammering the target`,
    );
  const first = await burstOnce(ctx, q, size);
  const inconclusive =
    first.limited.length === 0 &&
    first.replies.length <= first.absorbable &&
    longestPauseMs(first) < (q.windowSeconds * 1000) / 2;
  if (!inconclusive) return first;
  ctx.note(
    `a first burst of ${size} met no 429 in ${Math.round(first.elapsedMs)} ms, too slow to exceed ${first.absorbable} absorbable: bursting once more on a fresh window`,
  );
  await new Promise((r) => setTimeout(r, q.windowSeconds * 1000 + 250));
  // The window the first burst used has ended: the chain of the second starts on a whole budget, as the first did.
  return burstOnce(ctx, q, size);
}

async function burstOnce(ctx: CheckContext, q: Quota, size: number): Promise<BurstOutcome> {
  // The chain should find a window with room for it, so that its order says something about `remaining`.
  const left = remainingOf(q.probe);
  const chainLength = Math.min(CHAIN_LENGTH, q.quota);
  if (q.probe.status === 429 || (left !== undefined && left < chainLength + 1)) await untilReset(q);
  const chain: Reply[] = [];
  for (let i = 0; i < chainLength; i++)
    chain.push(await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 }));
  const started = performance.now();
  const arrivedMs: number[] = Array.from({ length: size }, () => 0);
  const replies = await Promise.all(
    Array.from({ length: size }, async (_, i) => {
      const reply = await ctx.http.send('GET', '/v1/organization', { rateLimitRetries: 0 });
      arrivedMs[i] = performance.now() - started;
      return reply;
    }),
  );
  const elapsedMs = performance.now() - started;
  const absorbable = q.quota * (1 + Math.ceil(elapsedMs / 1000 / q.windowSeconds));
  return { chain, replies, arrivedMs, elapsedMs, absorbable, limited: replies.filter((r) => r.status === 429) };
}

/** How many requests go one after another before a burst. */
const CHAIN_LENGTH = 3;

/** `X-RateLimit-Remaining`, else the `r` of `RateLimit`. */
export function remainingOf(reply: Reply): number | undefined {
  const h = readRateHeaders(reply);
  return h.xRemaining ?? h.remaining;
}

/** Waits until the probe's window resets: Retry-After on a 429, else RateLimit `t`, else one window (capped at 60 s). */
export async function untilReset(q: Quota): Promise<void> {
  const retryAfter = Number.parseInt(q.probe.headers['retry-after'] ?? '', 10);
  const seconds = Number.isFinite(retryAfter) ? retryAfter : (readRateHeaders(q.probe).resetSeconds ?? q.windowSeconds);
  await new Promise((r) => setTimeout(r, Math.min(Math.max(seconds, 1), 60) * 1000 + 250));
}

/**
 * The longest pause between two consecutive replies of a burst. A deployment that holds requests over the limit
 * (a queue, a proxy retrying behind the scenes) releases them in batches a window apart; one merely slower than its
 * quota answers steadily.
 */
export function longestPauseMs(b: BurstOutcome): number {
  const times = [...b.arrivedMs].sort((x, y) => x - y);
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return longest;
}

/** Waits as long as the latest 429 asked (Retry-After), so later checks start with a whole budget. */
export async function waitOut(reply: Reply | undefined): Promise<number> {
  const seconds = Math.min(Math.max(Number.parseInt(reply?.headers['retry-after'] ?? '1', 10) || 1, 1), 60);
  await new Promise((r) => setTimeout(r, seconds * 1000 + 250));
  return seconds;
}
