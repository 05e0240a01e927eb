/** The paginated lists of the contract (openapi.yaml "Pagination") and a typed way to fetch one page. */

import type { components } from '../../generated/schema.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Reply } from '../http/session.js';

export type Pagination = components['schemas']['Pagination'];

/** Every paginated GET in openapi.yaml. */
export const LIST_PATHS = ['/v1/mcps', '/v1/organization/members', '/v1/api-keys', '/v1/usage/history'] as const;

export interface Page {
  reply: Reply;
  items: { id?: unknown }[];
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

/** An item's identity for duplicate and gap detection: its id, else its JSON. */
export function identity(item: { id?: unknown }): string {
  return typeof item.id === 'string' || typeof item.id === 'number' ? String(item.id) : JSON.stringify(item);
}
