/**
 * A loopback front that adds an `Authorization` header to every request it forwards, streaming both ways (event
 * streams included): how a client that cannot send headers of its own (the MCP conformance runner) reaches an
 * endpoint that needs an API key.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthFront {
  /** The front's origin (`http://127.0.0.1:<port>`); paths are forwarded as they are. */
  url: string;
  close(): Promise<void>;
}

export async function startAuthFront(target: string, authorization: string): Promise<AuthFront> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, authorization },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
