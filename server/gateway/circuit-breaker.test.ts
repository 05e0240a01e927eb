import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { closedMcpUrl } from '../../test/support/ports.js';
import { ApiError } from '../http/errors.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { createGateway } from './gateway.js';
import type { UpstreamTarget } from './types.js';

function manualClock(start = 1_000_000) {
  let now = start;
  return Object.assign(() => new Date(now), {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

function rejection(fn: () => unknown): ApiError | undefined {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  return undefined;
}

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures and refuses calls at once with Retry-After', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker({ clock });
    for (let i = 0; i < 4; i++) breaker.acquire('m').failure();
    expect(breaker.state('m')).toBe('closed');
    breaker.acquire('m').failure();
    expect(breaker.state('m')).toBe('open');
    const error = rejection(() => breaker.acquire('m'));
    expect(error).toMatchObject({ code: 'mcp_unreachable', headers: { 'Retry-After': '1' } });
  });

  it('a success resets the count of consecutive failures', () => {
    const breaker = createCircuitBreaker({ clock: manualClock() });
    for (let i = 0; i < 4; i++) breaker.acquire('m').failure();
    breaker.acquire('m').success();
    for (let i = 0; i < 4; i++) breaker.acquire('m').failure();
    expect(breaker.state('m')).toBe('closed');
  });

  it('half-opens after the backoff and lets exactly one trial through', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker({ clock });
    for (let i = 0; i < 5; i++) breaker.acquire('m').failure();
    clock.advance(999);
    expect(rejection(() => breaker.acquire('m'))).toBeInstanceOf(ApiError);
    clock.advance(1);
    expect(breaker.state('m')).toBe('half-open');
    const trial = breaker.acquire('m');
    expect(rejection(() => breaker.acquire('m'))).toBeInstanceOf(ApiError);
    trial.success();
    expect(breaker.state('m')).toBe('closed');
    breaker.acquire('m').success();
  });

  it('a failed trial doubles the backoff, up to 60 s', () => {
    const clock = manualClock();
    const breaker = createCircuitBreaker({ clock });
    for (let i = 0; i < 5; i++) breaker.acquire('m').failure();
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      let waited = 0;
      while (breaker.state('m') === 'open') {
        clock.advance(1_000);
        waited += 1_000;
      }
      waits.push(waited);
      breaker.acquire('m').failure();
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('circuits are per MCP', () => {
    const breaker = createCircuitBreaker({ clock: manualClock() });
    for (let i = 0; i < 5; i++) breaker.acquire('a').failure();
    expect(breaker.state('a')).toBe('open');
    expect(breaker.state('b')).toBe('closed');
  });
});

describe('circuit breaker in the gateway', () => {
  let demo: DemoMcpServer;
  let closedUrl: string;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
    closedUrl = await closedMcpUrl();
  });
  afterAll(async () => {
    await demo.close();
  });

  it('an unreachable upstream opens the circuit; after the backoff one trial to the now-live upstream closes it', async () => {
    const clock = manualClock();
    const gateway = createGateway({ clock });
    const dead: UpstreamTarget = {
      id: 'mcp_flaky',
      endpointUrl: closedUrl,
      authType: 'none',
      credentials: null,
      version: 'a',
    };
    const call = (target: UpstreamTarget) =>
      gateway
        .callTool(target, 'calculate', { operation: 'add', a: 1, b: 2 }, { timeoutMs: 5_000 })
        .catch((e: unknown) => e as ApiError);
    try {
      for (let i = 0; i < 5; i++)
        expect(await call(dead)).toMatchObject({ code: 'mcp_unreachable', details: undefined });
      const refused = await call(dead);
      expect(refused).toMatchObject({ code: 'mcp_unreachable', details: { circuit: 'open' } });
      // The upstream comes back (same MCP, new endpoint); while open it is still refused without being tried.
      const live = { ...dead, endpointUrl: demo.url, version: 'b' };
      expect(await call(live)).toMatchObject({ details: { circuit: 'open' } });
      clock.advance(1_000);
      const trial = await call(live);
      expect(trial).toMatchObject({ isError: false, structuredContent: { result: 3 } });
      expect(await call(live)).toMatchObject({ structuredContent: { result: 3 } });
    } finally {
      await gateway.close();
    }
  });

  it('tool results with isError do not count as failures', async () => {
    const gateway = createGateway({ clock: manualClock() });
    const target: UpstreamTarget = {
      id: 'mcp_failing_tool',
      endpointUrl: demo.url,
      authType: 'none',
      credentials: null,
      version: '1',
    };
    try {
      for (let i = 0; i < 7; i++) {
        expect((await gateway.callTool(target, 'fail', {}, { timeoutMs: 5_000 })).isError).toBe(true);
      }
    } finally {
      await gateway.close();
    }
  });
});
