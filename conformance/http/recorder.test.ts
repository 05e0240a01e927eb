/**
 * The recording fetch against servers that close keep-alive connections: an idle one closed while the suite was busy
 * computing, and one closed the moment the next request arrived (RFC 9112 §9.3.1: idempotent requests may be sent
 * again on a new connection; others may not).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecorder } from './recorder.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill();
  for (const socket of sockets) socket.destroy();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

const ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nKeep-Alive: timeout=60\r\n\r\nok';

/**
 * A server that answers the first request on each connection and closes the connection, unanswered, when a second
 * request arrives on it: what a client sees when a server closes an idle connection just as a request goes out.
 */
async function closesOnSecondRequest(): Promise<string> {
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    let requests = 0;
    socket.on('data', (chunk) => {
      requests += (chunk.toString('latin1').match(/HTTP\/1\.1\r\n/g) ?? []).length;
      if (requests === 1) socket.write(ANSWER);
      else socket.destroy();
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Node's HTTP server in its own process, closing idle keep-alive connections after 3 s (Node closes them up to a
 * second later; it announces `Keep-Alive: timeout=3`, which fetch takes as a 2 s idle limit of its own).
 */
async function shortKeepAliveServer(): Promise<string> {
  const source = `
    const server = require('node:http').createServer((req, res) => res.end('ok'));
    server.keepAliveTimeout = 3000;
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return `http://127.0.0.1:${Number(line.toString().trim())}`;
}

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Computing, as the suite does while it generates inputs: no I/O is handled meanwhile.
  }
}

describe('the recording fetch', () => {
  it('sends a request on a live connection after the server closed an idle one while the suite was computing', async () => {
    const base = await shortKeepAliveServer();
    const recorder = createRecorder();
    expect(await (await recorder.fetch(`${base}/a`)).text()).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Longer than both idle limits: the server closes the connection meanwhile, and fetch has not yet noticed.
    busyFor(4_500);
    // A request with a body, which is never sent twice: it must go out on a live connection the first time.
    const response = await recorder.fetch(`${base}/b`, { method: 'POST', body: 'x' });
    expect(await response.text()).toBe('ok');
    expect(recorder.exchanges.every((e) => e.response?.status === 200 && !e.resentAfter)).toBe(true);
  });

  it('sends an idempotent request without a body again when its connection closed before any answer, and says so', async () => {
    const base = await closesOnSecondRequest();
    const recorder = createRecorder();
    await recorder.fetch(`${base}/first`);
    // Each answer comes on a new connection, so each next request is that connection's second.
    for (const method of ['GET', 'DELETE'])
      expect((await recorder.fetch(`${base}/again`, { method })).status).toBe(200);
    const resent = recorder.exchanges.filter((e) => e.resentAfter);
    expect(resent.map((e) => e.request.method)).toEqual(['GET', 'DELETE']);
    expect(resent[0]?.resentAfter).toMatch(/fetch failed: other side closed|ECONNRESET/);
  });

  it('never sends a request with a body twice: its failure is the finding', async () => {
    const base = await closesOnSecondRequest();
    const recorder = createRecorder();
    await recorder.fetch(`${base}/first`);
    await expect(recorder.fetch(`${base}/create`, { method: 'POST', body: '{}' })).rejects.toThrow(/fetch failed/);
    const last = recorder.exchanges.at(-1);
    expect(last?.networkError).toMatch(/other side closed|ECONNRESET/);
    expect(last?.resentAfter).toBeUndefined();
  });
});
