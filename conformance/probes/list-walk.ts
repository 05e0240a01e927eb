/**
 * Walking a whole list at one page size and holding it to the contract's pagination rules (openapi.yaml
 * "Pagination", #/components/schemas/Pagination): every page has the documented totals and size, the pages concatenate
 * to exactly `total` distinct items in the order of one big page, the last page is not empty and the one after it is,
 * and every Link relation stays on the base URL's origin, keeps the request's filters, names the right page and, when
 * followed, returns that page.
 */
import { type Citation, cite, pointer, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Reply } from '../http/session.js';
import { parseLinkHeader } from './link-header.js';
import { getPage, identity, type Page } from './lists.js';

/** Pages walked per page size at most, so a long list costs a bounded number of requests (the first 100 items). */
export const WALK_LIMIT = 100;

export interface ListTruth {
  path: string;
  /** Filters sent with every request of the walk (they must survive in the Link targets). */
  filters: Record<string, string>;
  total: number;
  /** The ids of one per_page=100 page, in order. */
  ids: string[];
  reply: Reply;
}

/** A pagination rule, cited where the contract states it. */
const doc = (text: string): Citation => cite(text, section('Pagination'), pointer('#/components/schemas/Pagination'));
const ceil = (a: number, b: number) => Math.ceil(a / b);

/** The list as one page of 100: the reference the walks are held to. Undefined when the list cannot be read. */
export async function readWhole(
  ctx: CheckContext,
  path: string,
  filters: Record<string, string>,
): Promise<ListTruth | undefined> {
  const whole = await getPage(ctx, path, { ...filters, per_page: 100 });
  if (!ctx.expectSuccess(whole.reply, 200, doc(`GET ${path}?per_page=100: 200`), true) || !whole.pagination)
    return undefined;
  const total = whole.pagination.total;
  const ids = whole.items.map(identity);
  ctx.expect(
    ids.length === Math.min(total, 100),
    `GET ${path}?per_page=100 holds ${ids.length} items but reports total ${total}`,
    { reply: whole.reply, documented: doc('min(total, 100) items on a page of 100'), kind: 'list-total' },
  );
  ctx.expect(new Set(ids).size === ids.length, `GET ${path}?per_page=100 lists an item twice`, {
    reply: whole.reply,
    documented: doc('the pages of an unchanged list concatenate to the whole list'),
    kind: 'list-duplicate',
  });
  return { path, filters, total, ids, reply: whole.reply };
}

/** Walks `truth.path` at `perPage`; returns false when the list changed under the walk (the caller may retry). */
export async function walkAt(
  ctx: CheckContext,
  truth: ListTruth,
  perPage: number,
  pages: Map<string, Page>,
): Promise<boolean> {
  const { path, total } = truth;
  const seen = Math.min(total, WALK_LIMIT);
  const lastPage = ceil(total, perPage);
  const walked: string[] = [];
  const toFollow = new Map<string, { rel: string; from: number; named: number; reply: Reply }>();
  const label = `GET ${path} per_page=${perPage}`;
  for (let page = 1; page <= Math.max(1, ceil(seen, perPage)); page++) {
    const p = await getPage(ctx, path, { ...truth.filters, page, per_page: perPage });
    if (!ctx.expectSuccess(p.reply, 200, doc(`${label} page ${page}: 200`), true) || !p.pagination) return true;
    pages.set(pageKey(perPage, page), p);
    if (p.pagination.total !== total) return false;
    const expected = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
    const isLast = page === lastPage;
    ctx.expect(
      p.pagination.page === page && p.pagination.per_page === perPage && p.pagination.total_pages === lastPage,
      `${label} page ${page}: pagination ${JSON.stringify(p.pagination)}, expected page ${page}, total_pages ceil(${total}/${perPage}) = ${lastPage}`,
      { reply: p.reply, documented: doc('total_pages = ceil(total / per_page)'), kind: 'list-total-pages' },
    );
    ctx.expect(
      p.items.length === expected,
      `${label} page ${page}${isLast ? ' (the last)' : ''} of ${total} items holds ${p.items.length}, expected ${expected}`,
      {
        reply: p.reply,
        documented: doc('each page holds min(per_page, what is left)'),
        kind: isLast ? 'list-tail-lost' : 'list-page-size',
      },
    );
    walked.push(...p.items.map(identity));
    checkLinks(ctx, truth, perPage, page, lastPage, p, toFollow);
  }
  const distinct = new Set(walked);
  ctx.expect(distinct.size === walked.length, `${label}: ${walked.length - distinct.size} items appear on two pages`, {
    reply: truth.reply,
    documented: doc('the pages of an unchanged list concatenate to the whole list'),
    kind: 'list-duplicate',
  });
  if (total <= WALK_LIMIT)
    ctx.expect(
      distinct.size === total,
      `${label}: walking every page yields ${distinct.size} distinct items, but total is ${total}`,
      { reply: truth.reply, documented: doc('the pages together hold exactly total items'), kind: 'list-total' },
    );
  // A list longer than one page of 100 is compared over the items both hold: a walk at a per_page that does not
  // divide 100 reads a few items past the reference page.
  const compared = Math.min(walked.length, truth.ids.length);
  const reference = truth.ids.slice(0, compared);
  ctx.expect(
    walked.slice(0, compared).join('\n') === reference.join('\n'),
    `${label}: the walk's items or order differ from one page of 100 (first difference at item ${firstDifference(walked.slice(0, compared), reference) + 1})`,
    { reply: truth.reply, documented: doc('lists are ordered by creation time, then id'), kind: 'list-order' },
  );
  if (total > 0 && total <= WALK_LIMIT) {
    const after = await getPage(ctx, path, { ...truth.filters, page: lastPage + 1, per_page: perPage });
    if (ctx.expectSuccess(after.reply, 200, doc(`${label} page ${lastPage + 1}: 200`), true))
      ctx.expect(
        after.items.length === 0 && after.pagination?.total === total && after.pagination.total_pages === lastPage,
        `${label} page ${lastPage + 1} (past the end) holds ${after.items.length} items, totals ${JSON.stringify(after.pagination)}`,
        {
          reply: after.reply,
          documented: doc('a page past the end is 200 with empty data and true totals'),
          kind: 'list-past-end',
        },
      );
  }
  await followLinks(ctx, truth, perPage, pages, toFollow);
  ctx.verified('items walked', distinct.size);
  return true;
}

