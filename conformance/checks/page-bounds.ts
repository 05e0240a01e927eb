import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { getPage, LIST_PATHS } from '../probes/lists.js';

const INVALID: [string, Record<string, string | number>][] = [
  ['page=0', { page: 0 }],
  ['page=-1', { page: -1 }],
  ['page=abc', { page: 'abc' }],
  ['per_page=0', { per_page: 0 }],
  ['per_page=101', { per_page: 101 }],
  ['per_page=1.5', { per_page: '1.5' }],
  ['per_page=ten', { per_page: 'ten' }],
];

/** Out-of-range or non-integer page/per_page are 400 invalid_request; per_page 1 and 100 are accepted and echoed. */
async function pageBounds(ctx: CheckContext): Promise<void> {
  for (const path of LIST_PATHS) {
    for (const [label, query] of INVALID) {
      const { reply } = await getPage(ctx, path, query);
      ctx.expectError(
        reply,
        400,
        'invalid_request',
        cite(`GET ${path}?${label}: 400 invalid_request`, section('Pagination')),
      );
    }
    for (const perPage of [1, 100]) {
      const page = await getPage(ctx, path, { per_page: perPage });
      if (
        ctx.expectSuccess(page.reply, 200, cite(`GET ${path}?per_page=${perPage}: 200`, section('Pagination')), true)
      ) {
        ctx.expect(
          page.pagination?.per_page === perPage,
          `per_page=${perPage} answered pagination.per_page ${page.pagination?.per_page}`,
          { reply: page.reply, documented: cite('pagination.per_page is the page size used', section('Pagination')) },
        );
        ctx.expect(page.items.length <= perPage, `per_page=${perPage} answered ${page.items.length} items`, {
          reply: page.reply,
          documented: cite('at most per_page items', section('Pagination')),
        });
      }
    }
    const defaults = await getPage(ctx, path);
    if (ctx.expectSuccess(defaults.reply, 200, cite(`GET ${path}: 200`, section('Pagination')), true)) {
      ctx.expect(
        defaults.pagination?.page === 1 && defaults.pagination.per_page === 20,
        `defaults answered page ${defaults.pagination?.page}, per_page ${defaults.pagination?.per_page}`,
        { reply: defaults.reply, documented: cite('page defaults to 1, per_page to 20', section('Pagination')) },
      );
    }
  }
}

export const pageBoundsCheck: Check = {
  id: 'PAGE-001',
  title: 'Pagination bounds: invalid page/per_page are 400, 1..100 accepted',
  requirement: cite(
    'page ≥ 1 (default 1), per_page 1..100 (default 20); out-of-range values are 400 invalid_request.',
    section('Pagination'),
    pointer('#/components/parameters/Page'),
  ),
  run: pageBounds,
};
