/**
 * A deliberately simple HTTP target for the suite's own tests: every request gets one canned JSON answer, and the
 * requests are kept so a test can see what the suite sent (for example the cleanup DELETEs). Real HTTP on port 0.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface TestTarget {
  baseUrl: string;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startTestTarget(answer: (req: IncomingMessage) => Answer | Promise<Answer>): Promise<TestTarget> {
  const requests: TestTarget['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    req.resume();
    req.on('end', async () => {
      const a = await answer(req);
      res.writeHead(a.status, {
        'Content-Type': 'application/json',
        'X-Request-Id': `req_${requests.length}`,
        ...a.headers,
      });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port that was free a moment ago and has nothing listening now (test/support/ports.ts). */
export { freeLoopbackPort as closedPort } from '../test/support/ports.js';
