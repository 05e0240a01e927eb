/**
 * Upstream outcomes are logged once per request at warn, without a stack (they are expected: an upstream that is down,
 * a circuit that is open); a genuine internal error is still logged at error with its stack. Read from the logger's
 * own output stream.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../server/gateway/index.js';
import type { Gateway } from '../../server/gateway/types.js';
import { createLogger } from '../../server/logger.js';
import type { Store } from '../../server/store/types.js';
import { call, type Harness, startHarness } from '../support/harness.js';
import { closedMcpUrl } from '../support/ports.js';

describe('logging upstream outcomes', () => {
  let h: Harness;
  let gateway: Gateway;
  let mcpId: string;
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  let failOrganizationRead = false;
  beforeAll(async () => {
    gateway = createGateway({ maxTimeoutMs: 2_000 });
    h = await startHarness({
      overrides: { gateway, allowPrivateMcpUrls: true, logger: createLogger({ level: 'info', destination }) },
      wrapStore: (store: Store) =>
        new Proxy(store, {
          get(target, name, receiver) {
            if (name === 'getOrganization' && failOrganizationRead) {
              return async () => {
                throw new Error('disk on fire');
              };
            }
            const value = Reflect.get(target, name, receiver) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
    });
    const created = await call(h.baseUrl, 'POST', '/v1/mcps', {
      key: h.ownerKey,
      body: { name: 'Gone', endpoint_url: await closedMcpUrl() },
    });
    mcpId = created.body.data.id;
    await h.store.setMcpTools(
      mcpId,
      [{ name: 'ping', description: null, input_schema: { type: 'object' } }],
      new Date().toISOString(),
    );
  });
  afterAll(async () => {
    await h.close();
    await gateway.close();
  });

  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

  it('an unreachable upstream and an open circuit: one warn line per request, no stack, no error line', async () => {
    for (let i = 0; i < 8; i++) {
      const requestId = `upstream-${i}`;
      const response = await call(h.baseUrl, 'POST', '/mcp', {
        key: h.ownerKey,
        body: { mcp_id: mcpId, tool: 'ping' },
        headers: { 'x-request-id': requestId },
      });
      expect(response.status).toBe(502);
      expect(response.body.error.code).toBe('mcp_unreachable');
      const own = linesOf(requestId);
      const warnings = own.filter((line) => line.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ code: 'mcp_unreachable', status: 502, msg: 'upstream call failed' });
      expect(own.filter((line) => (line.level as number) >= 50)).toEqual([]);
      expect(JSON.stringify(own)).not.toMatch(/"stack"|\n\s+at /);
    }
    // The last calls were refused by the open circuit, and say so.
    expect(linesOf('upstream-7').find((line) => line.level === 40)).toMatchObject({ circuit: 'open' });
  });

  it('a genuine internal error is still logged at error with its stack', async () => {
    failOrganizationRead = true;
    try {
      const response = await call(h.baseUrl, 'GET', '/v1/organization', {
        key: h.ownerKey,
        headers: { 'x-request-id': 'internal-1' },
      });
      expect(response.status).toBe(500);
    } finally {
      failOrganizationRead = false;
    }
    const errors = linesOf('internal-1').filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect((errors[0]?.err as { stack?: string } | undefined)?.stack).toMatch(/disk on fire/);
  });
});
