/**
 * A real MCP server on loopback (streamable HTTP, stateless) whose one tool, `count`, is slow on purpose and counts
 * every call it runs: what tests of "runs once" read. `count` takes `{ label: string, delay_ms?: number }` and answers
 * `{ label, n }`, n being that label's calls so far.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface CountingMcp {
  url: string;
  /** Calls of `count` that ran, by label. */
  calls(label: string): number;
  close(): Promise<void>;
}

export async function startCountingMcp(): Promise<CountingMcp> {
  const calls = new Map<string, number>();
  const mcpServer = () => {
    const server = new McpServer({ name: 'counting', version: '1.0.0' });
    server.registerTool(
      'count',
      {
        description: 'Counts its calls per label, after an optional delay.',
        inputSchema: { label: z.string(), delay_ms: z.number().int().min(0).max(10_000).optional() },
      },
      async ({ label, delay_ms }) => {
        const n = (calls.get(label) ?? 0) + 1;
        calls.set(label, n);
        if (delay_ms) await new Promise((resolve) => setTimeout(resolve, delay_ms));
        return { content: [{ type: 'text', text: JSON.stringify({ label, n }) }] };
      },
    );
    return server;
  };
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        // Stateless: one server and transport per request (the SDK binds a server to one transport).
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: undefined,
          enableJsonResponse: true,
        });
        res.on('close', () => void transport.close());
        await mcpServer().connect(transport);
        await transport.handleRequest(req, res, body);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls: (label) => calls.get(label) ?? 0,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
