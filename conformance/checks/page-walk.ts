import { cite, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { getPage, identity, LIST_PATHS } from '../probes/lists.js';

/** Pages are walked at this size, up to this many pages, so long lists cost a bounded number of requests. */
const WALK_PER_PAGE = 2;
const MAX_PAGES = 25;

/** Walking a list page by page yields the same items, in the same order, as one big page: no duplicates, no gaps, stable totals. */
async function walkOne(ctx: CheckContext, path: string): Promise<'ok' | 'changed' | 'failed'> {
  const whole = await getPage(ctx, path, { per_page: 100 });
  if (!ctx.expectSuccess(whole.reply, 200, cite(`GET ${path}: 200`, section('Pagination')), true) || !whole.pagination)
    return 'failed';
  const total = whole.pagination.total;
  const pages = Math.min(Math.ceil(total / WALK_PER_PAGE), MAX_PAGES);
  const walked: string[] = [];
  for (let page = 1; page <= pages; page++) {
    const p = await getPage(ctx, path, { page, per_page: WALK_PER_PAGE });
    if (
      !ctx.expectSuccess(p.reply, 200, cite(`GET ${path}?page=${page}: 200`, section('Pagination')), true) ||
      !p.pagination
    )
      return 'failed';
    if (p.pagination.total !== total) return 'changed';
    walked.push(...p.items.map(identity));
  }
  const documented = cite('pages concatenate to the whole list, ordered by (created_at, id)', section('Pagination'));
  const dupes = walked.filter((id, i) => walked.indexOf(id) !== i);
  ctx.expect(
    dupes.length === 0,
    `GET ${path}: ${dupes.length} items appear on two pages (${dupes.slice(0, 3).join(', ')})`,
    { reply: whole.reply, documented },
  );
  if (total <= 100) {
    const expected = whole.items.map(identity).slice(0, walked.length);
    const gaps = expected.filter((id) => !walked.includes(id));
    ctx.expect(
      gaps.length === 0,
      `GET ${path}: ${gaps.length} items never appear in the walk (${gaps.slice(0, 3).join(', ')})`,
      { reply: whole.reply, documented },
    );
    ctx.expect(
      gaps.length > 0 || dupes.length > 0 || expected.join() === walked.join(),
      `GET ${path}: the walk's order differs from the single page's`,
      { reply: whole.reply, documented },
    );
  }
  return 'ok';
}

async function pageWalk(ctx: CheckContext): Promise<void> {
  for (const path of LIST_PATHS) {
    let outcome = await walkOne(ctx, path);
    if (outcome === 'changed') outcome = await walkOne(ctx, path);
    if (outcome === 'changed')
      ctx.warn(`inconclusive: GET ${path} changed twice during the walk (concurrent traffic?)`, {
        documented: cite('totals are stable while the list does not change', section('Pagination')),
      });
  }
}

export const pageWalkCheck: Check = {
  id: 'PAGE-003',
  title: 'Pages concatenate with no duplicates or gaps; totals stable',
  requirement: cite(
    'order is stable (created_at, id); lists are ordered by creation time, then id.',
    section('Pagination'),
  ),
  run: pageWalk,
};
