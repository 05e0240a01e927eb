import { cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { parseLinkHeader } from '../probes/link-header.js';
import { getPage, LIST_PATHS } from '../probes/lists.js';

/** Lists send RFC 8288 Link with first and last always, prev and next where they exist, each keeping per_page. */
async function linkHeader(ctx: CheckContext): Promise<void> {
  const documented = cite(
    'Link: first, prev, next, last (prev and next only where they exist)',
    section('Pagination'),
    standard('RFC 8288'),
  );
  for (const path of LIST_PATHS) {
    const probe = await getPage(ctx, path, { per_page: 1 });
    if (
      !ctx.expectSuccess(probe.reply, 200, cite(`GET ${path}: 200`, section('Pagination')), true) ||
      !probe.pagination
    )
      continue;
    const lastPage = Math.max(1, probe.pagination.total_pages);
    const pages = [...new Set([1, Math.min(2, lastPage), lastPage])];
    for (const page of pages) {
      const p = page === 1 ? probe : await getPage(ctx, path, { page, per_page: 1 });
      const url = ctx.http.url(path, { page, per_page: 1 });
      const links = parseLinkHeader(p.reply.headers.link, url);
      if (
        !ctx.expect(p.reply.headers.link !== undefined, `GET ${path}?page=${page}: no Link header`, {
          reply: p.reply,
          documented,
        })
      )
        break;
      const want: [string, number | undefined][] = [
        ['first', 1],
        ['last', lastPage],
        ['prev', page > 1 ? page - 1 : undefined],
        ['next', page < lastPage ? page + 1 : undefined],
      ];
      for (const [rel, target] of want) {
        const link = links.get(rel);
        if (target === undefined) {
          ctx.expect(!link, `page ${page} of ${lastPage}: rel="${rel}" should be absent`, {
            reply: p.reply,
            documented,
          });
          continue;
        }
        if (
          !ctx.expect(Boolean(link), `GET ${path}?page=${page}: rel="${rel}" is missing`, {
            reply: p.reply,
            documented,
          }) ||
          !link
        )
          continue;
        ctx.expect(link.pathname.endsWith(path), `rel="${rel}" points to ${link.pathname}, not ${path}`, {
          reply: p.reply,
          documented,
        });
        ctx.expect(
          Number(link.searchParams.get('page') ?? '1') === target,
          `rel="${rel}" points to page ${link.searchParams.get('page')}, expected ${target}`,
          { reply: p.reply, documented },
        );
        ctx.expect(link.searchParams.get('per_page') === '1', `rel="${rel}" drops per_page=1`, {
          reply: p.reply,
          documented,
        });
      }
    }
  }
}

export const pageLinkHeaderCheck: Check = {
  id: 'PAGE-005',
  title: 'Lists send an RFC 8288 Link header',
  requirement: cite(
    'lists also send an RFC 8288 Link header (first, prev, next, last); openapi.yaml components/headers/Link.',
    section('Pagination'),
    pointer('#/components/headers/Link'),
    standard('RFC 8288'),
  ),
  run: linkHeader,
};
