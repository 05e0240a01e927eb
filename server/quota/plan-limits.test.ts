import { describe, expect, it } from 'vitest';
import type { Plan } from '../store/types.js';
import { planLimits } from './plan-limits.js';

describe('planLimits', () => {
  const cases: [Plan, { requestsPerSecond: number | null; monthlyRequests: number | null }][] = [
    ['free', { requestsPerSecond: 10, monthlyRequests: 1_000 }],
    ['pro', { requestsPerSecond: 100, monthlyRequests: 50_000 }],
    ['team', { requestsPerSecond: 1_000, monthlyRequests: 250_000 }],
    ['enterprise', { requestsPerSecond: null, monthlyRequests: null }],
  ];

  it.each(cases)('the %s plan allows what the plans promise', (plan, want) => {
    expect(planLimits(plan)).toEqual(want);
  });

  it.each(cases)('a self-hosted deployment does not limit the %s plan', (plan) => {
    expect(planLimits(plan, { selfHosted: true })).toEqual({ requestsPerSecond: null, monthlyRequests: null });
  });
});
