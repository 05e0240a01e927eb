/** An upstream that dies mid-call must fail the call promptly (502), never leave it hanging until its timeout. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { createGateway } from './gateway.js';
import type { Gateway } from './types.js';

const main = fileURLToPath(new URL('../../demo/mcp/main.ts', import.meta.url));

async function startDemoProcess(): Promise<{ child: ChildProcess; url: string; sseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/legacy SSE/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${out}`)));
  });
  const urls = out.match(/http:\/\/\S+/g) ?? [];
  return { child, url: urls[0] ?? '', sseUrl: urls[1] ?? '' };
}

describe('upstream killed mid-call', () => {
  let child: ChildProcess | undefined;
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  it.each([
    ['streamable HTTP', 'url'],
    ['SSE', 'sseUrl'],
  ] as const)('over %s: the pending call fails with a 502 well before its timeout', async (_name, which) => {
    const demo = await startDemoProcess();
    child = demo.child;
    gateway = createGateway();
    const target = {
      id: 'mcp_dying',
      endpointUrl: demo[which],
      authType: 'none' as const,
      credentials: null,
      version: '1',
    };
    await gateway.listTools(target);
    const started = Date.now();
    const call = gateway.callTool(target, 'sleep', { ms: 60_000 }, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    demo.child.kill('SIGKILL');
    const error = await call;
    expect(error).toBeInstanceOf(ApiError);
    expect(['mcp_unreachable', 'mcp_error']).toContain((error as ApiError).code);
    // Generous: the point is that it did not wait for the 60 s timeout.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
