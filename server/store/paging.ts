import type { PageRequest } from './types.js';

/** LIMIT and OFFSET parameters for a 1-based page; out-of-range input is clamped rather than trusted into SQL. */
export function limitOffset(page: PageRequest): [number, number] {
  const perPage = Math.max(1, Math.floor(page.perPage));
  const pageNumber = Math.max(1, Math.floor(page.page));
  return [perPage, (pageNumber - 1) * perPage];
}

/** `(?, ?, ?)` for an IN list of `count` parameters. */
export function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}
