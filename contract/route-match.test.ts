/**
 * Path matching from the contract: templated paths, a tolerated trailing slash, documented methods only, and literal
 * paths before templated ones whatever their order in the file (OpenAPI 3.1 §4.8.8).
 */
import { describe, expect, it } from 'vitest';
import { swappedContract } from '../test/support/swapped-contract.js';
import { Contract, loadContract } from './index.js';

const contract = loadContract();

describe('matching a request to the contract', () => {
  it.each([
    ['GET', '/v1/mcps/mcp_123', 'getMcp', { mcp_id: 'mcp_123' }],
    ['POST', '/v1/mcps/mcp_123/test', 'testMcp', { mcp_id: 'mcp_123' }],
    ['GET', '/v1/mcps/', 'listMcps', {}],
    ['POST', '/v1/organization/members/invite', 'inviteMember', {}],
    ['PATCH', '/v1/organization/members/user_1', 'updateMember', { user_id: 'user_1' }],
    ['GET', '/v1/mcps/a%2Fb', 'getMcp', { mcp_id: 'a/b' }],
    ['GET', '/v1/mcps/%E0%A4%A', 'getMcp', { mcp_id: '%E0%A4%A' }],
  ])('%s %s is %s', (method, path, operationId, params) => {
    const match = contract.match(method, path);
    expect([match.kind, match.operation?.operationId, match.params]).toEqual(['operation', operationId, params]);
  });

  it.each([['/v1/nothing'], ['/v1/mcps/a/b'], ['/v1/mcps//'], ['/v1/mcps//test'], ['/health//']])(
    '%s is not in the contract',
    (path) => {
      expect(contract.match('GET', path).kind).toBe('unknown-route');
    },
  );

  it('lists exactly the documented methods of a path', () => {
    const match = contract.match('PUT', '/v1/mcps/x');
    expect([match.kind, [...match.allowed].sort()]).toEqual(['wrong-method', ['DELETE', 'GET', 'PATCH']]);
  });

  it('a GET of the invitation path is a wrong method, not a member id', () => {
    const match = contract.match('GET', '/v1/organization/members/invite');
    expect([match.kind, match.template, match.allowed]).toEqual([
      'wrong-method',
      '/v1/organization/members/invite',
      ['POST'],
    ]);
  });

  it('marks only the security: [] paths public', () => {
    const publicPaths = contract.operations.filter((op) => op.public).map((op) => op.path);
    expect(publicPaths.sort()).toEqual([
      '/docs',
      '/health',
      '/openapi.json',
      '/openapi.yaml',
      '/v1/invitations/accept',
    ]);
    expect(contract.match('GET', '/health').public).toBe(true);
    expect(contract.match('GET', '/v1/mcps').public).toBe(false);
  });

  it('matches literal paths first whatever the order of the file', () => {
    const swapped = swappedContract();
    expect(swapped.templates.indexOf('/v1/organization/members/invite')).toBeLessThan(
      swapped.templates.indexOf('/v1/organization/members/{user_id}'),
    );
    expect(swapped.match('POST', '/v1/organization/members/invite').operation?.operationId).toBe('inviteMember');
    expect(swapped.match('DELETE', '/v1/organization/members/invite').kind).toBe('wrong-method');
    expect(swapped.match('DELETE', '/v1/organization/members/user_1').operation?.operationId).toBe('removeMember');
  });

  it('prefers the leftmost literal segment between two templates', () => {
    const yaml = (paths: string[]) =>
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        security: [],
        paths: Object.fromEntries(paths.map((p, i) => [p, { get: { operationId: `op${i}` } }])),
        components: { schemas: { ErrorCode: { enum: ['not_found'], 'x-status-by-code': { not_found: 404 } } } },
      });
    for (const order of [
      ['/a/{x}/c', '/a/b/{y}'],
      ['/a/b/{y}', '/a/{x}/c'],
    ]) {
      const table = Contract.parse(yaml(order));
      expect(table.match('GET', '/a/b/c').template).toBe('/a/b/{y}');
    }
  });
});
