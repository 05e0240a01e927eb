import { afterEach, describe, expect, it } from 'vitest';
import { type DemoMcpServer, startDemoMcpServer } from './server.js';
import { weatherFor } from './tools.js';

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
};
const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('demo MCP server over raw HTTP', () => {
  let demo: DemoMcpServer | undefined;
  afterEach(async () => {
    await demo?.close();
  });

  it('refuses a request without the required credentials with 401 and a challenge', async () => {
    demo = await startDemoMcpServer({ auth: { type: 'bearer', token: 't' } });
    const response = await fetch(demo.url, { method: 'POST', headers, body: JSON.stringify(initialize) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const sse = await fetch(demo.sseUrl, { headers: { authorization: 'Bearer wrong' } });
    expect(sse.status).toBe(401);
  });

  it('issues a session id on initialize and answers 404 for it once sessions are expired', async () => {
    demo = await startDemoMcpServer();
    const init = await fetch(demo.url, { method: 'POST', headers, body: JSON.stringify(initialize) });
    expect(init.status).toBe(200);
    const session = init.headers.get('mcp-session-id');
    expect(session).toBeTruthy();
    await init.body?.cancel();
    demo.expireSessions();
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    const stale = await fetch(demo.url, {
      method: 'POST',
      headers: { ...headers, 'mcp-session-id': session ?? '' },
      body: JSON.stringify(list),
    });
    expect(stale.status).toBe(404);
    expect(demo.sessionsCreated).toBe(1);
  });

  it('answers with the same weather for the same place every time', () => {
    expect(weatherFor('Oslo')).toEqual(weatherFor('Oslo'));
    expect(weatherFor('Oslo', 1)).not.toEqual(weatherFor('Oslo', 2));
    const { temperature, humidity } = weatherFor('Oslo');
    expect(temperature).toBeGreaterThanOrEqual(40);
    expect(temperature).toBeLessThan(90);
    expect(humidity).toBeGreaterThanOrEqual(20);
    expect(humidity).toBeLessThanOrEqual(90);
  });
});
