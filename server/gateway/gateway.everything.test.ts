/** The gateway against a real third-party MCP server: @modelcontextprotocol/server-everything in streamableHttp mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EverythingServer, startEverything } from '../../test/support/everything.js';
import { createGateway } from './gateway.js';
import type { Gateway, UpstreamTarget } from './types.js';

describe('gateway against @modelcontextprotocol/server-everything', () => {
  let everything: EverythingServer;
  let gateway: Gateway;
  let target: UpstreamTarget;

  beforeAll(async () => {
    everything = await startEverything();
    target = { id: 'mcp_everything', endpointUrl: everything.url, authType: 'none', credentials: null, version: '1' };
    gateway = createGateway();
  });
  afterAll(async () => {
    await gateway?.close();
    await everything?.close();
  });

  it('lists its tools, echo, get-sum and get-structured-content among them', async () => {
    const probe = await gateway.probe(target);
    const names = probe.tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum', 'get-structured-content']));
    expect(probe.serverInfo?.name).toBeTruthy();
    expect(probe.protocolVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(probe.resourcesCount).toBeGreaterThan(0);
  });

  it('invokes echo', async () => {
    const result = await gateway.callTool(target, 'echo', { message: 'hello gateway' }, { timeoutMs: 10_000 });
    expect(result.isError).toBe(false);
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: hello gateway' }]);
  });

  it('invokes get-sum', async () => {
    const result = await gateway.callTool(target, 'get-sum', { a: 19, b: 23 }, { timeoutMs: 10_000 });
    expect(result.content[0]?.text).toContain('42');
  });

  it('passes structured content through from get-structured-content', async () => {
    const result = await gateway.callTool(
      target,
      'get-structured-content',
      { location: 'New York' },
      { timeoutMs: 10_000 },
    );
    expect(result.structuredContent).toEqual({ temperature: 33, conditions: 'Cloudy', humidity: 82 });
  });
});
