/**
 * A real MCP server on loopback (streamable HTTP, stateless) whose one tool, `count`, is slow on purpose and counts
 * every call it runs: what tests of "runs once" read. `count` takes `{ label: string, delay_ms?: number }` and answers
 * `{ label, n }`, n being that label's calls so far.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { serveStatelessMcp } from './stateless-mcp.js';

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
  const served = await serveStatelessMcp(mcpServer);
  return {
    url: served.url,
    calls: (label) => calls.get(label) ?? 0,
    close: served.close,
  };
}
