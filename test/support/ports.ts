/**
 * Test support: a loopback port that nothing listens on (bound to port 0, then released), for upstreams that are
 * gone (`mcp_unreachable`) or for a child process to listen on.
 */
import { createServer } from 'node:http';

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An MCP endpoint URL on a closed loopback port. */
export async function closedMcpUrl(): Promise<string> {
  return `http://127.0.0.1:${await freeLoopbackPort()}/mcp`;
}
