/**
 * Pagination: reads `page`/`per_page` (the validator has already rejected out-of-range values with 400), and answers a
 * page with the list envelope and an RFC 8288 `Link` header (first, prev, next, last; prev and next only where they
 * exist). A page past the end is 200 with empty data and the true totals.
 */
import type { Request, Response } from 'express';
import type { Page, PageRequest } from '../store/types.js';
import { okList, type Pagination } from './envelope.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/**
 * The contract's `page` maximum (#/components/parameters/Page): the row offset `(page - 1) * per_page` stays an exact
 * integer, far below SQLite's 64-bit limit. The validator answers larger pages with 400 before this runs.
 */
export const MAX_PAGE = 1_000_000_000;

function positiveInteger(value: unknown, fallback: number, max: number): number {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

export function readPageRequest(req: Request): PageRequest {
  const query = req.query as Record<string, unknown>;
  return {
    page: positiveInteger(query.page, 1, MAX_PAGE),
    perPage: positiveInteger(query.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE),
  };
}

export function paginationOf(request: PageRequest, total: number): Pagination {
  return {
    page: request.page,
    per_page: request.perPage,
    total,
    total_pages: Math.ceil(total / request.perPage),
  };
}

/**
 * The origin links point at: the configured public URL, else none, so links are relative references (RFC 3986 §4.2)
 * resolved against the request's own URL. The `Host` header is never used: it is the client's to choose, and
 * reflecting it would let anyone write the links (and `invite_url`) the server hands out.
 */
export function baseUrlOf(publicUrl: string | undefined): string {
  return publicUrl ? publicUrl.replace(/\/+$/, '') : '';
}

export function linkHeader(req: Request, publicUrl: string | undefined, pagination: Pagination): string {
  const base = baseUrlOf(publicUrl);
  const last = Math.max(pagination.total_pages, 1);
  const url = (page: number): string => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      if (name === 'page' || name === 'per_page') continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
    }
    params.set('page', String(page));
    params.set('per_page', String(pagination.per_page));
    return `<${base}${req.baseUrl}${req.path}?${params.toString()}>`;
  };
  const links = [`${url(1)}; rel="first"`];
  if (pagination.page > 1) links.push(`${url(Math.min(pagination.page - 1, last))}; rel="prev"`);
  if (pagination.page < last) links.push(`${url(pagination.page + 1)}; rel="next"`);
  links.push(`${url(last)}; rel="last"`);
  return links.join(', ');
}

/** Sends one page of `items` (already mapped to API objects) in the list envelope with its `Link` header. */
export function sendPage<T>(
  req: Request,
  res: Response,
  publicUrl: string | undefined,
  request: PageRequest,
  page: Page<T>,
): void {
  const pagination = paginationOf(request, page.total);
  res.setHeader('Link', linkHeader(req, publicUrl, pagination));
  res.json(okList(page.items, pagination));
}
