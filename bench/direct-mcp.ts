/** The gateway's baseline: the official SDK client calling the demo MCP server directly, on one session (as the gateway does). */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface DirectMcp {
  call(): Promise<void>;
  close(): Promise<void>;
}

export async function connectDirect(url: string, tool: { name: string; arguments: Record<string, unknown> }): Promise<DirectMcp> {
  const client = new Client({ name: 'plexmcp-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    async call() {
      const result = await client.callTool({ name: tool.name, arguments: tool.arguments });
      if (result.isError) throw new Error('tool call failed');
    },
    close: () => client.close(),
  };
}
