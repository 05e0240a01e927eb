/**
 * Test support: the request pipeline's stages around rate limiting, in server/app.ts's order, over a real sql.js store in a
 * temporary directory and real HTTP on port 0. Only the routes are stand-ins (one authenticated, one public).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import { errorHandler } from '../http/error-handler.js';
import { requestId } from '../http/request-id.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import type { Plan } from '../store/types.js';
import { addressGuard, limitFailedAuth } from './failed-auth-limit.js';
import { createMemoryRateLimiter } from './flexible-rate-limiter.js';
import { rateLimitStage } from './rate-limit-stage.js';

export interface TestServer {
  url: string;
  store: SqliteStore;
  /** Creates an organisation on `plan` with an owner and returns the owner's API key. */
  addOrganization(plan: Plan): Promise<string>;
  close(): Promise<void>;
}

/** The stand-in routes: `/health` needs no key, `/v1/ping` does. */
const isPublic = (_method: string, path: string) => path === '/health';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

export async function startTestServer(options: {
  selfHosted: boolean;
  failedAuthPerSecond?: number;
}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'plexmcp-ratelimit-'));
  const store = await openSqliteStore({ path: join(dir, 'plexmcp.db') });
  const failedAuth = {
    limiter: createMemoryRateLimiter({ keyPrefix: 'failed-auth' }),
    limitPerSecond: options.failedAuthPerSecond,
    selfHosted: options.selfHosted,
  };

  const app = express();
  app.use(requestId());
  app.use(addressGuard(failedAuth));
  app.use(authenticate({ store, hashApiKey: sha256, clock: () => new Date(), isPublic }));
  app.use(
    rateLimitStage({
      limiter: createMemoryRateLimiter(),
      planOf: async (orgId) => (await store.getOrganization(orgId))?.plan ?? 'free',
      selfHosted: options.selfHosted,
    }),
  );
  app.get('/health', (_req, res) => void res.json({ success: true, data: { status: 'ok' } }));
  app.get('/v1/ping', (_req, res) => void res.json({ success: true, data: { pong: true } }));
  app.use(limitFailedAuth(failedAuth));
  app.use(errorHandler(pino({ level: 'silent' })));

  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  let count = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    async addOrganization(plan) {
      count += 1;
      const orgId = `org_${plan}${count}`;
      const userId = `user_${plan}${count}`;
      const key = `pmcp_${randomBytes(32).toString('hex')}`;
      await store.createOrganization({ id: orgId, name: orgId, slug: orgId, description: null, plan, settings: {} });
      await store.createMember({ id: userId, orgId, email: `${userId}@example.com`, name: null, role: 'owner' });
      await store.createApiKey({
        id: `key_${plan}${count}`,
        orgId,
        userId,
        name: 'test',
        description: null,
        prefix: key.slice(0, 12),
        keyHash: sha256(key),
        role: 'owner',
        mcpScope: '*',
        expiresAt: null,
      });
      return key;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** GET `path` with `key` (if any) as `Authorization: ApiKey <key>`. */
export function get(server: TestServer, path: string, key?: string): Promise<Response> {
  return fetch(server.url + path, key === undefined ? {} : { headers: { authorization: `ApiKey ${key}` } });
}

/** The parameters of a structured header item such as `"default";r=9;t=1` (RFC 9651 §3.1.2). */
export function headerParams(value: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of (value ?? '').split(';').slice(1)) {
    const [name, val] = part.split('=');
    if (name && val !== undefined) params[name.trim()] = val.trim();
  }
  return params;
}
