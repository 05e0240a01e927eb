import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/error-handler.js';
import { ApiError } from '../http/errors.js';
import { requestId } from '../http/request-id.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { openTempStore, type TempStore } from '../store/test-store.js';
import { idempotency } from './idempotency.js';
import { canonicalJson, isValidIdempotencyKey } from './request-hash.js';

describe('idempotency key syntax and canonical bodies', () => {
  it.each([
    ['a', true],
    ['2f9c7a1e-6a1b-4f1e-9d55-0c3d2b7e8a10', true],
    ['x'.repeat(255), true],
    ['', false],
    ['x'.repeat(256), false],
    ['has space', false],
    ['café', false],
    ['tab\tkey', false],
  ])('%j valid: %s', (key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });

  it('orders object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});

describe('idempotency stage over HTTP with a sql.js store', () => {
  let temp: TempStore;
  let server: Server;
  let base: string;
  let runs: number;
  let now: Date;
  let respond: (body: Record<string, unknown>) => Promise<{ status: number; body: unknown }>;

  beforeEach(async () => {
    temp = await openTempStore();
    runs = 0;
    now = new Date('2026-05-01T10:00:00.000Z');
    respond = async (body) => ({ status: 200, body: { success: true, data: { run: runs, echo: body } } });
    const app = express();
    app.use(requestId());
    app.use(express.json());
    // Stands in for the authentication stage: the organisation is taken from a header.
    const authenticated: RequestHandler = (req, res, next) => {
      res.locals.principal = { orgId: req.get('x-test-org') ?? 'org_a', key: { id: req.get('x-test-key') ?? 'key_1' } };
      next();
    };
    app.post(
      '/mcp',
      authenticated,
      idempotency({ store: temp.store, operation: 'invokeTool', clock: () => now }),
      async (req, res) => {
        runs += 1;
        if (req.body.delayMs) await new Promise((resolve) => setTimeout(resolve, req.body.delayMs));
        if (req.body.throw) throw new ApiError(req.body.throw);
        const { status, body } = await respond(req.body);
        res.status(status).json(body);
      },
    );
    app.use(errorHandler(pino({ level: 'silent' })));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await temp.cleanup();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { success: boolean; data?: unknown; error?: { code: string } },
    };
  };

  it('replays the first response for the same key and body, with Idempotent-Replayed', async () => {
    const first = await post({ tool: 'x', arguments: { a: 1, b: 2 } }, { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotency-key')).toBe('k-1');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const again = await post('{"arguments":{"b":2,"a":1},"tool":"x"}', { 'Idempotency-Key': 'k-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('idempotency-key')).toBe('k-1');
    expect(runs).toBe(1);
  });

  it('the same key with another body is 409 already_exists', async () => {
    await post({ tool: 'x' }, { 'Idempotency-Key': 'k-2' });
    const other = await post({ tool: 'y' }, { 'Idempotency-Key': 'k-2' });
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('already_exists');
    expect(runs).toBe(1);
  });

  it('keys are scoped per organisation', async () => {
    await post({ tool: 'x' }, { 'Idempotency-Key': 'shared', 'x-test-org': 'org_a' });
    const b = await post({ tool: 'other' }, { 'Idempotency-Key': 'shared', 'x-test-org': 'org_b' });
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(runs).toBe(2);
  });

  it("another API key of the same organisation reusing a key gets 409, not the first caller's response", async () => {
    await post({ tool: 'x' }, { 'Idempotency-Key': 'k-3', 'x-test-key': 'key_1' });
    const other = await post({ tool: 'x' }, { 'Idempotency-Key': 'k-3', 'x-test-key': 'key_2' });
    expect(other.status).toBe(409);
    expect(runs).toBe(1);
  });

  it.each([['has space'], ['x'.repeat(256)]])(
    'an invalid key %j is 400 invalid_request and the handler does not run',
    async (key) => {
      const response = await post({ tool: 'x' }, { 'Idempotency-Key': key });
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe('invalid_request');
      expect(runs).toBe(0);
    },
  );

  it('a 5xx is not stored, so a retry runs again; the success that follows is stored', async () => {
    const failed = await post({ throw: 'mcp_unreachable' }, { 'Idempotency-Key': 'k-5' });
    expect(failed.status).toBe(502);
    respond = async () => ({ status: 200, body: { success: true, data: { ok: true } } });
    const retried = await post({ throw: 'mcp_unreachable' }, { 'Idempotency-Key': 'k-5' });
    expect(retried.status).toBe(502);
    expect(runs).toBe(2);
    const success = await post({ tool: 'fine' }, { 'Idempotency-Key': 'k-6' });
    const replay = await post({ tool: 'fine' }, { 'Idempotency-Key': 'k-6' });
    expect(replay.body).toEqual(success.body);
    expect(runs).toBe(3);
  });

  it('a final 4xx (422) is stored and replayed; a 429 is not', async () => {
    const invalid = await post({ throw: 'invalid_arguments' }, { 'Idempotency-Key': 'k-7' });
    const replay = await post({ throw: 'invalid_arguments' }, { 'Idempotency-Key': 'k-7' });
    expect([invalid.status, replay.status]).toEqual([422, 422]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await post({ throw: 'quota_exceeded' }, { 'Idempotency-Key': 'k-8' });
    const after = await post({ throw: 'quota_exceeded' }, { 'Idempotency-Key': 'k-8' });
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    expect(runs).toBe(3);
  });

  it('a stored response is replayed for 24 hours, then the key runs afresh', async () => {
    await post({ tool: 'x' }, { 'Idempotency-Key': 'k-9' });
    now = new Date(now.getTime() + 24 * 3600 * 1000 - 1000);
    expect((await post({ tool: 'x' }, { 'Idempotency-Key': 'k-9' })).headers.get('idempotent-replayed')).toBe('true');
    now = new Date(now.getTime() + 2000);
    const late = await post({ tool: 'x' }, { 'Idempotency-Key': 'k-9' });
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    expect(runs).toBe(2);
  });

  it('a duplicate sent while the first is running waits for it and gets the same response', async () => {
    const [a, b] = await Promise.all([
      post({ delayMs: 200 }, { 'Idempotency-Key': 'k-10' }),
      post({ delayMs: 200 }, { 'Idempotency-Key': 'k-10' }),
    ]);
    expect(runs).toBe(1);
    expect(a.body).toEqual(b.body);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort()).toEqual([null, 'true']);
  });

  it('a reservation left by a process that died mid-request holds for its lease (2 minutes), then a retry runs', async () => {
    const pending = {
      orgId: 'org_a',
      key: 'k-11',
      requestHash: 'whatever the dead request was',
      status: 0,
      body: 'pending dead-holder',
      createdAt: now.toISOString(),
    };
    expect(await temp.store.claimIdempotency(pending)).toBe(true);
    // Within the lease, another request under the key is refused rather than run beside the one still holding it.
    now = new Date(now.getTime() + 119_000);
    expect((await post({ tool: 'x' }, { 'Idempotency-Key': 'k-11' })).status).toBe(409);
    now = new Date(now.getTime() + 2_000);
    const retried = await post({ tool: 'x' }, { 'Idempotency-Key': 'k-11' });
    expect(retried.status).toBe(200);
    expect(runs).toBe(1);
    expect((await post({ tool: 'x' }, { 'Idempotency-Key': 'k-11' })).headers.get('idempotent-replayed')).toBe('true');
  });

  it('a reservation left in a sql.js database is gone when it is opened again (one process owns it)', async () => {
    const pending = {
      orgId: 'org_a',
      key: 'k-12',
      requestHash: 'h',
      status: 0,
      body: 'pending crashed',
      createdAt: now.toISOString(),
    };
    expect(await temp.store.claimIdempotency(pending)).toBe(true);
    await temp.store.close();
    const reopened = await openSqliteStore({ path: temp.path });
    try {
      expect(await reopened.getIdempotency('org_a', 'k-12')).toBeUndefined();
    } finally {
      await reopened.close();
    }
    temp.store = await openSqliteStore({ path: temp.path });
  });

  it('without a key every request runs', async () => {
    await post({ tool: 'x' });
    const second = await post({ tool: 'x' });
    expect(second.headers.get('idempotency-key')).toBeNull();
    expect(runs).toBe(2);
  });
});
