/**
 * PAGE-006 on a list longer than one page of 100: an honest deployment passes. Walks at a per_page that does not divide
 * 100 read a few items past the reference page of 100; those are not differences.
 */
import type { IncomingMessage } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { runConformance } from '../runner.js';
import { startTestTarget, type TestTarget } from '../test-target.js';

const KEY = 'pmcp_PageWholeListTestKey0123456789abcdefghijAB';
let target: TestTarget | undefined;
afterEach(() => target?.close());

/** Every list holds `size` items, paginated, with first/prev/next/last relative links keeping the filters. */
function honestLists(size: number) {
  return (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://target');
    if (url.pathname === '/v1/organization')
      return { status: 200, body: { success: true, data: { id: 'org_1', limits: {} } } };
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 20);
    const totalPages = Math.ceil(size / perPage);
    const ids = Array.from({ length: size }, (_, i) => ({ id: `item_${String(i).padStart(4, '0')}` }));
    const link = (rel: string, to: number) => {
      const query = new URLSearchParams(url.searchParams);
      query.set('page', String(to));
      query.set('per_page', String(perPage));
      return `<${url.pathname}?${query}>; rel="${rel}"`;
    };
    const links = [link('first', 1), link('last', Math.max(1, totalPages))];
    if (page > 1) links.push(link('prev', page - 1));
    if (page < totalPages) links.push(link('next', page + 1));
    return {
      status: 200,
      body: {
        success: true,
        data: ids.slice((page - 1) * perPage, page * perPage),
        pagination: { page, per_page: perPage, total: size, total_pages: totalPages },
      },
      headers: { Link: links.join(', ') },
    };
  };
}

it('an honest list of 130 items passes: walks at 3 and 7 per page read past item 100 without a finding', async () => {
  target = await startTestTarget(honestLists(130));
  const report = await runConformance({ baseUrl: target.baseUrl, apiKey: KEY, only: ['PAGE-006'] });
  const result = report.results.find((r) => r.id === 'PAGE-006');
  expect(result?.findings.map((f) => f.message)).toEqual([]);
  expect(result?.outcome).toBe('pass');
});
