/**
 * Every HTTP failure reaches the caller as a typed value, never a throw: the envelope's fields when the body is the
 * documented envelope, an `invalid_response` (no API code) when it is not.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createPlexMcpClient, isErrorCode, toPlexMcpError } from './index.js';
import { errorEnvelope, type ScriptedServer, sendJson, startScriptedServer } from './scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(status: number, body: string, contentType: string) {
  server = await startScriptedServer((_req, _index, res) => {
    res.writeHead(status, { 'content-type': contentType, 'x-request-id': 'req_garbled' });
    res.end(body);
  });
  return createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: 'pmcp_x', retry: false });
}

describe('typed errors from the client', () => {
  test('a validation_error carries code, message, details, status and request id', async () => {
    server = await startScriptedServer((_req, _index, res) =>
      sendJson(res, 422, errorEnvelope('validation_error', 'Validation failed', { name: 'Required' }), {
        'x-request-id': 'req_422',
      }),
    );
    const { error } = await createPlexMcpClient({ baseUrl: server.baseUrl, apiKey: 'pmcp_x' }).POST('/v1/api-keys', {
      body: { name: '' },
    });
    expect(error).toEqual({
      kind: 'api_error',
      code: 'validation_error',
      message: 'Validation failed',
      details: { name: 'Required' },
      status: 422,
      requestId: 'req_422',
    });
    expect(isErrorCode(error, 'validation_error', 'invalid_arguments')).toBe(true);
    expect(isErrorCode(error, 'not_found')).toBe(false);
  });

  test.each([
    ['an HTML page from a proxy', 502, '<html><body>Bad Gateway</body></html>', 'text/html'],
    ['truncated JSON', 500, '{"success":false,"error":{"code":"inter', 'application/json'],
    ['JSON that is not the envelope', 503, '{"message":"down"}', 'application/json'],
    ['an envelope without a code', 400, '{"success":false,"error":{"message":"no code"}}', 'application/json'],
  ])('%s becomes invalid_response with the status and request id', async (_name, status, body, contentType) => {
    const plexmcp = await clientAnswering(status, body, contentType);
    const { data, error } = await plexmcp.GET('/v1/organization');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: 'invalid_response', code: null, status, requestId: 'req_garbled' });
    expect(error?.kind === 'invalid_response' && error.body).toBe(body);
  });

  test('an error with an empty body becomes invalid_response', async () => {
    const plexmcp = await clientAnswering(500, '', 'application/json');
    const { error } = await plexmcp.GET('/v1/organization');
    expect(error).toMatchObject({ kind: 'invalid_response', code: null, status: 500, body: '' });
  });

  test('a 200 whose body is not JSON becomes invalid_response instead of throwing', async () => {
    const plexmcp = await clientAnswering(200, 'OK', 'text/plain');
    const { data, error, response } = await plexmcp.GET('/v1/organization');
    expect(data).toBeUndefined();
    expect(response.status).toBe(200);
    expect(error).toMatchObject({ kind: 'invalid_response', code: null, status: 200, requestId: 'req_garbled' });
  });

  test('a code outside the contract is passed through as sent', () => {
    const response = new Response(null, { status: 418 });
    const error = toPlexMcpError({ success: false, error: { code: 'teapot', message: 'short and stout' } }, response);
    expect(error).toMatchObject({ kind: 'api_error', code: 'teapot', status: 418, requestId: null });
  });
});
