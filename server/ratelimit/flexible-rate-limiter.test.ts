import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './flexible-rate-limiter.js';

describe('createMemoryRateLimiter', () => {
  it('allows one second worth of requests at once, then refuses with the time until the window resets', async () => {
    const limiter = createMemoryRateLimiter();
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.consume('org:a', 3));
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    const refused = decisions[3]!;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    expect(refused.resetMs).toBe(refused.retryAfterMs);
    expect(decisions[0]!.retryAfterMs).toBe(0);
  });

  it('peek reports the budget without spending it', async () => {
    const limiter = createMemoryRateLimiter();
    expect(await limiter.peek('addr:x', 2)).toMatchObject({ allowed: true, remaining: 2 });
    await limiter.consume('addr:x', 2);
    expect(await limiter.peek('addr:x', 2)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.peek('addr:x', 2)).toMatchObject({ allowed: true, remaining: 1 });
    await limiter.consume('addr:x', 2);
    expect(await limiter.peek('addr:x', 2)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('keys have budgets of their own', async () => {
    const limiter = createMemoryRateLimiter();
    await limiter.consume('org:a', 1);
    expect((await limiter.consume('org:a', 1)).allowed).toBe(false);
    expect((await limiter.consume('org:b', 1)).allowed).toBe(true);
  });

  it('rejects a limit that is not a positive integer', async () => {
    const limiter = createMemoryRateLimiter();
    await expect(limiter.consume('org:a', 0)).rejects.toThrow(RangeError);
    await expect(limiter.consume('org:a', 1.5)).rejects.toThrow(RangeError);
  });
});
