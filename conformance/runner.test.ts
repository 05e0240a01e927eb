import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cite, operation, section } from './citation.js';
import type { Check, CheckResult } from './model.js';
import { runConformance, UsageError } from './runner.js';
import { startTestTarget, type TestTarget } from './test-target.js';

const KEY = 'pmcp_RunnerTestKey0123456789abcdefghijABCDEFGH';
let target: TestTarget;

beforeAll(async () => {
  target = await startTestTarget((req) =>
    req.url === '/health'
      ? { status: 200, body: { success: true, data: { status: 'ok' } } }
      : { status: 200, body: { success: true, data: { id: 'res_1' } } },
  );
});
afterAll(() => target.close());

const createsThenFails: Check = {
  id: 'TEST-001',
  title: 'creates a resource, then finds a failure',
  requirement: cite('the envelope', section('Envelope')),
  async run(ctx) {
    const reply = await ctx.http.send('POST', '/v1/mcps', { json: { name: `${ctx.runPrefix}x` } });
    ctx.cleanup.add('mcp res_1', async () => {
      await ctx.http.send('DELETE', '/v1/mcps/res_1');
    });
    ctx.expectStatus(reply, 201, cite('201 Created', operation('createMcp')));
  },
};
const needsWrites: Check = {
  id: 'TEST-002',
  title: 'needs writes to run',
  requirement: cite('the envelope', section('Envelope')),
  needs: { writes: true },
  run: async () => {},
};
const skipsItself: Check = {
  id: 'TEST-003',
  title: 'skips with its reason',
  requirement: cite('the envelope', section('Envelope')),
  run: async (ctx) => ctx.skip('nothing to probe here'),
};
const throws: Check = {
  id: 'TEST-004',
  title: 'throws after a request',
  requirement: cite('the envelope', section('Envelope')),
  async run(ctx) {
    await ctx.http.send('GET', '/v1/organization');
    throw new Error('boom');
  },
};

