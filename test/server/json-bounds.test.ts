/**
 * Free-form JSON is bounded (openapi.yaml, "Limits on JSON values"): tool `arguments` and `context` on POST /mcp and
 * organisation `settings`. A value past a bound is the caller's 422 validation_error, the upstream is not called, and
 * no number of such requests opens the MCP's circuit breaker for anyone else (real demo MCP on loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createCircuitBreaker } from '../../server/gateway/circuit-breaker.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

/** `{ a: { a: ... } }` with `levels` objects in all (the outer one included). */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 1; i < levels; i++) {
    const child: Record<string, unknown> = {};
    node.a = child;
    node = child;
  }
  return root;
}

/** The JSON text of `nested(levels)`, built as text: a recursive encoder would overflow the stack on it. */
function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
}

describe('bounded JSON on POST /mcp and PATCH /v1/organization', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  const breaker = createCircuitBreaker();
  let mcpId: string;
  let memberKey: string;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 5_000, breaker });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true, maxRequestBodyBytes: 1024 * 1024 } });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    mcpId = created.body.data.id;
    memberKey = (await h.addMember('member')).key;
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
    await demo.close();
  });

  /** `extraJson` and `contextJson` are JSON text, spliced in as given. */
  const invoke = (key: string, args: Record<string, unknown>, extraJson?: string, contextJson?: string) => {
    const argsJson = JSON.stringify(args).replace(/}$/, extraJson === undefined ? '}' : `,"extra":${extraJson}}`);
    const context = contextJson === undefined ? '' : `,"context":${contextJson}`;
    return call(h.baseUrl, 'POST', '/mcp', {
      key,
      body: `{"mcp_id":${JSON.stringify(mcpId)},"tool":"get_weather","arguments":${argsJson}${context}}`,
    });
  };

  it("a member's deeply nested arguments are 422 and never open the circuit for the owner", async () => {
    for (let i = 0; i < 12; i++) {
      // Past the field's limit but within the body's (64 levels, info.description "Request bodies"): deeper bodies are
      // refused by the parser with 400 before any field is looked at.
      const refused = await invoke(memberKey, { location: 'Oslo' }, nestedJson(60));
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('validation_error');
      expect(refused.body.error.details.arguments).toMatch(/deeper than 32 levels/);
    }
    expect(breaker.state(mcpId)).toBe('closed');
    const owner = await invoke(h.ownerKey, { location: 'Oslo' });
    expect(owner.status).toBe(200);
    expect(owner.body.data.result).toMatchObject({ location: 'Oslo' });
  });

  it('arguments nested 32 levels pass; 33 are refused', async () => {
    expect((await invoke(h.ownerKey, { location: 'Oslo' }, nestedJson(31))).status).toBe(200);
    const refused = await invoke(h.ownerKey, { location: 'Oslo' }, nestedJson(32));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.arguments).toMatch(/deeper than 32 levels/);
  });

  it('arguments with more than 10,000 values in all are refused', async () => {
    const refused = await invoke(h.ownerKey, { location: 'Oslo', extra: Array.from({ length: 10_000 }, () => 1) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.arguments).toMatch(/more than 10000 values/);
  });

  it('arguments with more than 1,000 top-level properties are refused by the contract', async () => {
    const wide = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`p${i}`, i]));
    const refused = await invoke(h.ownerKey, { ...wide, location: 'Oslo' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('validation_error');
  });

  it('a deeply nested context is refused', async () => {
    const refused = await invoke(h.ownerKey, { location: 'Oslo' }, undefined, `{"trace":${nestedJson(8)}}`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.context).toMatch(/deeper than 8 levels/);
    expect((await invoke(h.ownerKey, { location: 'Oslo' }, undefined, `{"trace":${nestedJson(7)}}`)).status).toBe(200);
  });

  it('organisation settings are bounded in depth, size and count, after merging', async () => {
    const patch = (settings: unknown) =>
      call(h.baseUrl, 'PATCH', '/v1/organization', {
        key: h.ownerKey,
        body: typeof settings === 'string' ? `{"settings":${settings}}` : { settings },
      });
    const deep = await patch(`{"x":${nestedJson(60)}}`);
    expect(deep.status).toBe(422);
    expect(deep.body.error.details.settings).toMatch(/deeper than 8 levels/);
    const big = await patch({ blob: 'x'.repeat(20_000) });
    expect(big.status).toBe(422);
    expect(big.body.error.details.settings).toMatch(/larger than 16384 bytes/);
    const first = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a${i}`, true]));
    const second = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`b${i}`, true]));
    expect((await patch(first)).status).toBe(200);
    const merged = await patch(second);
    expect(merged.status).toBe(422);
    expect(merged.body.error.details.settings).toMatch(/more than 50 properties/);
    const organization = await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey });
    expect(Object.keys(organization.body.data.settings)).toHaveLength(30);
  });
});

describe('the gateway itself', () => {
  let demo: DemoMcpServer;
  beforeAll(async () => {
    demo = await startDemoMcpServer();
  });
  afterAll(() => demo.close());

  it('arguments it cannot encode are validation_error and leave the circuit closed', async () => {
    const breaker = createCircuitBreaker();
    const gateway = createGateway({ breaker });
    const target = {
      id: 'mcp_deep',
      endpointUrl: demo.url,
      authType: 'none' as const,
      credentials: null,
      version: 'v1',
    };
    try {
      for (let i = 0; i < 8; i++) {
        const error = await gateway
          .callTool(target, 'get_weather', { extra: nested(20_000) }, { timeoutMs: 5_000 })
          .catch((e) => e);
        expect(error).toMatchObject({ code: 'validation_error', status: 422 });
      }
      expect(breaker.state('mcp_deep')).toBe('closed');
      const ok = await gateway.callTool(target, 'get_weather', { location: 'Oslo' }, { timeoutMs: 5_000 });
      expect(ok.isError).toBe(false);
    } finally {
      await gateway.close();
    }
  });
});
