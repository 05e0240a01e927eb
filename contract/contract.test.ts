/**
 * The contract module's reading of openapi.yaml: every operation with its access rules, the error catalogue, JSON
 * pointers, and refusal of a document whose access rules are missing or unknown.
 */
import { describe, expect, it } from 'vitest';
import { Contract, loadContract, MCP_SCOPE_RULES, ROLES } from './index.js';

const contract = loadContract();

function minimal(operation: Record<string, unknown>, security: unknown[] = [{ ApiKeyAuth: [] }]): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    security,
    paths: { '/x': { get: { operationId: 'getX', ...operation } } },
    components: { schemas: { ErrorCode: { enum: ['not_found'], 'x-status-by-code': { not_found: 404 } } } },
  });
}

describe('the contract module', () => {
  it('loads openapi.yaml once', () => {
    expect(loadContract()).toBe(contract);
    expect(contract.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('declares a role and an MCP-scope rule on every operation that needs a key, and none on the others', () => {
    for (const op of contract.operations) {
      if (op.public) expect([op.operationId, op.requiredRole, op.mcpScoped]).toEqual([op.operationId, null, null]);
      else {
        expect(ROLES, op.operationId).toContain(op.requiredRole);
        expect(MCP_SCOPE_RULES, op.operationId).toContain(op.mcpScoped);
      }
    }
  });

  it('scopes per MCP exactly the operations that name one MCP server', () => {
    const perMcp = contract.operations.filter((op) => op.mcpScoped === 'mcp').map((op) => op.operationId);
    expect(perMcp.sort()).toEqual([
      'approveToolDefinition',
      'deleteMcp',
      'getMcp',
      'invokeTool',
      'listToolChanges',
      'testMcp',
      'updateMcp',
    ]);
  });

  it('finds operations by operationId', () => {
    const op = contract.operation('inviteMember');
    expect([op?.method, op?.path, op?.requiredRole]).toEqual(['POST', '/v1/organization/members/invite', 'admin']);
    expect(contract.operation('nope')).toBeUndefined();
  });

  it('reads the error catalogue from ErrorCode and x-status-by-code', () => {
    expect(contract.errorStatus('not_found')).toBe(404);
    expect(contract.errorStatus('method_not_allowed')).toBe(405);
    expect(() => contract.errorStatus('teapot')).toThrow(/no error code teapot/);
    expect(contract.errorCatalogue.size).toBeGreaterThan(15);
  });

  it('resolves JSON pointers and follows $refs', () => {
    expect(contract.resolve('#/components/schemas/ErrorEnvelope')).toMatchObject({ type: 'object' });
    expect(contract.resolve('#/components/schemas/Nope')).toBeUndefined();
    expect(contract.resolve('#/paths/~1v1~1mcps/get/operationId')).toBe('listMcps');
    const unauthorized = contract.resolve('#/paths/~1v1~1mcps/get/responses/401');
    expect(contract.follow(unauthorized, '#/paths/~1v1~1mcps/get/responses/401').pointer).toBe(
      '#/components/responses/Unauthorized',
    );
  });

  it.each([
    ['an operation without x-required-role', minimal({ 'x-mcp-scoped': 'unaffected' }), /x-required-role/],
    ['an unknown role', minimal({ 'x-required-role': 'root', 'x-mcp-scoped': 'mcp' }), /x-required-role/],
    ['an unknown MCP-scope rule', minimal({ 'x-required-role': 'viewer', 'x-mcp-scoped': 'some' }), /x-mcp-scoped/],
    ['a public operation with a role', minimal({ security: [], 'x-required-role': 'viewer' }), /needs no key/],
    [
      'an error code without a status',
      minimal({}, []).replace('"x-status-by-code":{"not_found":404}', '"x-status-by-code":{}'),
      /not_found/,
    ],
  ])('refuses %s', (_name, text, error) => {
    expect(() => Contract.parse(text)).toThrow(error);
  });

  it('accepts a well-formed minimal document', () => {
    const parsed = Contract.parse(minimal({ 'x-required-role': 'viewer', 'x-mcp-scoped': 'filtered' }));
    expect(parsed.match('GET', '/x').operation?.requiredRole).toBe('viewer');
  });
});
