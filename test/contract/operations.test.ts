/**
 * The operations users rely on are exactly the spec's, with their methods, success statuses and authentication: a
 * change to this list is a change of the published API and must be deliberate.
 */
import { describe, expect, test } from 'vitest';
import { asObject, operations } from './spec.js';

/** Method, path, success statuses (comma-separated), whether an API key is required. */
const PUBLISHED_OPERATIONS: readonly (readonly [method: string, path: string, success: string, auth: boolean])[] = [
  ['GET', '/v1/mcps', '200', true],
  ['POST', '/v1/mcps', '201', true],
  ['GET', '/v1/mcps/{mcp_id}', '200', true],
  ['PATCH', '/v1/mcps/{mcp_id}', '200', true],
  ['DELETE', '/v1/mcps/{mcp_id}', '200', true],
  ['POST', '/v1/mcps/{mcp_id}/test', '200', true],
  ['GET', '/v1/mcps/{mcp_id}/tool-changes', '200', true],
  ['POST', '/v1/mcps/{mcp_id}/tools/{tool}/approve', '200', true],
  ['POST', '/mcp', '200', true],
  ['POST', '/mcp/server', '200,202', true],
  ['GET', '/mcp/server', '200', true],
  ['DELETE', '/mcp/server', '200', true],
  ['GET', '/v1/organization', '200', true],
  ['PATCH', '/v1/organization', '200', true],
  ['GET', '/v1/organization/members', '200', true],
  ['POST', '/v1/organization/members/invite', '201', true],
  ['PATCH', '/v1/organization/members/{user_id}', '200', true],
  ['DELETE', '/v1/organization/members/{user_id}', '200', true],
  ['GET', '/v1/organization/invitations', '200', true],
  ['GET', '/v1/organization/invitations/{invite_id}', '200', true],
  ['DELETE', '/v1/organization/invitations/{invite_id}', '200', true],
  ['POST', '/v1/invitations/accept', '201', false],
  ['GET', '/v1/api-keys', '200', true],
  ['POST', '/v1/api-keys', '201', true],
  ['GET', '/v1/api-keys/{key_id}', '200', true],
  ['PATCH', '/v1/api-keys/{key_id}', '200', true],
  ['DELETE', '/v1/api-keys/{key_id}', '200', true],
  ['GET', '/v1/api-keys/{key_id}/usage', '200', true],
  ['GET', '/v1/usage', '200', true],
  ['GET', '/v1/usage/history', '200', true],
  ['GET', '/v1/organization/usage', '200', true],
  ['GET', '/health', '200', false],
  ['GET', '/openapi.yaml', '200', false],
  ['GET', '/openapi.json', '200', false],
  ['GET', '/docs', '200', false],
];

const inSpec = operations();
const key = (method: string, path: string): string => `${method} ${path}`;

describe('the published operations', () => {
  test.each(PUBLISHED_OPERATIONS)('%s %s is in the spec and succeeds with %s', (method, path, success, auth) => {
    const found = inSpec.find((op) => op.method === method && op.path === path);
    expect(found, `${method} ${path} missing from openapi.yaml`).toBeDefined();
    const responses = asObject(found?.operation.responses);
    const successStatuses = Object.keys(responses).filter((status) => status.startsWith('2'));
    expect(successStatuses).toEqual(success.split(','));
    // An operation-level `security: []` is the only way an operation opts out of the global API-key requirement.
    const security = found?.operation.security;
    expect(Array.isArray(security) && security.length === 0).toBe(!auth);
  });

  test('the spec has no operation this list does not have', () => {
    const published = new Set(PUBLISHED_OPERATIONS.map(([method, path]) => key(method, path)));
    expect(inSpec.map((op) => key(op.method, op.path)).filter((k) => !published.has(k))).toEqual([]);
  });

  test('every operationId is present and unique', () => {
    const ids = inSpec.map((op) => op.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
  });

  test('every authenticated operation documents 401 and every operation documents 429', () => {
    const lacking = inSpec.flatMap(({ method, path, operation }) => {
      const responses = asObject(operation.responses);
      const needsKey = !(Array.isArray(operation.security) && operation.security.length === 0);
      return [
        ...(needsKey && !('401' in responses) ? [`${key(method, path)} lacks 401`] : []),
        ...(!('429' in responses) ? [`${key(method, path)} lacks 429`] : []),
      ];
    });
    expect(lacking).toEqual([]);
  });
});
