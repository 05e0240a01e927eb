/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, which needs Node 22: the `node` devDependency)
 * against the MCP endpoint, through a front that adds the API key (the suite sends no headers of its own): every active
 * server scenario in one run of the suite (one process: each start of it costs seconds), held to
 * mcp-conformance-baseline.yml, which lists the scenarios the endpoint does not pass and says why.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { type AuthFront, startAuthFront } from '../support/auth-front.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const PASSING = ['server-initialize', 'ping', 'tools-list', 'server-sse-multiple-streams'];
const BASELINE = fileURLToPath(new URL('./mcp-conformance-baseline.yml', import.meta.url));
const require = createRequire(import.meta.url);
/** Node 22 from the `node` package, by path (its .bin link is removed: scripts/unlink-node-bin.mjs). */
const NODE_22 = join(require.resolve('node/package.json'), '..', 'bin', 'node');
const SUITE = require.resolve('@modelcontextprotocol/conformance/dist/index.js');

function runSuite(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(NODE_22, [SUITE, 'server', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the MCP conformance suite against the MCP endpoint', () => {
  let h: Harness;
  let demo: DemoMcpServer;
  let gateway: Gateway;
  let front: AuthFront;
  let results: string;

  beforeAll(async () => {
    demo = await startDemoMcpServer();
    gateway = createGateway({ maxTimeoutMs: 10_000 });
    h = await startHarness({ overrides: { gateway, allowPrivateMcpUrls: true } });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Demo', endpoint_url: demo.url },
    });
    expect(created.status).toBe(201);
    front = await startAuthFront(h.baseUrl, `Bearer ${h.ownerKey}`);
    results = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
  }, 60_000);
  afterAll(async () => {
    await front?.close();
    await h?.close();
    await gateway?.close();
    await demo?.close();
    if (results) rmSync(results, { recursive: true, force: true });
  });

  it('passes every active server scenario but those the baseline lists, and fails those', async () => {
    const { code, output } = await runSuite([
      '--url',
      `${front.url}/mcp/server`,
      '--expected-failures',
      BASELINE,
      '-o',
      results,
    ]);
    expect(code, output).toBe(0);
    for (const scenario of PASSING) expect(output).toMatch(new RegExp(`✓ ${scenario}: \\d+ passed, 0 failed`));
  }, 120_000);
});
