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

/** An `initialize` request as a client sends it first, for tests that speak to the endpoint without the SDK. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
} as const;

/** POSTs `INITIALIZE` to the endpoint with `headers` (the key among them), accepting JSON and event streams. */
export function rawInitialize(baseUrl: string, headers: Record<string, string>): Promise<Response> {
  return fetch(new URL(MCP_ENDPOINT, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(INITIALIZE),
  });
}
