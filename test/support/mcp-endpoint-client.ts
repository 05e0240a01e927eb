/**
 * The official SDK client connected to a server's MCP endpoint (openapi.yaml "MCP endpoint", `/mcp/server`) with an
 * API key, and optionally more headers on every request.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const MCP_ENDPOINT = '/mcp/server';

/**
 * @example
 * const { client } = await connectToEndpoint(h.baseUrl, h.ownerKey);
 * await client.listTools();
 */
export async function connectToEndpoint(
  baseUrl: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(MCP_ENDPOINT, baseUrl), {
    requestInit: { headers: { authorization: `Bearer ${key}`, ...headers } },
  });
  const client = new Client({ name: 'endpoint-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}
