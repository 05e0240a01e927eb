/** A tools/call answer that is not MCP is `mcp_error`; a valid one passes through unchanged, unknown fields and all. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { createGateway } from './gateway.js';
import type { Gateway } from './types.js';

let server: Server | undefined;
let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  server?.closeAllConnections();
  server?.close();
});

/** A minimal streamable HTTP MCP server answering in JSON (MCP basic/transports §Streamable HTTP) with `result`. */
async function serveCallResult(result: unknown): Promise<string> {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const message = JSON.parse(body || '{}') as { id?: number; method?: string };
    if (message.id === undefined) return void res.writeHead(202).end();
    const answer =
      message.method === 'initialize'
        ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'raw', version: '1' } }
        : result;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

const target = (endpointUrl: string) => ({ id: 'mcp_raw', endpointUrl, authType: 'none' as const, credentials: null, version: '1' });

describe('tools/call results', () => {
  it.each([
    ['a result that is not an object', [1, 2]],
    ['a result that is not an object (a string)', 'text'],
  ])('%s is mcp_error "not valid MCP"', async (_name, result) => {
    gateway = createGateway();
    const error = await gateway.callTool(target(await serveCallResult(result)), 't', {}, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).code, (error as ApiError).message]).toEqual(['mcp_error', 'The MCP server sent a response that is not valid MCP']);
  });

  it('passes blocks through unchanged, with fields the SDK does not know', async () => {
    gateway = createGateway();
    const content = [{ type: 'text', text: 'hi', extra: { kept: true } }, { type: 'future-kind', data: 1 }];
    const call = await gateway.callTool(target(await serveCallResult({ content, isError: true })), 't', {}, { timeoutMs: 5_000 });
    expect(call).toMatchObject({ content, structuredContent: null, isError: true });
  });
});
