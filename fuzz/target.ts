/**
 * What the fuzzer runs against: a deployment given by `--base-url` and `--api-key`, or the server of this package
 * started here (on 127.0.0.1, port 0, a temporary sql.js database, self-hosted so rate limits do not hide the paths
 * behind them) with an owner key and the demo MCP server registered, so authenticated requests reach the store and a
 * real upstream. Either way the run learns which ids exist, and which of them it must not delete.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startDemoMcpServer } from '../demo/mcp/server.js';
import { loadConfig } from '../server/config/config.js';
import { startServer } from '../server/main.js';
import { closedMcpUrl } from '../test/support/ports.js';
import type { FuzzTarget } from './http-cases.js';

export interface RunningTarget extends FuzzTarget {
  baseUrl: string;
  close(): Promise<void>;
}

/** The owner key of a server the fuzzer starts itself (only ever on loopback, on a throwaway database). */
const LOCAL_OWNER_KEY = `pmcp_Fuzz${'0123456789abcdefghijKLMNOPQRSTUVWXYZ'.repeat(2)}`.slice(0, 48);

interface Listed {
  data?: { id?: string; user_id?: string }[] | { id?: string };
}

async function api(baseUrl: string, key: string, method: string, path: string, body?: unknown): Promise<Listed> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { Authorization: `ApiKey ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.json().catch(() => ({}))) as Listed;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}

const idsOf = (listed: Listed, field: 'id' | 'user_id' = 'id'): string[] =>
  Array.isArray(listed.data)
    ? listed.data.flatMap((item) => (typeof item[field] === 'string' ? [item[field]] : []))
    : [];

const idOf = (created: Listed): string[] =>
  !Array.isArray(created.data) && typeof created.data?.id === 'string' ? [created.data.id] : [];

/** Reads what exists (kept), and creates a few things the run may change and delete. */
async function survey(baseUrl: string, key: string, upstreams: string[]): Promise<FuzzTarget> {
  const keep = {
    mcp_id: idsOf(await api(baseUrl, key, 'GET', '/v1/mcps?per_page=100')),
    key_id: idsOf(await api(baseUrl, key, 'GET', '/v1/api-keys?per_page=100')),
    user_id: idsOf(await api(baseUrl, key, 'GET', '/v1/organization/members?per_page=100'), 'user_id'),
    api_key_id: [] as string[],
  };
  keep.api_key_id = keep.key_id;
  const ids: Record<string, string[]> = { mcp_id: [], key_id: [] };
  for (const [i, url] of upstreams.entries()) {
    const mcp = idOf(
      await api(baseUrl, key, 'POST', '/v1/mcps', { name: `fuzz-upstream-${i}-${Date.now()}`, endpoint_url: url }),
    );
    // The first upstream (the live one) stays for invokeTool; the others may be changed and deleted.
    (i === 0 ? keep.mcp_id : (ids.mcp_id as string[])).push(...mcp);
  }
  for (let i = 0; i < 2; i++) {
    (ids.key_id as string[]).push(...idOf(await api(baseUrl, key, 'POST', '/v1/api-keys', { name: `fuzz-${i}` })));
  }
  return { ownerKey: key, ids, keep };
}

/** A deployment someone else runs. */
export async function remoteTarget(baseUrl: string, apiKey: string): Promise<RunningTarget> {
  const target = await survey(baseUrl, apiKey, []);
  return { ...target, baseUrl, close: async () => {} };
}

/** This package's server, started here with the demo MCP server registered. */
export async function localTarget(): Promise<RunningTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'plexmcp-fuzz-'));
  const demo = await startDemoMcpServer({ host: '127.0.0.1', port: 0 });
  const config = loadConfig({
    BIND_ADDRESS: '127.0.0.1:0',
    DATABASE_URL: `file:${join(dir, 'fuzz.db')}`,
    PLEXMCP_SELF_HOSTED: 'true',
    PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
    PLEXMCP_BOOTSTRAP_API_KEY: LOCAL_OWNER_KEY,
    PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
    MCP_REQUEST_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
  });
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const running = await startServer(config, silent);
  try {
    const target = await survey(running.url, LOCAL_OWNER_KEY, [demo.url, demo.url, await closedMcpUrl()]);
    return {
      ...target,
      baseUrl: running.url,
      close: async () => {
        await running.close();
        await demo.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await running.close();
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
