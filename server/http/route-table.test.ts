import { describe, expect, it } from 'vitest';
import { loadContract } from './contract.js';
import { allowedMethods, buildRouteTable, matchRoute } from './route-table.js';

const table = buildRouteTable(loadContract().document);

describe('route table from the contract', () => {
  it('matches templated paths and tolerates a trailing slash', () => {
    expect(matchRoute(table, '/v1/mcps/mcp_123')?.template).toBe('/v1/mcps/{mcp_id}');
    expect(matchRoute(table, '/v1/mcps/mcp_123/test')?.template).toBe('/v1/mcps/{mcp_id}/test');
    expect(matchRoute(table, '/v1/mcps/')?.template).toBe('/v1/mcps');
  });
  it('does not match unknown paths or extra segments', () => {
    expect(matchRoute(table, '/v1/nothing')).toBeUndefined();
    expect(matchRoute(table, '/v1/mcps/a/b')).toBeUndefined();
  });
  it('lists exactly the documented methods', () => {
    const mcp = matchRoute(table, '/v1/mcps/x')!;
    expect(allowedMethods(mcp).sort()).toEqual(['DELETE', 'GET', 'PATCH']);
  });
  it('marks only the security: [] routes public', () => {
    const publicPaths = table
      .filter((entry) => entry.public)
      .map((entry) => entry.template)
      .sort();
    expect(publicPaths).toEqual(['/docs', '/health', '/openapi.json', '/openapi.yaml']);
  });
});
