/**
 * Test support: the real app (createApp, every stage and route) with the rate-limit stages the server wires
 * (server/ratelimit/app-stages.ts) on in-memory limiters, over a real sql.js store and real HTTP on port 0.
 */
import { systemClock } from '../../server/clock.js';
import { rateLimitStages } from '../../server/ratelimit/app-stages.js';
import { createMemoryRateLimiter } from '../../server/ratelimit/flexible-rate-limiter.js';
import type { Plan } from '../../server/store/types.js';
import { startHarness } from './harness.js';

export interface TestServer {
  url: string;
  /** Creates an organisation on `plan` with an owner and returns the owner's API key. */
  addOrganization(plan: Plan): Promise<string>;
  close(): Promise<void>;
}

/** An authenticated read every role may make (`getOrganization`), and a public one (`getHealth`). */
export const AUTHENTICATED_PATH = '/v1/organization';

export async function startTestServer(options: {
  selfHosted: boolean;
  failedAuthPerSecond?: number;
}): Promise<TestServer> {
  const limiters = {
    organizations: createMemoryRateLimiter(),
    failedAuth: createMemoryRateLimiter({ keyPrefix: 'failed-auth' }),
  };
  const h = await startHarness({
    overrides: (store) => ({
      selfHosted: options.selfHosted,
      ...rateLimitStages({
        limiters,
        store,
        selfHosted: options.selfHosted,
        clock: systemClock,
        ...(options.failedAuthPerSecond === undefined ? {} : { failedAuthPerSecond: options.failedAuthPerSecond }),
      }),
    }),
  });
  return {
    url: h.baseUrl,
    addOrganization: async (plan) => (await h.addOrganization(plan)).ownerKey,
    close: () => h.close(),
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
