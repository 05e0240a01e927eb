import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { linkHeader, paginationOf } from './paginate.js';

function fakeRequest(query: Record<string, string>): Request {
  return {
    query,
    protocol: 'http',
    baseUrl: '',
    path: '/v1/mcps',
    get: (name: string) => (name.toLowerCase() === 'host' ? 'localhost:8080' : undefined),
  } as unknown as Request;
}

describe('paginationOf', () => {
  it.each([
    [{ page: 1, perPage: 20 }, 0, 0],
    [{ page: 1, perPage: 20 }, 20, 1],
    [{ page: 2, perPage: 20 }, 21, 2],
    [{ page: 9, perPage: 3 }, 10, 4],
  ])('%o with %i items has %i pages', (request, total, pages) => {
    expect(paginationOf(request, total)).toEqual({
      page: request.page,
      per_page: request.perPage,
      total,
      total_pages: pages,
    });
  });
});

describe('linkHeader (RFC 8288)', () => {
  it('has first, prev, next and last in the middle, keeping other query parameters, relative without a public URL', () => {
    const header = linkHeader(fakeRequest({ status: 'active', page: '2' }), undefined, {
      page: 2,
      per_page: 10,
      total: 35,
      total_pages: 4,
    });
    expect(header).toBe(
      [
        '</v1/mcps?status=active&page=1&per_page=10>; rel="first"',
        '</v1/mcps?status=active&page=1&per_page=10>; rel="prev"',
        '</v1/mcps?status=active&page=3&per_page=10>; rel="next"',
        '</v1/mcps?status=active&page=4&per_page=10>; rel="last"',
      ].join(', '),
    );
  });
  it('uses the public URL and omits prev on the first page and next on the last', () => {
    const header = linkHeader(fakeRequest({}), 'https://api.example.com/', {
      page: 1,
      per_page: 20,
      total: 5,
      total_pages: 1,
    });
    expect(header).toBe(
      '<https://api.example.com/v1/mcps?page=1&per_page=20>; rel="first", <https://api.example.com/v1/mcps?page=1&per_page=20>; rel="last"',
    );
  });
  it('points prev at the last page from past the end', () => {
    const header = linkHeader(fakeRequest({}), undefined, { page: 7, per_page: 20, total: 30, total_pages: 2 });
    expect(header).toContain('page=2&per_page=20>; rel="prev"');
    expect(header).not.toContain('rel="next"');
  });
});
