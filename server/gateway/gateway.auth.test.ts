import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoAuth, type DemoMcpServer, startDemoMcpServer } from '../../demo/mcp/server.js';
import { ApiError } from '../http/errors.js';
import { createGateway } from './gateway.js';
import type { UpstreamCredentials, UpstreamTarget } from './types.js';

type Case = [
  name: string,
  { auth: DemoAuth; target: Pick<UpstreamTarget, 'authType'>; right: UpstreamCredentials; wrong: UpstreamCredentials },
];

const cases: Case[] = [
  [
    'bearer',
    {
      auth: { type: 'bearer', token: 's3cret' },
      target: { authType: 'bearer' },
      right: { token: 's3cret' },
      wrong: { token: 'nope' },
    },
  ],
  [
    'api_key in the default X-API-Key header',
    {
      auth: { type: 'api_key', key: 'k-123' },
      target: { authType: 'api_key' },
      right: { token: 'k-123' },
      wrong: { token: 'k-124' },
    },
  ],
  [
    'api_key in a custom header',
    {
      auth: { type: 'api_key', key: 'k-9', header: 'X-Demo-Key' },
      target: { authType: 'api_key' },
      right: { token: 'k-9', header: 'X-Demo-Key' },
      wrong: { token: 'k-9' },
    },
  ],
  [
    'basic',
    {
      auth: { type: 'basic', username: 'ana', password: 'pä:ss' },
      target: { authType: 'basic' },
      right: { username: 'ana', password: 'pä:ss' },
      wrong: { username: 'ana', password: 'pass' },
    },
  ],
];

describe.each(cases)('upstream auth: %s', (_name, { auth, target, right, wrong }) => {
  let demo: DemoMcpServer;
  beforeAll(async () => {
    demo = await startDemoMcpServer({ auth });
  });
  afterAll(async () => {
    await demo.close();
  });

  const upstream = (url: string, credentials: UpstreamCredentials | null): UpstreamTarget => ({
    id: 'mcp_auth',
    endpointUrl: url,
    authType: target.authType,
    credentials,
    version: 'v1',
  });

  it('calls the tool with the right credentials, over streamable HTTP and over SSE', async () => {
    const gateway = createGateway();
    try {
      for (const url of [demo.url, demo.sseUrl]) {
        const result = await gateway.callTool(
          upstream(url, right),
          'calculate',
          { operation: 'add', a: 2, b: 3 },
          { timeoutMs: 10_000 },
        );
        expect(result.structuredContent).toMatchObject({ result: 5 });
        await gateway.evict('mcp_auth');
      }
    } finally {
      await gateway.close();
    }
  });

  it('gets mcp_error naming HTTP 401 with wrong or missing credentials', async () => {
    const gateway = createGateway();
    try {
      for (const credentials of [wrong, null]) {
        const error = await gateway
          .callTool(
            upstream(demo.url, credentials),
            'calculate',
            { operation: 'add', a: 1, b: 1 },
            { timeoutMs: 10_000 },
          )
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ code: 'mcp_error', status: 502, details: { upstream: { http_status: 401 } } });
        expect(JSON.stringify((error as ApiError).details)).not.toContain('pä:ss');
      }
    } finally {
      await gateway.close();
    }
  });
});
