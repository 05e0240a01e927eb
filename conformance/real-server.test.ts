/**
 * The suite against the real server (`npm start`, server/main.ts) and the real demo MCP server, both as child
 * processes on loopback, each with its own database in a temp directory: the self-hosted run exercises every check
 * but the rate limits with writes and a known tool; a second, rate-limited server exercises the RATE checks.
 * Conformance code imports no server code: it only sees HTTP, as it would against any deployment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlexMcpClient } from '../client/index.js';
import type { RunReport } from './model.js';
import { findingLines } from './reporters/evidence.js';
import { runConformance } from './runner.js';
import { closedPort } from './test-target.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const KEY = 'pmcp_ConformanceRealServer0123456789abcdefghijKLM';
const children: ChildProcess[] = [];

/** Starts `node --import tsx <script>` and resolves once its output matches `ready`. */
function start(script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (c: Buffer) => {
      log += c.toString();
      if (ready.test(log)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${log}`)));
  });
}

async function startServer(extra: Record<string, string>): Promise<string> {
  const port = await closedPort();
  const dir = await mkdtemp(join(tmpdir(), 'conformance-server-'));
  await start('server/main.ts', { BIND_ADDRESS: `127.0.0.1:${port}`, DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, PLEXMCP_BOOTSTRAP_API_KEY: KEY, LOG_LEVEL: 'warn', ...extra }, /listening on/);
  return `http://127.0.0.1:${port}`;
}

function failures(report: RunReport): string {
  return report.results
    .filter((r) => r.outcome === 'fail')
    .map((r) => [`${r.id} ${r.title}`, ...r.findings.flatMap(findingLines)].join('\n'))
    .join('\n\n');
}

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

describe('the suite against the real server', () => {
  it('passes every check on a self-hosted server with writes and a known tool', { timeout: 180_000 }, async () => {
    const mcpPort = await closedPort();
    await start('demo/mcp/main.ts', { PORT: String(mcpPort) }, /streamable HTTP/);
    const baseUrl = await startServer({ PLEXMCP_SELF_HOSTED: 'true' });
    const client = createPlexMcpClient({ baseUrl, apiKey: KEY });
    const created = await client.POST('/v1/mcps', { body: { name: 'demo', endpoint_url: `http://127.0.0.1:${mcpPort}/mcp` } });
    const mcpId = created.data?.data.id;
    expect(mcpId, JSON.stringify(created.error)).toBeDefined();

    const report = await runConformance({ baseUrl, apiKey: KEY, allowWrites: true, mcpId, tool: 'get_weather', arguments: { location: 'Paris' } });
    expect(failures(report)).toBe('');
    expect(report.cleanupErrors).toEqual([]);
    // Self-hosted: no rate-limit headers, so the RATE checks skip, saying why; the rest all ran.
    const skipped = report.results.filter((r) => r.outcome === 'skip').map((r) => r.id);
    expect(skipped.sort()).toEqual(['AUTH-009', 'RATE-001', 'RATE-002', 'RATE-003', 'RATE-004']);
    const leftovers = await client.GET('/v1/mcps', { params: { query: { per_page: 100 } } });
    expect(leftovers.data?.data.map((m) => m.name)).toEqual(['demo']);
  });

  it('passes the rate-limit checks on a rate-limited server', { timeout: 120_000 }, async () => {
    const baseUrl = await startServer({});
    const report = await runConformance({ baseUrl, apiKey: KEY, only: ['RATE-001', 'RATE-002', 'RATE-003', 'RATE-004', 'SCHEMA-002'] });
    expect(failures(report)).toBe('');
    // On loopback the burst is fast enough to be conclusive; a warning here would mean the probe lost its teeth.
    expect(report.results.map((r) => `${r.id}:${r.outcome}`)).toEqual(['RATE-001:pass', 'RATE-002:pass', 'RATE-003:pass', 'RATE-004:pass', 'SCHEMA-002:pass']);
  });
});
