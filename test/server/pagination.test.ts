/** Pagination over real HTTP: complete walks, true totals, bounds and RFC 8288 links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageRow } from '../../server/store/test-store.js';
import { call, type Harness, startHarness } from '../support/harness.js';

const LISTS = ['/v1/mcps', '/v1/organization/members', '/v1/api-keys', '/v1/usage/history'];

describe('pagination', () => {
  let h: Harness;
  const TOTAL = 23;
  beforeAll(async () => {
    h = await startHarness();
    const mcp = await h.addMcp({ name: 'mcp 0' });
    for (let i = 1; i < TOTAL; i++) await h.addMcp({ name: `mcp ${i}` });
    // Each member comes with a key: 23 members (the owner and 22 viewers) and 23 keys.
    for (let i = 1; i < TOTAL; i++) await h.addMember('viewer');
    for (let i = 0; i < TOTAL; i++) {
      await h.store.recordUsage(
        usageRow({
          id: `use_${String(i).padStart(3, '0')}`,
          orgId: h.org.id,
          apiKeyId: h.ownerKeyRow.id,
          mcpId: mcp.id,
          mcpName: mcp.name,
          createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        }),
      );
    }
  });
  afterAll(() => h.close());

  it.each(LISTS)('walking %s page by page sees every item once, with stable totals', async (path) => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const response = await call(h.baseUrl, 'GET', `${path}?page=${page}&per_page=5`, { key: h.ownerKey });
      expect(response.status).toBe(200);
      expect(response.body.pagination).toEqual({ page, per_page: 5, total: TOTAL, total_pages: 5 });
      seen.push(...response.body.data.map((item: { id: string }) => item.id));
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
  });

  it.each(LISTS)('a page past the end of %s is 200 with empty data and true totals', async (path) => {
    const response = await call(h.baseUrl, 'GET', `${path}?page=99&per_page=10`, { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.pagination).toEqual({ page: 99, per_page: 10, total: TOTAL, total_pages: 3 });
  });

  it('defaults to page 1 of 20', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps', { key: h.ownerKey });
    expect(response.body.pagination).toEqual({ page: 1, per_page: 20, total: TOTAL, total_pages: 2 });
    expect(response.body.data).toHaveLength(20);
  });

  it('the last allowed page, 1,000,000,000, is 200 with empty data', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps?page=1000000000&per_page=100', { key: h.ownerKey });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
  });

  it.each([
    'page=0',
    'page=-1',
    'per_page=0',
    'per_page=101',
    'page=1.5',
    'per_page=abc',
    // Offsets past SQLite's 64-bit integers, and past exact doubles.
    'page=1000000001',
    'page=92233720368547758',
    'page=9223372036854775807',
    'page=99999999999999999999999',
    'page=1e300',
  ])('%s is 400 invalid_request', async (query) => {
    for (const path of LISTS) {
      const response = await call(h.baseUrl, 'GET', `${path}?${query}`, { key: h.ownerKey });
      expect(response.status, `${path}?${query}`).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
    }
  });

  it('sends an RFC 8288 Link header with first, prev, next and last, relative without a public URL', async () => {
    const response = await call(h.baseUrl, 'GET', '/v1/mcps?page=2&per_page=5&status=all', { key: h.ownerKey });
    const links = Object.fromEntries(
      (response.headers.get('link') ?? '').split(', ').map((part) => {
        const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
        return [match?.[2], match?.[1]];
      }),
    );
    expect(links).toEqual({
      first: '/v1/mcps?status=all&page=1&per_page=5',
      prev: '/v1/mcps?status=all&page=1&per_page=5',
      next: '/v1/mcps?status=all&page=3&per_page=5',
      last: '/v1/mcps?status=all&page=5&per_page=5',
    });
    const followed = await call(h.baseUrl, 'GET', links.next!, { key: h.ownerKey });
    expect(followed.body.pagination.page).toBe(3);
  });
});
