import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { getPage, LIST_PATHS } from '../probes/lists.js';

/** pagination echoes the request, total_pages = ceil(total / per_page), and the page holds the items it should. */
async function pageTotals(ctx: CheckContext): Promise<void> {
  for (const path of LIST_PATHS) {
    for (const [page, perPage] of [
      [1, 1],
      [1, 3],
      [2, 2],
    ] as const) {
      const p = await getPage(ctx, path, { page, per_page: perPage });
      if (!ctx.expectSuccess(p.reply, 200, cite(`GET ${path}: 200`, section('Pagination')), true) || !p.pagination)
        continue;
      const { total, total_pages, page: gotPage, per_page } = p.pagination;
      const documented = cite(
        'pagination { page, per_page, total, total_pages = ceil(total / per_page) }',
        section('Pagination'),
      );
      ctx.expect(
        gotPage === page && per_page === perPage,
        `asked page ${page}/per_page ${perPage}, answered ${gotPage}/${per_page}`,
        { reply: p.reply, documented },
      );
      ctx.expect(
        total_pages === Math.ceil(total / perPage),
        `total ${total}, per_page ${perPage}: total_pages ${total_pages}, expected ${Math.ceil(total / perPage)}`,
        { reply: p.reply, documented },
      );
      const expectedCount = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
      ctx.expect(
        p.items.length === expectedCount,
        `page ${page} of ${total} items at ${perPage} per page has ${p.items.length} items, expected ${expectedCount}`,
        { reply: p.reply, documented },
      );
    }
  }
}

export const pageTotalsCheck: Check = {
  id: 'PAGE-002',
  title: 'Pagination totals: total_pages = ceil(total / per_page)',
  requirement: cite(
    'total_pages = ceil(total / per_page); lists add pagination {page, per_page, total, total_pages}.',
    section('Pagination'),
  ),
  run: pageTotals,
};