const pageKey = (perPage: number, page: number) => `${perPage}:${page}`;

function firstDifference(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** The Link header of one page: origin, path, filters and page numbers; same-origin targets are kept to follow. */
function checkLinks(
  ctx: CheckContext,
  truth: ListTruth,
  perPage: number,
  page: number,
  lastPage: number,
  p: Page,
  toFollow: Map<string, { rel: string; from: number; named: number; reply: Reply }>,
): void {
  const requestUrl = ctx.http.url(truth.path, { ...truth.filters, page, per_page: perPage });
  const links = parseLinkHeader(p.reply.headers.link, requestUrl);
  const base = new URL(ctx.config.baseUrl);
  const want: [string, number | undefined][] = [
    ['first', 1],
    ['prev', page > 1 ? page - 1 : undefined],
    ['next', page < lastPage ? page + 1 : undefined],
    ['last', Math.max(1, lastPage)],
  ];
  const evidence = (kind: string) => ({ reply: p.reply, documented: LINK_DOC, kind });
  for (const [rel, target] of want) {
    const link = links.get(rel);
    if (target === undefined) {
      ctx.expect(!link, `page ${page} of ${lastPage}: rel="${rel}" should be absent`, evidence('link-target'));
      continue;
    }
    const where = `GET ${truth.path}?page=${page}&per_page=${perPage}`;
    if (!link) {
      ctx.expect(false, `${where}: rel="${rel}" is missing`, evidence('link-missing'));
      continue;
    }
    if (
      !ctx.expect(
        link.origin === base.origin,
        `${where}: rel="${rel}" points to ${link.origin}, not the base URL's origin ${base.origin}`,
        evidence('link-origin'),
      )
    )
      continue;
    const linkPath = link.pathname.slice(ctx.basePath.length);
    const query = Object.fromEntries(link.searchParams);
    const lost = Object.entries({ ...truth.filters, per_page: String(perPage) }).filter(([k, v]) => query[k] !== v);
    ctx.expect(
      link.pathname.startsWith(ctx.basePath) && linkPath === truth.path && lost.length === 0,
      `${where}: rel="${rel}" is ${link.pathname}${link.search}: ${linkPath !== truth.path ? `another path than ${truth.path}` : `drops or changes ${lost.map(([k, v]) => `${k}=${v}`).join(', ')}`}`,
      evidence('link-filters'),
    );
    const named = Number(link.searchParams.get('page') ?? '1');
    ctx.expect(
      named === target,
      `${where}: rel="${rel}" names page ${named}, expected ${target}`,
      evidence('link-target'),
    );
    if (!toFollow.has(link.href)) toFollow.set(link.href, { rel, from: page, named, reply: p.reply });
  }
}

const LINK_DOC = cite(
  "Link with first, prev, next, last (prev and next only where they exist), on the base URL, keeping the request's filters",
  section('Pagination'),
  pointer('#/components/headers/Link'),
  standard('RFC 8288'),
);

/** Each distinct same-origin link, followed once, returns the page it names: the items walking there directly gave. */
async function followLinks(
  ctx: CheckContext,
  truth: ListTruth,
  perPage: number,
  pages: Map<string, Page>,
  toFollow: Map<string, { rel: string; from: number; named: number; reply: Reply }>,
): Promise<void> {
  for (const [href, { rel, from, named }] of toFollow) {
    const url = new URL(href);
    const followed = await getPage(ctx, url.pathname.slice(ctx.basePath.length), Object.fromEntries(url.searchParams));
    const direct =
      pages.get(pageKey(perPage, named)) ??
      (await getPage(ctx, truth.path, { ...truth.filters, page: named, per_page: perPage }));
    const same = followed.items.map(identity).join('\n') === direct.items.map(identity).join('\n');
    ctx.expect(
      followed.reply.status === 200 && followed.pagination?.page === named && same,
      `following rel="${rel}" of page ${from} (${url.pathname}${url.search}) answered ${followed.reply.status}, page ${followed.pagination?.page} with ${followed.items.length} items; page ${named} holds ${direct.items.length}${same ? '' : ' other items'}`,
      { reply: followed.reply, documented: LINK_DOC, kind: 'link-follow' },
    );
  }
}
