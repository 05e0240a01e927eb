/** The gateway against a real third-party MCP server: @modelcontextprotocol/server-everything in streamableHttp mode. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../test/support/ports.js';
import { createGateway } from './gateway.js';
import type { Gateway, UpstreamTarget } from './types.js';

/** Starts server-everything on a free port; it reads PORT and logs "listening on port" to stderr when ready. */
async function startEverything(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freeLoopbackPort();
  const entry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js');
  const child = spawn(process.execPath, [entry, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not start:\n${log}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on port/i.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}):\n${log}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, child };
}

describe('gateway against @modelcontextprotocol/server-everything', () => {
  let everything: { url: string; child: ChildProcess };
  let gateway: Gateway;
  let target: UpstreamTarget;

  beforeAll(async () => {
    everything = await startEverything();
    target = { id: 'mcp_everything', endpointUrl: everything.url, authType: 'none', credentials: null, version: '1' };
    gateway = createGateway();
  });
  afterAll(async () => {
    await gateway?.close();
    if (everything && everything.child.exitCode === null) {
      everything.child.kill('SIGTERM');
      await once(everything.child, 'exit');
    }
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
