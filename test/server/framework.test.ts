/** Framework behaviour every client relies on: the envelope and X-Request-Id on every response, errors included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const INTERNAL_DETAIL = 'SQLITE_CORRUPT at /var/lib/secret/path.db';

function expectErrorEnvelope(
  response: { status: number; headers: Headers; body: any },
  status: number,
  code: string,
): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('x-request-id')).toMatch(/\S/);
  expect(response.body).toMatchObject({ success: false, error: { code } });
  expect(typeof response.body.error.message).toBe('string');
}

describe('framework errors', () => {
  let h: Harness;
  let faults: { organization?: 'throw' | 'drift' };
  beforeAll(async () => {
    faults = {};
    // Fault injection around the real store: one read throws, or returns a row the contract does not allow.
    const wrapStore = (store: Store): Store =>
      new Proxy(store, {
        get(target, name, receiver) {
          if (name === 'getOrganization') {
            return async (id: string) => {
              if (faults.organization === 'throw') throw new Error(INTERNAL_DETAIL);
              const row = await target.getOrganization(id);
              return faults.organization === 'drift' && row ? { ...row, plan: 'platinum' } : row;
            };
          }
          const value = Reflect.get(target, name, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    h = await startHarness({ wrapStore });
  });
  afterAll(() => h.close());

  it('unknown route is 404 not_found in the envelope', async () => {
    expectErrorEnvelope(await call(h.baseUrl, 'GET', '/v1/nothing-here'), 404, 'not_found');
    expectErrorEnvelope(await call(h.baseUrl, 'GET', '/v1/nothing-here', { key: h.ownerKey }), 404, 'not_found');
  });

  it('wrong method on a known path is 405 method_not_allowed with Allow', async () => {
    const response = await call(h.baseUrl, 'PUT', '/v1/mcps', { key: h.ownerKey, body: {} });
    expectErrorEnvelope(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const onItem = await call(h.baseUrl, 'POST', '/v1/api-keys/key_x');
    expectErrorEnvelope(onItem, 405, 'method_not_allowed');
    expect(onItem.headers.get('allow')).toContain('DELETE');
  });

  it('malformed JSON is 400 invalid_request', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', { key: h.ownerKey, body: '{"name": ' });
    expectErrorEnvelope(response, 400, 'invalid_request');
  });

  it('a body that is not JSON is 400 invalid_request', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectErrorEnvelope(response, 400, 'invalid_request');
  });

  it('a POST without the body its operation requires is 400 invalid_request', async () => {
    expectErrorEnvelope(await call(h.baseUrl, 'POST', '/v1/api-keys', { key: h.ownerKey }), 400, 'invalid_request');
  });

  it('an oversize body is 413 payload_too_large with the limit', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/api-keys', {
      key: h.ownerKey,
      body: { name: 'big', description: 'x'.repeat(70 * 1024) },
    });
    expectErrorEnvelope(response, 413, 'payload_too_large');
    expect(response.body.error.details).toEqual({ limit_bytes: 64 * 1024 });
  });

  it('a body that breaks the schema is 422 validation_error naming every field', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: '', endpoint_url: 'not a url', colour: 'blue' },
    });
    expectErrorEnvelope(response, 422, 'validation_error');
    expect(Object.keys(response.body.error.details).sort()).toEqual(['colour', 'endpoint_url', 'name']);
  });

  it('a missing required field is named in details', async () => {
    const response = await call(h.baseUrl, 'POST', '/v1/mcps', { key: h.ownerKey, body: { name: 'x' } });
    expectErrorEnvelope(response, 422, 'validation_error');
    expect(response.body.error.details).toHaveProperty('endpoint_url');
  });

  it('a bad query parameter is 400 invalid_request naming it', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps?status=sleeping', { key: h.ownerKey });
    expectErrorEnvelope(response, 400, 'invalid_request');
    expect(response.body.error.details).toHaveProperty('status');
  });

  it('a thrown error is 500 internal_error without internals, logged with the request id', async () => {
    faults.organization = 'throw';
    try {
      const response = await call(h.baseUrl, 'GET', '/v1/organization', {
        key: h.ownerKey,
        headers: { 'x-request-id': 'trace-500-a' },
      });
      expectErrorEnvelope(response, 500, 'internal_error');
      expect(response.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred' });
      expect(response.text).not.toContain('SQLITE');
      expect(response.text).not.toMatch(/at .*\.ts/);
      expect(response.headers.get('x-request-id')).toBe('trace-500-a');
      const logged = h.logs.find((line) => line.requestId === 'trace-500-a');
      expect(logged?.level).toBe(50);
      expect(JSON.stringify(logged)).toContain(INTERNAL_DETAIL);
    } finally {
      faults.organization = undefined;
    }
  });

  it('a response that drifts from the contract is a 500, so the drift cannot pass a test', async () => {
    faults.organization = 'drift';
    try {
      expectErrorEnvelope(await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey }), 500, 'internal_error');
    } finally {
      faults.organization = undefined;
    }
  });
});

describe('request ids and headers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("echoes a client's valid X-Request-Id", async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/organization', {
      key: h.ownerKey,
      headers: { 'x-request-id': 'abc-123_DEF.9' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('abc-123_DEF.9');
  });

  it('replaces an invalid X-Request-Id with a fresh one', async () => {
    const response = await call(h.baseUrl, 'GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    const other = await call(h.baseUrl, 'GET', '/health');
    expect(other.headers.get('x-request-id')).not.toBe(id);
  });

  it('sends security headers and no-store on API responses', async () => {
    for (const response of [
      await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey }),
      await call(h.baseUrl, 'GET', '/v1/mcps'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('system routes need no key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('GET /health answers ok', async () => {
    const response = await call(h.baseUrl, 'GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, data: { status: 'ok' } });
    expect(typeof response.body.data.version).toBe('string');
  });

  it('GET /openapi.yaml serves the contract as YAML', async () => {
    const response = await call(h.baseUrl, 'GET', '/openapi.yaml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(response.text).toMatch(/^openapi: 3\.1\.0/);
  });

  it('GET /openapi.json serves the same contract as JSON', async () => {
    const response = await call(h.baseUrl, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toContain('/v1/mcps');
  });

  it('GET /docs serves an HTML page', async () => {
    const response = await call(h.baseUrl, 'GET', '/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toContain('PlexMCP API');
  });
});

describe('malformed paths', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a path parameter that is not valid percent-encoding is 400 invalid_request, not 500', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps/%E0%A4%A', { key: h.ownerKey });
    expectErrorEnvelope(response, 400, 'invalid_request');
  });
});

describe('access log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('logs one line per request with its id and status, and never the key', async () => {
    await call(h.baseUrl, 'GET', '/v1/mcps?per_page=5', { key: h.ownerKey, headers: { 'x-request-id': 'access-1' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = h.logs.find((entry) => entry.requestId === 'access-1' && entry.msg === 'request');
    expect(line).toMatchObject({
      method: 'GET',
      path: '/v1/mcps',
      status: 200,
      orgId: h.org.id,
      keyId: h.ownerKeyRow.id,
    });
    expect(JSON.stringify(h.logs)).not.toContain(h.ownerKey);
  });
});
