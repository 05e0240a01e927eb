import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore, type OpenedStore } from '../../test/support/stores.js';
import { newId } from './ids.js';
import { seedOrganization } from './test-store.js';
import type { UsageRow } from './types.js';

describeEachStore((kind) => {
  let t: OpenedStore;
  beforeEach(async () => {
    t = await kind.open();
    await seedOrganization(t.store, 'org_a');
    await seedOrganization(t.store, 'org_b');
    const rows: [string, string | null, string | null, UsageRow['status'], number, string][] = [
      ['mcp_1', 'key_1', 'old name', 'success', 10, '2026-03-01T10:00:00.000Z'],
      ['mcp_1', 'key_1', 'new name', 'error', 30, '2026-03-01T23:59:59.999Z'],
      ['mcp_2', 'key_2', 'two', 'success', 20, '2026-03-02T00:00:00.000Z'],
      ['mcp_1', null, 'new name', 'success', 40, '2026-03-04T00:00:00.000Z'],
    ];
    for (const [i, [mcpId, apiKeyId, mcpName, status, latencyMs, createdAt]] of rows.entries()) {
      await t.store.recordUsage({
        id: `use_${i}`,
        orgId: 'org_a',
        apiKeyId,
        mcpId,
        mcpName,
        tool: 'echo',
        status,
        errorCode: status === 'error' ? 'mcp_error' : null,
        latencyMs,
        createdAt,
      });
    }
    await t.store.recordUsage({
      id: 'use_b',
      orgId: 'org_b',
      apiKeyId: null,
      mcpId: 'mcp_1',
      mcpName: 'b',
      tool: 'echo',
      status: 'success',
      errorCode: null,
      latencyMs: 1,
      createdAt: '2026-03-01T00:00:00.000Z',
    });
  });
  afterEach(() => t.cleanup());

  describe('usage', () => {
    it('summarises totals, latency, last time, per MCP (latest name) and per UTC day, for one organisation', async () => {
      const summary = await t.store.summarizeUsage('org_a', {});
      expect(summary).toEqual({
        total: 4,
        success: 3,
        error: 1,
        avgLatencyMs: 25,
        lastAt: '2026-03-04T00:00:00.000Z',
        byMcp: [
          { mcpId: 'mcp_1', name: 'new name', requests: 3, errors: 1, avgLatencyMs: 27 },
          { mcpId: 'mcp_2', name: 'two', requests: 1, errors: 0, avgLatencyMs: 20 },
        ],
        byDay: [
          { date: '2026-03-01', requests: 2, errors: 1 },
          { date: '2026-03-02', requests: 1, errors: 0 },
          { date: '2026-03-04', requests: 1, errors: 0 },
        ],
      });
    });

    it('summarises nothing as zeros', async () => {
      const summary = await t.store.summarizeUsage('org_a', { mcpIds: [] });
      expect(summary).toEqual({ total: 0, success: 0, error: 0, avgLatencyMs: 0, lastAt: null, byMcp: [], byDay: [] });
    });

    it('filters by inclusive time bounds, MCP, key and status', async () => {
      const count = (filter: Parameters<typeof t.store.countUsage>[1]) => t.store.countUsage('org_a', filter);
      expect(await count({ from: '2026-03-01T23:59:59.999Z', to: '2026-03-02T00:00:00.000Z' })).toBe(2);
      expect(await count({ mcpId: 'mcp_1', status: 'success' })).toBe(2);
      expect(await count({ apiKeyId: 'key_2' })).toBe(1);
      expect(await count({ mcpIds: ['mcp_2', 'mcp_9'] })).toBe(1);
    });

    it('pages history oldest first with a true total, and lists a key’s recent calls newest first', async () => {
      const page = await t.store.listUsage('org_a', {}, { page: 2, perPage: 3 });
      expect(page).toMatchObject({ total: 4, items: [{ id: 'use_3', apiKeyId: null }] });
      expect((await t.store.recentUsage('org_a', 'key_1', 5)).map((u) => u.id)).toEqual(['use_1', 'use_0']);
      expect(await t.store.recentUsage('org_b', 'key_1', 5)).toEqual([]);
    });
  });
});

describe('ids', () => {
  it('are prefixed base62 and distinct', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newId('mcp')));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^mcp_[0-9A-Za-z]{22}$/);
  });
});
