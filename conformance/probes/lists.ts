/** The paginated lists of the contract (openapi.yaml "Pagination") and a typed way to fetch one page. */

import type { components } from '../../generated/schema.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Reply } from '../http/session.js';

export type Pagination = components['schemas']['Pagination'];

/** Every paginated GET in openapi.yaml. */
export const LIST_PATHS = ['/v1/mcps', '/v1/organization/members', '/v1/api-keys', '/v1/usage/history'] as const;

export interface Page {
  reply: Reply;
  items: { id?: unknown; invite_id?: unknown }[];
  pagination?: Pagination;
}

export async function getPage(
  ctx: CheckContext,
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<Page> {
  const reply = await ctx.http.send('GET', path, { query });
  const items = dataOf<unknown>(reply);
  const body = reply.json as { pagination?: Pagination } | undefined;
  return {
    reply,
    items: Array.isArray(items) ? (items as { id?: unknown }[]) : [],
    ...(body?.pagination && typeof body.pagination === 'object' ? { pagination: body.pagination } : {}),
  };
}

/** Lists only admins and owners may read (`x-required-role: admin`): walked when the run could seed them. */
export const ADMIN_LIST_PATHS = ['/v1/organization/invitations'] as const;

/** An item's identity for duplicate and gap detection: its id (an invitation's `invite_id`), else its JSON. */
export function identity(item: { id?: unknown; invite_id?: unknown }): string {
  const id = item.id ?? item.invite_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(item);
}

/**
 * Whether the first 100 items of the list at `path` hold the item whose identity is `id`, the page held to the list
 * envelope and the contract (`documented` cites the list operation). `found` is undefined when the page could not be
 * read or the list is longer than one page of 100, so nothing can be said of what it holds.
 */
export async function firstPageHolds(
  ctx: CheckContext,
  path: string,
  id: string,
  documented: Parameters<CheckContext['expectSuccess']>[2],
): Promise<{ reply: Reply; found?: boolean }> {
  const { reply, items, pagination } = await getPage(ctx, path, { per_page: 100 });
  if (!ctx.expectSuccess(reply, 200, documented, true)) return { reply };
  ctx.expectContract(reply);
  if ((pagination?.total ?? 0) > 100) return { reply };
  return { reply, found: items.some((item) => identity(item) === id) };
}
