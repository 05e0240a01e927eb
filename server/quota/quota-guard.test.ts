/**
 * The quota guard in front of a stand-in for POST /mcp (check, then record one usage row, as the real route does), over
 * real HTTP and a real sql.js database in a temporary directory, with the clock moved across month boundaries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/error-handler.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { usageRow } from '../store/test-store.js';
import type { Plan } from '../store/types.js';
import { createQuotaGuard, type QuotaGuard } from './quota-guard.js';

interface Reply {
  status: number;
  headers: Headers;
  body: { success: boolean; error?: { code: string; message: string; details?: Record<string, unknown> } };
}

interface Harness {
  invoke(orgId: string): Promise<Reply>;
  setNow(iso: string): void;
  addOrganization(plan: Plan): Promise<string>;
  /** Records `count` invocations at `at` directly in the store (an earlier part of the month). */
  seedUsage(orgId: string, count: number, at: string): Promise<void>;
  usage: QuotaGuard['usage'];
}

async function startHarness(selfHosted: boolean): Promise<{ harness: Harness; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'plexmcp-quota-'));
  const store: SqliteStore = await openSqliteStore({ path: join(dir, 'plexmcp.db') });
  let now = new Date();
  const quota = createQuotaGuard({ store, selfHosted, clock: () => now });

  const app = express();
  // Stand-in for the authenticated POST /mcp route; the organisation comes from the path to keep auth out of it.
  app.post('/orgs/:orgId/mcp', async (req, res) => {
    const org = await store.getOrganization(req.params.orgId);
    if (!org) throw new Error('unknown organisation');
    await quota.check(org.id, org.plan);
    await store.recordUsage(usageRow({ orgId: org.id, mcpId: 'mcp_weather', createdAt: now.toISOString() }));
    res.json({ success: true, data: { is_error: false } });
  });
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  let orgs = 0;
  const harness: Harness = {
    usage: (orgId, plan) => quota.usage(orgId, plan),
    async invoke(orgId) {
      const response = await fetch(`http://127.0.0.1:${port}/orgs/${orgId}/mcp`, { method: 'POST' });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Reply['body'] };
    },
    setNow(iso) {
      now = new Date(iso);
    },
    async addOrganization(plan) {
      orgs += 1;
      const id = `org_quota${orgs}`;
      await store.createOrganization({ id, name: id, slug: id, description: null, plan, settings: {} });
      return id;
    },
    async seedUsage(orgId, count, at) {
      // Concurrent writes share disk flushes, which keeps a thousand rows quick.
      await Promise.all(
        Array.from({ length: count }, () =>
          store.recordUsage(usageRow({ orgId, mcpId: 'mcp_weather', createdAt: at })),
        ),
      );
    },
  };
  return {
    harness,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('monthly tool-invocation quota (hosted)', () => {
  let h: Harness;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ harness: h, close } = await startHarness(false));
  });
  afterEach(() => close());

  it('the free plan gets 429 quota_exceeded after 1,000 invocations this month, and is served again on the 1st', async () => {
    const org = await h.addOrganization('free');
    await h.seedUsage(org, 5, '2026-10-31T23:59:59.999Z'); // last month's calls do not count
    await h.seedUsage(org, 998, '2026-11-01T00:00:00.000Z');
    h.setNow('2026-11-30T23:59:58.000Z');

    expect((await h.invoke(org)).status).toBe(200); // the 999th
    expect((await h.invoke(org)).status).toBe(200); // the 1,000th
    const refused = await h.invoke(org);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toEqual({
      success: false,
      error: {
        code: 'quota_exceeded',
        message: expect.stringContaining('1000'),
        details: { limit: 1000, used: 1000, resets_at: '2026-12-01T00:00:00.000Z' },
      },
    });

    h.setNow('2026-12-01T00:00:00.000Z');
    expect((await h.invoke(org)).status).toBe(200);
  });

  it('an exhausted quota at the end of December resets on 1 January, with Retry-After at least 1', async () => {
    const org = await h.addOrganization('free');
    await h.seedUsage(org, 1000, '2026-12-15T12:00:00.000Z');
    h.setNow('2026-12-31T23:59:59.600Z');

    const refused = await h.invoke(org);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('quota_exceeded');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error?.details?.resets_at).toBe('2027-01-01T00:00:00.000Z');

    h.setNow('2027-01-01T00:00:00.000Z');
    expect((await h.invoke(org)).status).toBe(200);
  });

  it("usage reports this month's invocations against the plan's quota", async () => {
    const org = await h.addOrganization('pro');
    await h.seedUsage(org, 3, '2026-10-31T23:59:59.999Z');
    await h.seedUsage(org, 7, '2026-11-01T00:00:00.000Z');
    h.setNow('2026-11-15T00:00:00.000Z');
    expect(await h.usage(org, 'pro')).toEqual({ used: 7, limit: 50_000, resetsAt: '2026-12-01T00:00:00.000Z' });
  });

  it("one organisation's quota does not touch another's", async () => {
    const spent = await h.addOrganization('free');
    const fresh = await h.addOrganization('free');
    await h.seedUsage(spent, 1000, '2026-11-02T00:00:00.000Z');
    h.setNow('2026-11-20T00:00:00.000Z');
    expect((await h.invoke(spent)).status).toBe(429);
    expect((await h.invoke(fresh)).status).toBe(200);
  });

  it('a larger plan is not held to the free quota, and enterprise has none', async () => {
    const pro = await h.addOrganization('pro');
    const enterprise = await h.addOrganization('enterprise');
    await h.seedUsage(pro, 1000, '2026-11-02T00:00:00.000Z');
    await h.seedUsage(enterprise, 1000, '2026-11-02T00:00:00.000Z');
    h.setNow('2026-11-20T00:00:00.000Z');
    expect((await h.invoke(pro)).status).toBe(200);
    expect((await h.invoke(enterprise)).status).toBe(200);
  });
});

describe('monthly tool-invocation quota (self-hosted)', () => {
  it('is never enforced', async () => {
    const { harness: h, close } = await startHarness(true);
    try {
      const org = await h.addOrganization('free');
      await h.seedUsage(org, 1000, '2026-11-02T00:00:00.000Z');
      h.setNow('2026-11-20T00:00:00.000Z');
      expect((await h.invoke(org)).status).toBe(200);
    } finally {
      await close();
    }
  });
});
