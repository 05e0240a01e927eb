/**
 * A fault-injecting HTTP proxy: forwards every request to a conforming deployment and breaks the request or the
 * response in one named way. Running a check through it proves the check can fail, and fails for the fault it is
 * meant to catch (mutation testing of the suite itself).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface Fault {
  /** Changes the request before it is forwarded. */
  request?(req: ProxyRequest): ProxyRequest;
  /**
   * Stands between the client and the upstream: `send` forwards a request and answers the upstream's response, which
   * this may call more than once (a proxy that retries behind the scenes) before answering.
   */
  around?(req: ProxyRequest, send: (req: ProxyRequest) => Promise<ProxyResponse>): Promise<ProxyResponse>;
  /** Changes the response before it is returned (mutate in place or return a new one). */
  response?(res: ProxyResponse, req: ProxyRequest): ProxyResponse | undefined;
}

// RFC 9110 §7.6.1: connection-specific fields are not forwarded; lengths and encodings are recomputed here.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'host',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function plainHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * @example
 * const proxy = await startFaultProxy({ upstream: 'http://127.0.0.1:8080', fault: { response: (r) => { delete r.headers['x-request-id']; } } });
 * await runConformance({ baseUrl: proxy.baseUrl, apiKey, only: ['ENV-001'] }); // ENV-001 fails
 * await proxy.close();
 */
export async function startFaultProxy(options: {
  upstream: string;
  fault: Fault;
}): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const upstream = options.upstream.replace(/\/+$/, '');
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      let req: ProxyRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: plainHeaders(incoming),
        body: await readBody(incoming),
      };
      if (options.fault.request) req = options.fault.request(req);
      const send = async (r: ProxyRequest): Promise<ProxyResponse> => {
        const answer = await fetch(upstream + r.url, {
          method: r.method,
          headers: r.headers,
          ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { body: new Uint8Array(r.body) }),
          redirect: 'manual',
        });
        const headers: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (!HOP_BY_HOP.has(name)) headers[name] = value;
        });
        return { status: answer.status, headers, body: await answer.text() };
      };
      let res = options.fault.around ? await options.fault.around(req, send) : await send(req);
      if (options.fault.response) res = options.fault.response(res, req) ?? res;
      outgoing.writeHead(res.status, { ...res.headers, 'content-length': String(Buffer.byteLength(res.body)) });
      outgoing.end(res.body);
    })().catch((error: unknown) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`fault proxy: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
