/** Starting what the scenarios measure, each in its own process: our server, the bare Express baseline, the demo MCP, Prism. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Child, freePort, ROOT, spawnChild, spawnTs } from './processes.js';
import type { SeededDatabase } from './seed.js';

export interface Running {
  url: string;
  /** The process serving `url` (for its resident memory). */
  pid: number | undefined;
  stop(): Promise<void>;
}

function running(child: Child, url: string): Running {
  return { url, pid: child.process.pid, stop: () => child.stop() };
}

/**
 * `server/main.ts`, exactly as `npm start` runs it, on its own copy of a seeded database, self-hosted (no rate limits or
 * quotas to skew throughput), with background health rounds off and the access log on at the default level.
 */
export async function startApiServer(
  db: SeededDatabase,
  dir: string,
  options: { name: string; validateResponses: boolean },
): Promise<Running> {
  const path = join(dir, `${options.name}.db`);
  copyFileSync(db.path, path);
  const child = await spawnTs('server/main.ts', {
    logPath: join(dir, `${options.name}.log`),
    ready: /PlexMCP server listening on (http:\/\/[^\s()]+)/,
    env: {
      DATABASE_URL: `file:${path}`,
      BIND_ADDRESS: '127.0.0.1:0',
      API_KEY_HMAC_SECRET: db.hmacSecret,
      PLEXMCP_ENCRYPTION_KEY: db.encryptionKey,
      PLEXMCP_SELF_HOSTED: 'true',
      PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      PLEXMCP_VALIDATE_RESPONSES: String(options.validateResponses),
      LOG_LEVEL: 'info',
      NODE_ENV: '',
    },
  });
  return running(child, child.match[1] ?? '');
}

/**
 * A floor answering GET /v1/mcps with fixed bytes from memory: `bare`, an Express 5 app alone; `validator`, the same
 * behind express-openapi-validator's request stage on the contract.
 */
export async function startFloor(dir: string, bodyFile: string, kind: 'bare' | 'validator'): Promise<Running> {
  const child = await spawnTs(`bench/targets/${kind}-express.ts`, {
    logPath: join(dir, `${kind}-express.log`),
    ready: /listening on (http:\/\/\S+)/,
    env: { BENCH_BODY_FILE: bodyFile },
  });
  return running(child, child.match[1] ?? '');
}

/** The demo MCP server (`demo/mcp/main.ts`) on a free port; `url` is its streamable HTTP endpoint. */
export async function startDemoMcp(dir: string): Promise<Running> {
  const child = await spawnTs('demo/mcp/main.ts', {
    logPath: join(dir, 'demo-mcp.log'),
    ready: /streamable HTTP\): (http:\/\/\S+)/,
    env: { PORT: '0', HOST: '127.0.0.1' },
  });
  return running(child, child.match[1] ?? '');
}

/** The mock users would otherwise run: `prism mock openapi.yaml` from node_modules. */
export async function startPrism(dir: string): Promise<Running> {
  const port = await freePort();
  const child = await spawnChild({
    command: join(ROOT, 'node_modules/.bin/prism'),
    args: ['mock', 'openapi.yaml', '-h', '127.0.0.1', '-p', String(port)],
    logPath: join(dir, 'prism.log'),
    ready: /Prism is listening/,
    timeoutMs: 120_000,
  });
  return running(child, `http://127.0.0.1:${port}`);
}
