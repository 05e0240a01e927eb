import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../runner.js';
import { startTestTarget, type TestTarget } from '../test-target.js';
import { rateRemainingDecreases } from './rate-remaining-decreases.js';

const KEY = 'pmcp_RateRemainingTestKey0123456789abcdefghijAB';
// 100 per 60 s: a slow refill (5/3 a second), so even a slow machine cannot blur a frozen counter into a refill.
const QUOTA = 100;
const WINDOW = 60;
let target: TestTarget | undefined;

afterEach(() => target?.close());

/**
 * Fixed windows of QUOTA requests, as the server's rate limiter counts them. The current window is used up and ends one
 * second after the check's first request: what a small plan looks like after the checks that ran before RATE-002.
 */
function drainedLimiter(options: { frozenRemaining?: boolean } = {}) {
  let windowEnd: number | undefined;
  let used = QUOTA;
  return () => {
    const now = Date.now();
    windowEnd ??= now + 1000;
    if (now >= windowEnd) [windowEnd, used] = [now + WINDOW * 1000, 0];
    const limited = used >= QUOTA;
    if (!limited) used++;
    const remaining = options.frozenRemaining ? QUOTA : QUOTA - used;
    const headers = {
      'RateLimit-Policy': `"default";q=${QUOTA};w=${WINDOW}`,
      'X-RateLimit-Limit': String(QUOTA),
      'X-RateLimit-Remaining': String(remaining),
    };
    return limited
      ? {
          status: 429,
          body: { success: false, error: { code: 'rate_limited', message: 'Too many requests' } },
          headers: { ...headers, 'Retry-After': String(Math.ceil((windowEnd - now) / 1000)) },
        }
      : { status: 200, body: { success: true, data: { id: 'org_1' } }, headers };
  };
}

async function runAgainst(limiter: ReturnType<typeof drainedLimiter>) {
  const answer = limiter;
  target = await startTestTarget((req) =>
    req.url === '/health' ? { status: 200, body: { success: true, data: { status: 'ok' } } } : answer(),
  );
  const report = await runConformance({ baseUrl: target.baseUrl, apiKey: KEY }, { checks: [rateRemainingDecreases] });
  return report.results[0];
}

describe('RATE-002', () => {
  it('waits for a fresh window when the checks before it used the quota up, instead of failing on 429s', {
    timeout: 30_000,
  }, async () => {
    const result = await runAgainst(drainedLimiter());
    expect(result?.findings.map((f) => f.message)).toEqual([]);
    expect(result?.outcome).toBe('pass');
  });

  it('still fails a server whose X-RateLimit-Remaining never decreases', { timeout: 30_000 }, async () => {
    const result = await runAgainst(drainedLimiter({ frozenRemaining: true }));
    expect(result?.outcome).toBe('fail');
  });
});
