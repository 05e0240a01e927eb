import { cite, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { type ListTruth, readWhole, walkAt } from '../probes/list-walk.js';
import { ADMIN_LIST_PATHS, LIST_PATHS, type Page } from '../probes/lists.js';
import { seedLists } from '../probes/seed.js';

/** Page sizes the lists are walked at: 1 and sizes that leave a short last page on a list of 7. */
export const WALK_SIZES = [1, 2, 3, 5, 7];

/** Filters each list is read with; they must survive in every Link target. */
const FILTERS: Record<string, Record<string, string>> = { '/v1/mcps': { status: 'all' } };

/**
 * Whole-list invariants: with writes, at least 7 MCP servers, API keys, members and pending invitations are seeded
 * first (and removed after). Each
 * list is then walked at several page sizes; every walk must yield exactly `total` distinct items, in the order of
 * one page of 100, with the documented totals, a non-empty last page, an empty page after it, and Link relations that
 * stay on the base URL, keep the filters and, followed, return the pages they name.
 */
async function wholeLists(ctx: CheckContext): Promise<void> {
  await seedLists(ctx);
  // The invitations list needs an admin key: walked when the run's key may read it.
  const adminLists: string[] = [];
  for (const path of ADMIN_LIST_PATHS)
    if ((await ctx.http.send('GET', path, { query: { per_page: 1 } })).status === 200) adminLists.push(path);
  for (const path of [...LIST_PATHS, ...adminLists]) {
    const filters = FILTERS[path] ?? {};
    let truth: ListTruth | undefined = await readWhole(ctx, path, filters);
    if (!truth) continue;
    if (truth.total < 2) {
      ctx.note(`GET ${path} holds ${truth.total} items: too few to walk`);
      continue;
    }
    for (const perPage of WALK_SIZES) {
      if (perPage > 1 && perPage >= truth.total) continue;
      const pages = new Map<string, Page>();
      if (await walkAt(ctx, truth, perPage, pages)) continue;
      // The list changed during the walk (another client?): read it again and walk once more.
      truth = await readWhole(ctx, path, filters);
      if (!truth) break;
      if (!(await walkAt(ctx, truth, perPage, new Map())))
        ctx.warn(`inconclusive: GET ${path} changed twice while walking it at per_page=${perPage}`, {
          documented: cite('totals are stable while the list does not change', section('Pagination')),
          kind: 'list-unstable',
        });
    }
  }
  ctx.verified('items walked', 0);
}

export const pageWholeList: Check = {
  id: 'PAGE-006',
  title: 'Whole lists: every walk yields exactly total items, links lead where they say',
  requirement: cite(
    'total counts the whole list, total_pages = ceil(total / per_page), a page past the end is empty with true totals, lists are ordered by creation time then id, and the Link header names first, prev, next and last on the same base URL with the same filters',
    section('Pagination'),
    pointer('#/components/schemas/Pagination'),
    pointer('#/components/headers/Link'),
  ),
  run: wholeLists,
};
