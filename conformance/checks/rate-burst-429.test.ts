import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../runner.js';
import { startTestTarget, type TestTarget } from '../test-target.js';
import { rateBurst429 } from './rate-burst-429.js';

const KEY = 'pmcp_RateBurstTestKey0123456789abcdefghijABCDEF';
const QUOTA = 10;
let target: TestTarget | undefined;

afterEach(() => target?.close());

/**
 * Fixed one-second windows of QUOTA requests, as the contract describes them, with every header the server sends;
 * `report` turns the true remaining into the figure the target reports on served responses.
 */
function limiter(report: (truth: number) => number) {
  let windowEnd = 0;
  let used = 0;
  return () => {
    const now = Date.now();
    if (now >= windowEnd) [windowEnd, used] = [now + 1000, 0];
    const limited = used >= QUOTA;
    if (!limited) used++;
    const remaining = limited ? 0 : report(QUOTA - used);
    const headers = {
      'RateLimit-Policy': `"default";q=${QUOTA};w=1`,
      RateLimit: `"default";r=${remaining};t=1`,
      'X-RateLimit-Limit': String(QUOTA),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.ceil(windowEnd / 1000)),
    };
    return limited
      ? {
          status: 429,
          body: { success: false, error: { code: 'rate_limited', message: 'Too many requests' } },
          headers: { ...headers, 'Retry-After': String(Math.max(1, Math.ceil((windowEnd - now) / 1000))) },
        }
      : { status: 200, body: { success: true, data: { id: 'org_1' } }, headers };
  };
}

async function kindsAgainst(answer: ReturnType<typeof limiter>) {
  target = await startTestTarget((req) =>
    req.url === '/health' ? { status: 200, body: { success: true, data: { status: 'ok' } } } : answer(),
  );
  const report = await runConformance({ baseUrl: target.baseUrl, apiKey: KEY }, { checks: [rateBurst429] });
  return report.results[0]?.findings.filter((f) => f.severity === 'fail').map((f) => f.kind);
}

describe('RATE-003 judges remaining where the order of requests is known', () => {
  it('finds no header lie in a limiter that counts down', { timeout: 30_000 }, async () => {
    expect(await kindsAgainst(limiter((truth) => truth))).not.toContain('rate-header-lie');
  });

  // Each figure is plausible (0 to quota − 1, none repeated within a window), so only the order can tell the lie.
  it('fails a remaining that counts up as requests arrive, every time', { timeout: 30_000 }, async () => {
    expect(await kindsAgainst(limiter((truth) => QUOTA - 1 - truth))).toContain('rate-header-lie');
  });
});
