/**
 * Every example in openapi.yaml is valid against the schema it illustrates: media-type, parameter and header
 * `example`s against their `schema`, Example Objects' `value`s likewise, and schema-level `examples` arrays against
 * the schema that holds them. Docs, the mock server and generated clients all show these to users.
 */
import { describe, expect, test } from 'vitest';
import { describeErrors, escapePointer, isObject, type Json, spec, validatorAt } from './spec.js';

interface ExampleCase {
  readonly where: string;
  readonly schemaPointer: string;
  readonly value: Json;
}

function collectExamples(node: Json, pointer: string, found: ExampleCase[]): ExampleCase[] {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      collectExamples(item, `${pointer}/${index}`, found);
    });
    return found;
  }
  if (!isObject(node)) return found;
  // An object with both `schema` and `example(s)` is a Media Type, Parameter or Header Object (OpenAPI 3.1 §4.8).
  if ('schema' in node) {
    const schemaPointer = `${pointer}/schema`;
    if ('example' in node && node.example !== undefined)
      found.push({ where: `${pointer}/example`, schemaPointer, value: node.example });
    if (isObject(node.examples)) {
      for (const [name, example] of Object.entries(node.examples)) {
        if (isObject(example) && 'value' in example && example.value !== undefined) {
          found.push({ where: `${pointer}/examples/${escapePointer(name)}`, schemaPointer, value: example.value });
        }
      }
    }
  }
  // A JSON Schema's own `examples` keyword is an array of instances of that schema (JSON Schema 2020-12 §9.5).
  if (Array.isArray(node.examples)) {
    node.examples.forEach((value, index) => {
      found.push({ where: `${pointer}/examples/${index}`, schemaPointer: pointer, value });
    });
  }
  for (const [keyword, child] of Object.entries(node)) {
    if (keyword === 'example' || keyword === 'examples') continue;
    collectExamples(child, `${pointer}/${escapePointer(keyword)}`, found);
  }
  return found;
}

const cases = collectExamples(spec, '#', []);

describe('examples in openapi.yaml', () => {
  test('the spec has examples to check (every success and error response shows one)', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  test.each(cases.map((c) => [c.where, c] as const))('%s is valid against its schema', (_where, c) => {
    const validate = validatorAt(c.schemaPointer);
    const valid = validate(c.value);
    expect(valid ? [] : describeErrors(validate)).toEqual([]);
  });
});
