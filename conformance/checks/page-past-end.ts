import { about, cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { getPage, LIST_PATHS } from '../probes/lists.js';

/** A page past the end is 200 with empty data and the true totals. */
async function pastEnd(ctx: CheckContext): Promise<void> {
  for (const path of LIST_PATHS) {
    const first = await getPage(ctx, path, { per_page: 10 });
    if (
      !ctx.expectSuccess(first.reply, 200, cite(`GET ${path}: 200`, section('Pagination')), true) ||
      !first.pagination
    )
      continue;
    const beyond = first.pagination.total_pages + 5;
    const p = await getPage(ctx, path, { page: beyond, per_page: 10 });
    const documented = cite('a page past the end is 200 with empty data and true totals', section('Pagination'));
    if (!ctx.expectSuccess(p.reply, 200, about(`GET ${path}?page=${beyond}`, documented), true) || !p.pagination)
      continue;
    ctx.expect(p.items.length === 0, `page ${beyond} of ${first.pagination.total_pages} has ${p.items.length} items`, {
      reply: p.reply,
      documented,
    });
    ctx.expect(
      p.pagination.total === first.pagination.total && p.pagination.total_pages === first.pagination.total_pages,
      `page ${beyond} reports total ${p.pagination.total}/${p.pagination.total_pages} pages, page 1 reported ${first.pagination.total}/${first.pagination.total_pages}`,
      { reply: p.reply, documented },
    );
    ctx.expect(p.pagination.page === beyond, `page ${beyond} answered pagination.page ${p.pagination.page}`, {
      reply: p.reply,
      documented,
    });
  }
}

export const pagePastEndCheck: Check = {
  id: 'PAGE-004',
  title: 'A page past the end is 200, empty, with true totals',
  requirement: cite('a page past the end is 200 with empty data and true totals.', section('Pagination')),
  run: pastEnd,
};
