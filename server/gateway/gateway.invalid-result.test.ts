/**
 * A tools/call answer that is not MCP is `mcp_error` saying what is wrong, and does not count against the upstream's
 * circuit; a valid one passes through unchanged, unknown fields and all.
 */
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

const target = (endpointUrl: string) => ({
  id: 'mcp_raw',
  endpointUrl,
  authType: 'none' as const,
  credentials: null,
  version: '1',
});

const NOT_MCP = "The MCP server's answer is not valid MCP";

/**
 * A minimal streamable HTTP MCP server answering in JSON (MCP basic/transports §Streamable HTTP): tools/call gets
 * `result` while `state.bad`, a valid result afterwards.
 */
async function serveUntilFixed(result: unknown, state: { bad: boolean }): Promise<string> {
  const valid = { content: [{ type: 'text', text: 'ok' }] };
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const message = JSON.parse(body || '{}') as { id?: number; method?: string };
    if (message.id === undefined) return void res.writeHead(202).end();
    const answer =
      message.method === 'initialize'
        ? { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'raw', version: '1' } }
        : state.bad
          ? result
          : valid;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

const serveCallResult = (result: unknown) => serveUntilFixed(result, { bad: true });

// MCP schema 2025-06-18 CallToolResult: `content` is an array of blocks each with a string `type`; `isError` is boolean.
const invalidResults: [name: string, result: unknown, problem: { path: string; message: RegExp }][] = [
  ['a result that is not an object', [1, 2], { path: '', message: /object/ }],
  ['a result that is not an object (a string)', 'text', { path: '', message: /object/ }],
  ['content that is not an array', { content: { type: 'text', text: 'hi' } }, { path: 'content', message: /array/ }],
  [
    'a content block without a type',
    { content: [{ type: 'text', text: 'a' }, { text: 'b' }] },
    { path: 'content.1.type', message: /string/ },
  ],
  ['a content block that is not an object', { content: ['hi'] }, { path: 'content.0', message: /object/ }],
  ['isError that is not a boolean', { content: [], isError: 'yes' }, { path: 'isError', message: /boolean/ }],
];

describe('tools/call results', () => {
  it.each(invalidResults)('%s is mcp_error "not valid MCP", saying what is wrong', async (_name, result, problem) => {
    gateway = createGateway();
    const error = await gateway
      .callTool(target(await serveCallResult(result)), 't', {}, { timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.code, apiError.status, apiError.message]).toEqual(['mcp_error', 502, NOT_MCP]);
    expect(apiError.details).toEqual({
      problems: [{ path: problem.path, message: expect.stringMatching(problem.message) }],
    });
  });

  it.each(invalidResults)('%s five times in a row does not open the circuit', async (_name, result) => {
    // A frozen clock: were the circuit open, its backoff could never run out before the last call.
    gateway = createGateway({ breaker: { failureThreshold: 5 }, clock: () => new Date(0) });
    const state = { bad: true };
    const upstream = target(await serveUntilFixed(result, state));
    for (let i = 0; i < 5; i++) {
      const error = await gateway.callTool(upstream, 't', {}, { timeoutMs: 5_000 }).catch((e: unknown) => e);
      expect((error as ApiError).code).toBe('mcp_error');
    }
    state.bad = false;
    const call = await gateway.callTool(upstream, 't', {}, { timeoutMs: 5_000 });
    expect(call.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('passes blocks through unchanged, with fields the SDK does not know', async () => {
    gateway = createGateway();
    const content = [
      { type: 'text', text: 'hi', extra: { kept: true } },
      { type: 'future-kind', data: 1 },
    ];
    const call = await gateway.callTool(
      target(await serveCallResult({ content, isError: true })),
      't',
      {},
      { timeoutMs: 5_000 },
    );
    expect(call).toMatchObject({ content, structuredContent: null, isError: true });
  });
});
