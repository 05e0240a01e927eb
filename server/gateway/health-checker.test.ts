import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { closedMcpUrl } from '../../test/support/ports.js';
import { createGateway } from './gateway.js';
import { createHealthChecker } from './health-checker.js';
import type { Gateway, UpstreamTarget } from './types.js';

interface Verdict {
  mcpId: string;
  healthy: boolean;
  at: string;
  tools?: string[];
}

describe('health checker against real upstreams', () => {
  let demo: DemoMcpServer;
  let closedUrl: string;
  let gateway: Gateway;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
    closedUrl = await closedMcpUrl();
    gateway = createGateway();
  });
  afterAll(async () => {
    await gateway.close();
    await demo.close();
  });

  function setup(targets: UpstreamTarget[]) {
    const verdicts: Verdict[] = [];
    const checker = createHealthChecker({
      gateway,
      listTargets: async () => targets.map((target) => ({ target })),
      onResult: async (mcpId, healthy, at, tools) => {
        verdicts.push({ mcpId, healthy, at, ...(tools ? { tools: tools.map((t) => t.name) } : {}) });
      },
      intervalMs: 60_000,
      clock: () => new Date('2026-03-01T12:00:00.000Z'),
      probeTimeoutMs: 5_000,
    });
    return { checker, verdicts };
  }

  const live = (id: string): UpstreamTarget => ({
    id,
    endpointUrl: demo.url,
    authType: 'none',
    credentials: null,
    version: '1',
  });

  it('a live upstream is healthy on every round, with its tools', async () => {
    const { checker, verdicts } = setup([live('mcp_live')]);
    await checker.runOnce();
    expect(verdicts).toEqual([
      {
        mcpId: 'mcp_live',
        healthy: true,
        at: '2026-03-01T12:00:00.000Z',
        tools: ['get_weather', 'get_forecast', 'calculate', 'sleep', 'fail'],
      },
    ]);
  });

  it('a closed port is unhealthy only after 3 consecutive failures, and healthy again on the next success', async () => {
    const target: UpstreamTarget = {
      id: 'mcp_down',
      endpointUrl: closedUrl,
      authType: 'none',
      credentials: null,
      version: '1',
    };
    const { checker, verdicts } = setup([target]);
    await checker.runOnce();
    await checker.runOnce();
    expect(verdicts).toEqual([]);
    await checker.runOnce();
    expect(verdicts).toEqual([{ mcpId: 'mcp_down', healthy: false, at: '2026-03-01T12:00:00.000Z' }]);
    await checker.runOnce();
    expect(verdicts.map((v) => v.healthy)).toEqual([false, false]);
    // The upstream comes back at a new address.
    Object.assign(target, { endpointUrl: demo.url, version: '2' });
    await checker.runOnce();
    expect(verdicts.at(-1)).toMatchObject({ mcpId: 'mcp_down', healthy: true });
  });

  it('a success in between resets the count of consecutive failures', async () => {
    const target: UpstreamTarget = {
      id: 'mcp_flaky',
      endpointUrl: closedUrl,
      authType: 'none',
      credentials: null,
      version: '1',
    };
    const { checker, verdicts } = setup([target]);
    await checker.runOnce();
    await checker.runOnce();
    Object.assign(target, { endpointUrl: demo.url, version: '2' });
    await checker.runOnce();
    Object.assign(target, { endpointUrl: closedUrl, version: '3' });
    await checker.runOnce();
    await checker.runOnce();
    expect(verdicts.map((v) => v.healthy)).toEqual([true]);
  });

  it('start() runs rounds on its timer and stop() ends them', async () => {
    let rounds = 0;
    const checker = createHealthChecker({
      gateway,
      listTargets: async () => {
        rounds += 1;
        return [{ target: live('mcp_timer') }];
      },
      onResult: async () => undefined,
      intervalMs: 20,
    });
    checker.start();
    // A round waits for its probes, so on a loaded machine the second tick may come late: wait for it, not for a time.
    await vi.waitFor(() => expect(rounds).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 20 });
    await checker.stop();
    const seen = rounds;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rounds).toBe(seen);
  });
});
