import { beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../model.js';
import { Oracle } from './oracle.js';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.load();
});

const RID = { 'x-request-id': 'req_1' };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function exchange(
  method: string,
  url: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = { ...RID, ...JSON_TYPE },
): Exchange {
  return {
    seq: 1,
    tag: 'test',
    startedAt: new Date().toISOString(),
    durationMs: 1,
    request: { method, url: `http://127.0.0.1:1${url}`, headers: {}, bodySize: 0 },
    response: {
      status,
      statusText: '',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      bodySize: 0,
    },
  };
}

const page = { page: 1, per_page: 20, total: 0, total_pages: 0 };
const notFound = { success: false, error: { code: 'not_found', message: 'MCP not found' } };
const limited = { success: false, error: { code: 'rate_limited', message: 'Slow down' } };

describe('the oracle', () => {
  it.each([
    ['a documented list response', exchange('GET', '/v1/mcps', 200, { success: true, data: [], pagination: page }), []],
    ['a documented 404 on a templated path', exchange('GET', '/v1/mcps/mcp_1', 404, notFound), []],
    ['an undocumented status', exchange('GET', '/v1/mcps', 418, notFound), ['status']],
    [
      'a body that breaks the list schema',
      exchange('GET', '/v1/mcps', 200, { success: true, data: [{ id: 1 }], pagination: page }),
      ['body'],
    ],
    [
      "an error code outside the response's enum",
      exchange('GET', '/v1/mcps/mcp_1', 404, { success: false, error: { code: 'forbidden', message: 'x' } }),
      ['body'],
    ],
    [
      'a missing X-Request-Id',
      exchange('GET', '/v1/mcps', 200, { success: true, data: [], pagination: page }, JSON_TYPE),
      ['header'],
    ],
    ['a 429 without Retry-After', exchange('GET', '/v1/organization', 429, limited), ['header']],
    [
      'a 429 with Retry-After 0',
      exchange('GET', '/v1/organization', 429, limited, { ...RID, ...JSON_TYPE, 'retry-after': '0' }),
      ['header'],
    ],
    [
      'a 429 with Retry-After 1',
      exchange('GET', '/v1/organization', 429, limited, { ...RID, ...JSON_TYPE, 'retry-after': '1' }),
      [],
    ],
    [
      'a documented 401 in its envelope',
      exchange(
        'GET',
        '/v1/usage',
        401,
        { success: false, error: { code: 'unauthorized', message: 'x' } },
        { ...RID, ...JSON_TYPE },
      ),
      [],
    ],
    [
      'an undocumented content type',
      exchange(
        'GET',
        '/v1/mcps',
        200,
        { success: true, data: [], pagination: page },
        { ...RID, 'content-type': 'text/plain' },
      ),
      ['content-type'],
    ],
    ['a body that is not JSON', exchange('GET', '/v1/mcps/mcp_1', 404, '<html>not found</html>'), ['body']],
    ['an unknown route in the envelope', exchange('GET', '/v1/nothing', 404, notFound), []],
    ['an unknown route outside the envelope', exchange('GET', '/v1/nothing', 404, { message: 'Not Found' }), ['body']],
    ['an unknown route answered 200', exchange('GET', '/v1/nothing', 200, { success: true, data: null }), ['route']],
    [
      'a wrong method without Allow',
      exchange('PUT', '/v1/mcps', 405, { success: false, error: { code: 'method_not_allowed', message: 'x' } }),
      ['header'],
    ],
    [
      'a wrong method with Allow',
      exchange(
        'PUT',
        '/v1/mcps',
        405,
        { success: false, error: { code: 'method_not_allowed', message: 'x' } },
        { ...RID, ...JSON_TYPE, allow: 'GET, POST' },
      ),
      [],
    ],
  ] as const)('%s', (_name, given, wantKinds) => {
    const verdict = oracle.judge(given);
    expect(verdict.issues.map((i) => i.kind).sort()).toEqual([...wantKinds].sort());
  });

  it('checks rate-limit header types', () => {
    const verdict = oracle.judge(
      exchange('GET', '/v1/organization', 429, limited, {
        ...RID,
        ...JSON_TYPE,
        'retry-after': '1',
        'x-ratelimit-limit': 'lots',
      }),
    );
    expect(verdict.issues).toEqual([
      expect.objectContaining({ kind: 'header', message: expect.stringContaining('X-RateLimit-Limit') }),
    ]);
  });

  it('names the matched operation, preferring literal paths over templates', () => {
    expect(oracle.judge(exchange('GET', '/v1/organization/usage', 200, {})).operation?.operationId).toBe(
      'getOrganizationUsage',
    );
    expect(oracle.judge(exchange('POST', '/v1/mcps/mcp_1/test', 404, notFound)).operation?.operationId).toBe('testMcp');
    expect(oracle.judge(exchange('DELETE', '/v1/api-keys/key_1', 404, notFound)).operation?.operationId).toBe(
      'revokeApiKey',
    );
  });

  it('says whether a status is documented', () => {
    expect(oracle.judge(exchange('GET', '/v1/mcps/x', 404, notFound)).statusDocumented).toBe(true);
    expect(oracle.judge(exchange('GET', '/health', 401, notFound)).statusDocumented).toBe(false);
  });

  it('strips a base path before matching', () => {
    const e = exchange('GET', '/api/v1/mcps', 200, { success: true, data: [], pagination: page });
    expect(oracle.judge(e, { basePath: '/api' }).operation?.operationId).toBe('listMcps');
  });

  it('validates values against component schemas', () => {
    expect(oracle.validate('#/components/schemas/ErrorEnvelope', notFound)).toEqual([]);
    expect(oracle.validate('#/components/schemas/ErrorEnvelope', { success: false })).not.toEqual([]);
  });
});
