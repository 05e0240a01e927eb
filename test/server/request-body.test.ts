/**
 * Request bodies (openapi.yaml, info.description "Request bodies"): read only after the key is checked, within the
 * bytes-in-flight budget, and refused when empty, too large or nested too deeply, always in the error envelope.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call, type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(() => h.close());

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/** Parses the first response on a raw connection. */
function firstAnswer(text: string): RawAnswer | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = text.slice(0, end);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
  if (text.length < end + 4 + length) return undefined;
  return { status: Number(head.split(' ')[1]), head, body: text.slice(end + 4, end + 4 + length) };
}

/** A raw connection that sends `head` and then `body`, collecting what comes back. */
function rawRequest(baseUrl: string, head: string, body?: Buffer) {
  const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  socket.write(head);
  if (body) socket.write(body);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    const check = () => {
      const parsed = firstAnswer(received);
      if (parsed) resolve(parsed);
    };
    socket.on('data', check);
    socket.once('close', () => {
      check();
      reject(new Error(`closed without an answer: ${JSON.stringify(received.slice(0, 200))}`));
    });
  });
  return { socket, answer, closed, received: () => received };
}

const postHead = (length: number, extra = '') =>
  `POST /v1/mcps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('bodies are read only after authentication', () => {
  it.each([
    ['no key', ''],
    ['an unknown key', `Authorization: ApiKey pmcp_${'x'.repeat(43)}\r\n`],
  ])(
    'a large POST with %s is 401 in the envelope before its body is sent, then the connection closes',
    async (_name, auth) => {
      h = await startHarness({ overrides: { maxRequestBodyBytes: 16 * 1024 * 1024 } });
      const size = 8 * 1024 * 1024;
      // Only the first kilobyte: the answer must not wait for the body (before authentication moved ahead of it, all
      // 8 MiB were read and parsed before the 401).
      const request = rawRequest(h.baseUrl, postHead(size, auth), Buffer.alloc(1024, 0x20));
      const answer = await request.answer;
      expect(answer.status).toBe(401);
      expect(answer.head).toMatch(/\r\nX-Request-Id: req_\w+/i);
      expect(answer.head).toMatch(/\r\nConnection: close/i);
      expect(JSON.parse(answer.body)).toMatchObject({ success: false, error: { code: 'unauthorized' } });
      // The rest is read and discarded while the connection lingers (see lingering-close.test.ts), then it closes.
      request.socket.write(Buffer.alloc(size - 1024, 0x20));
      await request.closed;
    },
  );

  it('a body over the size limit is 413 from its Content-Length, before the body is sent', async () => {
    h = await startHarness();
    const size = 16 * 1024 * 1024;
    const request = rawRequest(h.baseUrl, postHead(size, `Authorization: ApiKey ${h.ownerKey}\r\n`));
    const answer = await request.answer;
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/\r\nConnection: close/i);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    request.socket.end();
    await request.closed;
  });
});

describe('the bytes of bodies in flight are bounded', () => {
  it('a body that does not fit waits, unread, until the body in flight is done', async () => {
    h = await startHarness({ overrides: { maxRequestBodyBytes: 60_000, maxBodyBytesInFlight: 100_000 } });
    const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(50_000) }));
    const auth = `Authorization: ApiKey ${h.ownerKey}\r\n`;
    // The first holds 50 kB of the budget with its body half sent.
    const first = rawRequest(h.baseUrl, postHead(body.length, auth), body.subarray(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The second sends everything, but 50 kB more does not fit: it must not be answered yet.
    const second = rawRequest(h.baseUrl, postHead(body.length, auth), body);
    let secondAnswered = false;
    void second.answer.then(() => (secondAnswered = true)).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(secondAnswered).toBe(false);
    first.socket.write(body.subarray(10));
    // Both are read in turn and fail validation (the name is too long): the point is that both are answered.
    expect((await first.answer).status).toBe(422);
    expect((await second.answer).status).toBe(422);
    first.socket.destroy();
    second.socket.destroy();
  });
});

describe('malformed JSON bodies are 400 in the envelope, never 500', () => {
  const deep = (levels: number, open = '{"a":', close = '}') => `${open.repeat(levels)}1${close.repeat(levels)}`;

  it.each([
    ['PATCH', '/v1/organization', ''],
    ['PATCH', '/v1/api-keys/key_x', ''],
    ['PATCH', '/v1/organization', `{"settings":${deep(5000)}}`],
    ['PATCH', '/v1/organization', `{"settings":{"x":${deep(30_000, '[', ']')}}}`],
    ['POST', '/mcp', `{"mcp_id":"m","tool":"t","arguments":{},"context":${deep(5000)}}`],
    ['PATCH', '/v1/organization', `{"settings":${deep(64)}}`],
  ])('%s %s with body %#', async (method, path, body) => {
    h = await startHarness();
    for (const idempotencyKey of [undefined, 'same-key']) {
      const response = await call(h.baseUrl, method, path, {
        key: h.ownerKey,
        body,
        headers: {
          'content-type': 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
      });
      expect(response.status, response.text).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('a body with fields named like what every object inherits is 422 naming those fields, and changes nothing', async () => {
    h = await startHarness();
    const before = await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey });
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await call(h.baseUrl, 'PATCH', '/v1/organization', {
        key: h.ownerKey,
        body: `{"${field}":{"admin":true},"name":"Renamed"}`,
      });
      expect(response.status, response.text).toBe(422);
      expect(response.body.error.code).toBe('validation_error');
      // The field itself is named, as an own member of `details`, with the validator's message and nothing else.
      const details = JSON.parse(response.text).error.details;
      expect(Object.keys(details), field).toEqual([field]);
      expect(details[field]).toBe('must NOT have additional properties');
    }
    const after = await call(h.baseUrl, 'GET', '/v1/organization', { key: h.ownerKey });
    expect(after.body.data).toEqual(before.body.data);
  });

  it('64 levels of nesting pass the parser, to the field limits of the contract', async () => {
    h = await startHarness();
    const response = await call(h.baseUrl, 'POST', '/mcp', {
      key: h.ownerKey,
      body: `{"mcp_id":"mcp_none","tool":"t","arguments":${deep(63)}}`,
      headers: { 'idempotency-key': 'deep-but-fine' },
    });
    // Past the parser: the contract's own limit on `arguments` (32 levels) answers.
    expect(response.status, response.text).toBe(422);
    expect(response.body.error.code).toBe('validation_error');
  });
});
