/**
 * Every field PlexMCP's published API reference shows in its JSON examples exists in our contract with a compatible
 * type, so clients written against PlexMCP's documentation work against this API. The examples are a fixture copy
 * (test/fixtures/plexmcp-doc-examples.json) so the test runs in any clone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fieldProblems } from './schema-fields.js';
import {
  asObject,
  atPointer,
  errorCodes,
  type Json,
  operations,
  requestSchemaPointer,
  responseSchemaPointer,
} from './spec.js';

interface ReferenceExample {
  readonly method: string;
  readonly path: string;
  readonly kind: 'request' | 'response' | 'error';
  readonly example: Json;
}

const examples = JSON.parse(
  readFileSync(new URL('../fixtures/plexmcp-doc-examples.json', import.meta.url), 'utf8'),
) as ReferenceExample[];

function schemaPointerFor(example: ReferenceExample): string {
  if (example.kind === 'error') return '#/components/schemas/ErrorEnvelope';
  if (example.kind === 'request') return requestSchemaPointer(example.method, example.path);
  const operation = operations().find((op) => op.method === example.method && op.path === example.path);
  const success = Object.keys(asObject(operation?.operation.responses)).find((status) => status.startsWith('2'));
  return responseSchemaPointer(example.method, example.path, success ?? '200');
}

const cases = examples.map(
  (example, index) => [`#${index} ${example.method} ${example.path} (${example.kind})`, example] as const,
);

describe("PlexMCP's reference examples", () => {
  test('the fixture holds examples of requests, responses and errors', () => {
    expect(new Set(examples.map((e) => e.kind))).toEqual(new Set(['request', 'response', 'error']));
  });

  test.each(cases)('%s: the operation is in the spec', (_name, example) => {
    expect(operations().some((op) => op.method === example.method && op.path === example.path)).toBe(true);
  });

  test.each(cases)('%s: every field exists in our schema with a compatible type', (_name, example) => {
    const pointer = schemaPointerFor(example);
    expect(atPointer(pointer), `no schema at ${pointer}`).toBeDefined();
    expect(fieldProblems(example.example, atPointer(pointer))).toEqual([]);
  });

  test('every error code the examples use is in the ErrorCode enum', () => {
    const { codes } = errorCodes();
    const used = examples
      .filter((e) => e.kind === 'error')
      .map((e) => asObject(asObject(e.example).error).code as string);
    expect(used.filter((code) => !codes.includes(code))).toEqual([]);
  });
});

describe('the field check itself', () => {
  const mcp = atPointer('#/components/schemas/Mcp');
  test.each([
    ['an unknown field', { id: 'mcp_1', colour: 'red' }, ['/colour: the field is not in the schema']],
    ['a wrong type', { request_count: 'many' }, ['/request_count: "many" is not of type integer']],
    ['a value outside an enum', { status: 'paused' }, ['/status: "paused" is not one of ["active","inactive"]']],
    ['a partial object with known fields', { id: 'mcp_1', last_active: null }, []],
  ] as const)('reports %s', (_name, value, want) => {
    expect(fieldProblems(value as Json, mcp)).toEqual(want);
  });
});
