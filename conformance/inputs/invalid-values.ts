/**
 * Values that break one rule of a JSON Schema, as fast-check arbitraries: the wrong type, a value outside the enum,
 * one code point past a length bound (and further), a number past a range or with a fraction, a string outside the
 * format or pattern, an undeclared property, a missing required one, too many properties, items or levels of nesting,
 * and too many values (the contract's `x-max-*` limits on JSON values). Each names the rule it breaks, so a finding
 * says which class of input the deployment mishandled. Callers keep only values the oracle confirms invalid.
 */
import fc from 'fast-check';
import { isObject, type Json, type JsonObject } from '../../contract/index.js';
import { text, typesOf } from './valid-values.js';

/** One way to break a schema: the rule, and invalid values for it. */
export interface Breaker {
  rule: string;
  value: fc.Arbitrary<unknown>;
  /**
   * The rule is one of the contract's own extensions (`x-max-depth`, `x-max-values`, `x-max-bytes`), which JSON
   * Schema validators do not read: the value is invalid by construction, and the oracle cannot confirm it.
   */
  extension?: boolean;
}

const num = (schema: JsonObject, key: string): number | undefined =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

/** A value nested `levels` objects and arrays deep (the value itself is level 1). */
export function nested(levels: number, leaf: unknown = 0): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

const OTHER_TYPES: Record<string, fc.Arbitrary<unknown>> = {
  string: text(0, 12),
  integer: fc.integer(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 2 }),
  object: fc.dictionary(text(1, 4), fc.integer(), { maxKeys: 2 }),
};

function typeBreakers(schema: JsonObject): Breaker[] {
  const types = typesOf(schema);
  if (types.length === 0) return [];
  const allowed = new Set(types.includes('number') ? [...types, 'integer'] : types);
  return Object.entries(OTHER_TYPES)
    .filter(([type]) => !allowed.has(type) && !(type === 'integer' && allowed.has('number')))
    .map(([type, value]) => ({ rule: `type (${type} instead of ${types.join(' or ')})`, value }));
}

function stringBreakers(schema: JsonObject): Breaker[] {
  const out: Breaker[] = [];
  const max = num(schema, 'maxLength');
  const min = num(schema, 'minLength');
  if (max !== undefined) out.push({ rule: `maxLength ${max}`, value: text(max + 1, max + 16) });
  if (min !== undefined && min > 0) out.push({ rule: `minLength ${min}`, value: text(0, min - 1) });
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    out.push({ rule: `pattern ${schema.pattern}`, value: text(1, 24).filter((s) => !re.test(s)) });
  }
  if (typeof schema.format === 'string')
    out.push({ rule: `format ${schema.format}`, value: fc.oneof(text(0, 24), fc.constantFrom('yesterday', 'a b')) });
  return out;
}

function numberBreakers(schema: JsonObject, integer: boolean): Breaker[] {
  const out: Breaker[] = [];
  const min = num(schema, 'minimum');
  const max = num(schema, 'maximum');
  if (min !== undefined)
    out.push({ rule: `minimum ${min}`, value: fc.integer({ min: min - 1_000_000, max: min - 1 }) });
  if (max !== undefined)
    out.push({ rule: `maximum ${max}`, value: fc.integer({ min: max + 1, max: max + 1_000_000 }) });
  if (integer)
    out.push({
      rule: 'integer (a fraction)',
      value: fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
    });
  return out;
}

/** Breaks the contract's limits on free-form JSON (openapi.yaml "Limits on JSON values"). */
function jsonLimitBreakers(schema: JsonObject): Breaker[] {
  const out: Breaker[] = [];
  const maxProperties = num(schema, 'maxProperties');
  const depth = num(schema, 'x-max-depth');
  const values = num(schema, 'x-max-values');
  const bytes = num(schema, 'x-max-bytes');
  if (maxProperties !== undefined)
    out.push({
      rule: `maxProperties ${maxProperties}`,
      value: fc
        .integer({ min: maxProperties + 1, max: maxProperties + 4 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
    });
  if (depth !== undefined)
    out.push({
      rule: `x-max-depth ${depth}`,
      value: fc.integer({ min: depth, max: depth + 3 }).map((n) => ({ d: nested(n) })),
      extension: true,
    });
  if (values !== undefined)
    out.push({
      rule: `x-max-values ${values}`,
      value: fc.integer({ min: values, max: values + 8 }).map((n) => ({ v: Array.from({ length: n }, () => 0) })),
      extension: true,
    });
  if (bytes !== undefined)
    out.push({
      rule: `x-max-bytes ${bytes}`,
      value: fc.integer({ min: bytes, max: bytes + 64 }).map((n) => ({ s: 'x'.repeat(n) })),
      extension: true,
    });
  return out;
}

/**
 * Ways to break the schema of one value (a property, a parameter): each is invalid by construction for the rule it
 * names, or filtered by the caller's oracle when the rule depends on the rest of the schema.
 */
export function breakersOf(schema: Json | undefined): Breaker[] {
  if (!isObject(schema)) return [];
  // oneOf/anyOf: a value that breaks every alternative (the oracle keeps only those) breaks the whole.
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
  if (alternatives.length > 0) return alternatives.flatMap((alt) => breakersOf(alt));
  const out = typeBreakers(schema);
  if (Array.isArray(schema.enum) || 'const' in schema) {
    const allowed = Array.isArray(schema.enum) ? schema.enum : [schema.const];
    out.push({
      rule: 'enum',
      value: fc.oneof(text(0, 16), fc.constantFrom('conformance-not-in-enum')).filter((s) => !allowed.includes(s)),
    });
  }
  const types = typesOf(schema);
  if (types.includes('string')) out.push(...stringBreakers(schema));
  if (types.includes('integer') || types.includes('number'))
    out.push(...numberBreakers(schema, !types.includes('number')));
  if (types.includes('object')) out.push(...jsonLimitBreakers(schema));
  if (types.includes('array')) {
    const maxItems = num(schema, 'maxItems');
    if (maxItems !== undefined)
      out.push({
        rule: `maxItems ${maxItems}`,
        value: fc
          .integer({ min: maxItems + 1, max: maxItems + 3 })
          .map((n) => Array.from({ length: n }, (_, i) => `i${i}`)),
      });
    if (schema.uniqueItems === true) out.push({ rule: 'uniqueItems', value: fc.constant(['dup', 'dup']) });
  }
  return out;
}
