/**
 * What Node's HTTP parser refuses, and the connection limits (openapi.yaml, info.description "Connections"): raw
 * requests on a loopback socket get the error envelope with an `X-Request-Id`, and slow or idle connections are cut.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(() => h.close());

interface Exchange {
  socket: Socket;
  /** Everything received until the server closed the connection. */
  closed: Promise<string>;
}

function open(harness: Harness, ...chunks: (string | Buffer)[]): Exchange {
  const socket = connect(Number(new URL(harness.baseUrl).port), '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => {});
  for (const chunk of chunks) socket.write(chunk);
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve(received))) };
}

function parse(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end);
  return {
    status: Number(head.split(' ')[1]),
    head,
    header: (name: string) => new RegExp(`\\r\\n${name}: ([^\\r]*)`, 'i').exec(head)?.[1],
    body: JSON.parse(raw.slice(end + 4)) as { success: boolean; error: { code: string; message: string } },
  };
}

function expectEnvelope(raw: string, status: number, code: string) {
  const answer = parse(raw);
  expect(answer.status, raw).toBe(status);
  expect(answer.header('x-request-id')).toMatch(/^req_\w+$/);
  expect(answer.header('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({ success: false, error: { code } });
}

describe('requests the HTTP parser refuses are answered in the envelope', () => {
  it.each([
    [
      'headers over 16 KiB',
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    [
      'two different Content-Lengths',
      'POST /v1/mcps HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      400,
      'invalid_request',
    ],
    [
      'a negative Content-Length',
      'POST /v1/mcps HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      400,
      'invalid_request',
    ],
    ['a NUL byte in a header', 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n', 400, 'invalid_request'],
    ['a NUL byte in the path', 'GET /hea\0lth HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'invalid_request'],
    ['HTTP/3.7', 'GET /health HTTP/3.7\r\nHost: x\r\n\r\n', 400, 'invalid_request'],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400, 'invalid_request'],
    [
      'Content-Length and chunked together',
      'POST /v1/mcps HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'invalid_request',
    ],
    ['an HTTP/1.1 request without Host', 'GET /health HTTP/1.1\r\n\r\n', 400, 'invalid_request'],
    ['CONNECT (a tunnel)', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n', 400, 'invalid_request'],
    ['CONNECT to a path', 'CONNECT /v1/mcps HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'invalid_request'],
    [
      'an expectation other than 100-continue',
      'GET /nowhere HTTP/1.1\r\nHost: x\r\nExpect: nonsense\r\n\r\n',
      404,
      'not_found',
    ],
    [
      'a PATCH with no body at all',
      'PATCH /v1/organization HTTP/1.1\r\nHost: x\r\nAuthorization: ApiKey {owner}\r\nContent-Type: application/json\r\n\r\n',
      400,
      'invalid_request',
    ],
    [
      'a PATCH with no body and no Content-Type',
      'PATCH /v1/organization HTTP/1.1\r\nHost: x\r\nAuthorization: ApiKey {owner}\r\n\r\n',
      400,
      'invalid_request',
    ],
  ])('%s', async (_name, request, status, code) => {
    h = await startHarness();
    const exchange = open(h, request.replace('{owner}', h.ownerKey));
    const raw = await Promise.race([
      exchange.closed,
      // A keep-alive answer (the Host check) leaves the connection open: stop once a whole answer is in.
      new Promise<string>((resolve) => {
        let text = '';
        exchange.socket.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (/\r\n\r\n\{.*\}$/s.test(text)) resolve(text);
        });
      }),
    ]);
    expectEnvelope(raw, status, code);
    exchange.socket.destroy();
  });
});

describe('connection limits', () => {
  const limits = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 300, maxConnections: 3 };

  it('a body shorter than its Content-Length is cut with 408 once the request timeout passes', async () => {
    h = await startHarness({ limits });
    const exchange = open(
      h,
      `POST /v1/mcps HTTP/1.1\r\nHost: x\r\nAuthorization: ApiKey ${h.ownerKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":',
    );
    expectEnvelope(await exchange.closed, 408, 'request_timeout');
  });

  it('headers that never finish are cut with 408 once the headers timeout passes', async () => {
    h = await startHarness({ limits });
    const exchange = open(h, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expectEnvelope(await exchange.closed, 408, 'request_timeout');
  });

  // The limit is 300 ms; Node's default (5 s) would overrun this test's own 4 s timeout.
  it('an idle keep-alive connection is closed after the keep-alive timeout', { timeout: 4_000 }, async () => {
    h = await startHarness({ limits });
    const exchange = open(h, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const raw = await exchange.closed;
    expect(parse(raw.slice(0, raw.indexOf('}}') + 2)).status).toBe(200);
  });

  it('connections past the maximum are closed as they arrive, and accepted again once others close', async () => {
    h = await startHarness({
      limits: { ...limits, keepAliveTimeoutMs: 60_000, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
    });
    const held = [0, 1, 2].map(() => open(h, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
    // Each held connection has had its answer (so the server counts it) and stays open.
    await Promise.all(held.map((c) => new Promise((resolve) => c.socket.once('data', resolve))));
    const refused = open(h, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await refused.closed).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const accepted = open(h, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(parse(await accepted.closed).status).toBe(200);
    for (const c of held) c.socket.destroy();
  });
});
