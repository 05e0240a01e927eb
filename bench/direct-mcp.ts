/** The gateway's baseline: the official SDK client calling the demo MCP server directly, on one session (as the gateway does). */
import { setMaxListeners } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface DirectMcp {
  call(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The transport passes one long-lived AbortSignal to every fetch, and undici drops each fetch's abort listener only
 * when that request is garbage-collected; at thousands of calls a second the count passes Node's warning threshold
 * between collections. Lifting the threshold on that signal keeps the run's output readable; nothing else changes.
 */
const fetchWithoutListenerWarning: typeof fetch = (input, init) => {
  if (init?.signal) setMaxListeners(0, init.signal);
  return fetch(input, init);
};

export async function connectDirect(
  url: string,
  tool: { name: string; arguments: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<DirectMcp> {
  const client = new Client({ name: 'plexmcp-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { fetch: fetchWithoutListenerWarning, requestInit: { headers } }),
  );
  return {
    async call() {
      const result = await client.callTool({ name: tool.name, arguments: tool.arguments });
      if (result.isError) throw new Error('tool call failed');
    },
    close: () => client.close(),
  };
}