describe('runConformance', () => {
  it('reports each outcome with reasons and evidence, and cleans up after a failure', async () => {
    const seen: CheckResult[] = [];
    const report = await runConformance(
      { baseUrl: target.baseUrl, apiKey: KEY, runPrefix: 'conf-test-' },
      {
        checks: [createsThenFails, needsWrites, skipsItself, throws],
        reporters: [{ onCheckEnd: (r) => seen.push(r) }],
      },
    );
    expect(seen.map((r) => `${r.id}:${r.outcome}`)).toEqual([
      'TEST-001:fail',
      'TEST-002:skip',
      'TEST-003:skip',
      'TEST-004:fail',
    ]);
    const [failed, unwritable, skipped, crashed] = report.results;
    expect(failed?.findings[0]?.exchange?.request).toMatchObject({ method: 'POST', url: `${target.baseUrl}/v1/mcps` });
    expect(failed?.findings[0]?.exchange?.request.headers.authorization).toBe('ApiKey [REDACTED]');
    expect(failed?.findings[0]?.exchange?.response?.status).toBe(200);
    expect(failed?.findings[0]?.documented?.text).toBe('201 Created');
    expect(unwritable?.reason).toMatch(/--allow-writes/);
    expect(skipped?.reason).toBe('nothing to probe here');
    expect(crashed?.findings[0]?.message).toMatch(/could not complete: boom/);
    expect(report.counts).toEqual({ pass: 0, fail: 2, warn: 0, skip: 2 });
    expect(target.requests.some((r) => r.method === 'DELETE' && r.url === '/v1/mcps/res_1')).toBe(true);
    expect(report.exchanges.find((e) => e.request.method === 'DELETE')?.tag).toBe('cleanup:TEST-001');
  });

  it('a check that verified nothing is a skip saying so, never a pass', async () => {
    const emptyWalk: Check = {
      id: 'TEST-005',
      title: 'walks an empty list',
      requirement: cite('a list', section('Pagination')),
      async run(ctx) {
        const reply = await ctx.http.send('GET', '/v1/mcps');
        ctx.expectStatus(reply, 200, cite('200', section('Pagination')));
        ctx.verified('MCPs', 0);
      },
    };
    const asserts: Check = {
      id: 'TEST-006',
      title: 'asserts nothing',
      requirement: cite('a list', section('Pagination')),
      run: async (ctx) => void (await ctx.http.send('GET', '/v1/mcps')),
    };
    const report = await runConformance({ baseUrl: target.baseUrl, apiKey: KEY }, { checks: [emptyWalk, asserts] });
    expect(report.results.map((r) => [r.id, r.outcome, r.reason])).toEqual([
      ['TEST-005', 'skip', 'verified nothing (0 MCPs)'],
      ['TEST-006', 'skip', 'verified nothing'],
    ]);
  });

  it('--max-response-time fails a check whose exchange took longer, and reports the bound', async () => {
    const slow = await startTestTarget(async (req) => {
      if (req.url !== '/health' && req.url !== '/v1/organization') await new Promise((r) => setTimeout(r, 300));
      return { status: 200, body: { success: true, data: {} } };
    });
    try {
      const check: Check = {
        id: 'TEST-007',
        title: 'reads once',
        requirement: cite('a list', section('Pagination')),
        run: async (ctx) =>
          void ctx.expectStatus(await ctx.http.send('GET', '/v1/mcps'), 200, cite('200', section('Pagination'))),
      };
      const report = await runConformance(
        { baseUrl: slow.baseUrl, apiKey: KEY, maxResponseTimeMs: 100 },
        { checks: [check] },
      );
      expect(report.maxResponseTimeMs).toBe(100);
      expect(report.results[0]?.outcome).toBe('fail');
      expect(report.results[0]?.findings[0]).toMatchObject({ kind: 'slow-response' });
    } finally {
      await slow.close();
    }
  });

  it('stops before any check when the API key is rejected, saying so', async () => {
    const rejecting = await startTestTarget((req) =>
      req.url === '/health'
        ? { status: 200, body: { success: true, data: { status: 'ok' } } }
        : { status: 401, body: { success: false, error: { code: 'unauthorized', message: 'no' } } },
    );
    try {
      await expect(
        runConformance({ baseUrl: rejecting.baseUrl, apiKey: KEY }, { checks: [skipsItself] }),
      ).rejects.toThrow(/the API key was rejected: GET \/v1\/organization answered 401 unauthorized/);
    } finally {
      await rejecting.close();
    }
  });

  it('stops before any check on an --mcp-id the organisation does not have, or a --tool its MCP does not list', async () => {
    const mcps = await startTestTarget((req) =>
      req.url === '/v1/mcps/mcp_known'
        ? { status: 200, body: { success: true, data: { id: 'mcp_known', tools: [{ name: 'echo' }] } } }
        : req.url?.startsWith('/v1/mcps/')
          ? { status: 404, body: { success: false, error: { code: 'not_found', message: 'no' } } }
          : { status: 200, body: { success: true, data: {} } },
    );
    try {
      const run = (mcpId: string, tool: string) =>
        runConformance({ baseUrl: mcps.baseUrl, apiKey: KEY, mcpId, tool }, { checks: [skipsItself] });
      await expect(run('mcp_gone', 'echo')).rejects.toThrow(/--mcp-id mcp_gone: no such MCP server/);
      await expect(run('mcp_known', 'ech')).rejects.toThrow(/--tool ech: MCP server mcp_known has no such tool/);
      await expect(run('mcp_known', 'echo')).resolves.toMatchObject({ counts: { skip: 1 } });
    } finally {
      await mcps.close();
    }
  });

  it('runs only the selected checks and refuses unknown ids', async () => {
    const report = await runConformance(
      { baseUrl: target.baseUrl, apiKey: KEY, only: ['TEST-003'] },
      { checks: [skipsItself, throws] },
    );
    expect(report.results.map((r) => r.id)).toEqual(['TEST-003']);
    await expect(
      runConformance({ baseUrl: target.baseUrl, apiKey: KEY, skip: ['NOPE-001'] }, { checks: [skipsItself] }),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
