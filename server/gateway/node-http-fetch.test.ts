import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from './node-http-fetch.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    handler(req, res, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

const rpc = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: {} });
const postInit = (extra: RequestInit = {}): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: new Headers({ 'content-type': 'application/json', 'Mcp-Session-Id': 's1' }),
  body: rpc,
  ...extra,
});

describe('nodeHttpFetch', () => {
  it('sends the method, headers and body, and answers with status, headers and the decompressed body', async () => {
    let seen: { method?: string; session?: string; type?: string; body?: string } = {};
    const url = await serve((req, res, body) => {
      seen = {
        method: req.method,
        session: req.headers['mcp-session-id'] as string,
        type: req.headers['content-type'],
        body,
      };
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'mcp-session-id': 's2' });
      res.end(gzipSync('{"ok":true}'));
    });
    const response = await nodeHttpFetch(() => undefined)(new URL(url), postInit());
    expect(seen).toEqual({ method: 'POST', session: 's1', type: 'application/json', body: rpc });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBe('s2');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 202 Accepted and a redirect as they are, without following it', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/mcp') res.writeHead(307, { location: '/elsewhere' }).end();
      else res.writeHead(202).end();
    });
    const redirected = await nodeHttpFetch(() => undefined)(new URL(url), postInit());
    expect([redirected.status, redirected.headers.get('location')]).toEqual([307, '/elsewhere']);
    expect((await nodeHttpFetch(() => undefined)(new URL('/other', url), postInit())).status).toBe(202);
  });

  it('fails like fetch: TypeError "fetch failed" for a closed port, the reason when aborted', async () => {
    const url = await serve(() => undefined);
    server?.close();
    await expect(nodeHttpFetch(() => undefined)(new URL(url), postInit())).rejects.toThrow(
      new TypeError('fetch failed'),
    );
    const controller = new AbortController();
    controller.abort(new Error('closing'));
    await expect(nodeHttpFetch(() => undefined)(new URL(url), postInit({ signal: controller.signal }))).rejects.toThrow(
      'closing',
    );
  });

  it('names the request whose event stream broke before it ended', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{}}\n\n');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const lost: (string | number)[] = [];
    const response = await nodeHttpFetch((id) => lost.push(id))(new URL(url), postInit());
    await expect(response.text()).rejects.toThrow();
    expect(lost).toEqual([7]);
  });
});
