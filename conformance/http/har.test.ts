import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHar } from './har.js';
import { createRecorder } from './recorder.js';

const MAIN_KEY = 'pmcp_MainKey0123456789abcdefghijABCDEFGHIJ0123';
const ISSUED_KEY = 'pmcp_IssuedKeyZYXWVUTSRQPONMLKJIHGFEDCBA98765';
let server: Server;
let base: string;

beforeAll(async () => {
  // A real server that answers a key creation with the secret in the body, as POST /v1/api-keys does.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Request-Id': 'req_1', 'Set-Cookie': 'session=abc' });
      res.end(
        JSON.stringify({
          success: true,
          data: { id: 'key_1', key: ISSUED_KEY, echo: req.headers['x-api-key'] ?? null, sent: body },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HAR export', () => {
  it("never contains an API key: not the caller's, not one the server issued", async () => {
    const recorder = createRecorder({ secrets: [MAIN_KEY] });
    const response = await recorder.fetch(`${base}/v1/api-keys`, {
      method: 'POST',
      headers: { Authorization: `ApiKey ${MAIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'k', note: MAIN_KEY }),
    });
    // The check itself still sees the issued key, so it can use it.
    expect(((await response.json()) as { data: { key: string } }).data.key).toBe(ISSUED_KEY);
    await recorder.fetch(`${base}/v1/organization`, { headers: { 'X-API-Key': ISSUED_KEY } });

    const har = JSON.stringify(toHar(recorder.exchanges, '0.0.0'));
    expect(har).not.toContain(MAIN_KEY);
    expect(har).not.toContain(ISSUED_KEY);
    expect(har).not.toContain('session=abc');
    const log = (
      JSON.parse(har) as {
        log: {
          version: string;
          entries: { request: { headers: { name: string; value: string }[] }; response: { status: number } }[];
        };
      }
    ).log;
    expect(log.version).toBe('1.2');
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]?.request.headers).toContainEqual({ name: 'authorization', value: 'ApiKey [REDACTED]' });
    expect(log.entries[1]?.request.headers).toContainEqual({ name: 'x-api-key', value: '[REDACTED]' });
    expect(log.entries[0]?.response.status).toBe(201);
  });

  it('records a network failure instead of a response', async () => {
    const recorder = createRecorder();
    await expect(recorder.fetch('http://127.0.0.1:1/health')).rejects.toThrow();
    const entry = (
      toHar(recorder.exchanges, '0.0.0') as { log: { entries: { response: { status: number; _error?: string } }[] } }
    ).log.entries[0];
    expect(entry?.response.status).toBe(0);
    expect(entry?.response._error).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
