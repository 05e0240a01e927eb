/**
 * Values generated from the contract's JSON schemas: mostly valid (so requests get past validation and reach the
 * store and the gateway), with one field at a time pushed past its type, bounds, size or nesting.
 */
import { isObject, type Json, type JsonObject } from '../contract/index.js';
import type { Random } from './random.js';
import { anyJson, deepJson, nastyNumber, nastyString } from './values.js';

/** Raw JSON text spliced into a generated body where a value goes (deep nesting, numbers JSON cannot round-trip). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Generated = Json | RawJson | undefined | Generated[] | { [key: string]: Generated };

const num = (schema: JsonObject, key: string): number | undefined =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

/** The schema's branches merged enough to generate from (allOf merged; oneOf/anyOf: one branch picked). */
function flatten(schema: Json | undefined, random: Random): JsonObject {
  if (!isObject(schema)) return {};
  let out: JsonObject = { ...schema };
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      delete out[key];
      out = { ...out, ...flatten(random.pick(branches), random) };
    }
  }
  const all = schema.allOf;
  if (Array.isArray(all)) {
    delete out.allOf;
    for (const part of all) {
      const flat = flatten(part, random);
      out = {
        ...out,
        ...flat,
        properties: {
          ...(isObject(out.properties) ? out.properties : {}),
          ...(isObject(flat.properties) ? flat.properties : {}),
        },
        required: [
          ...(Array.isArray(out.required) ? out.required : []),
          ...(Array.isArray(flat.required) ? flat.required : []),
        ],
      };
    }
  }
  return out;
}

function typeOf(schema: JsonObject): string {
  const type = schema.type;
  if (Array.isArray(type)) return String(type.find((t) => t !== 'null') ?? 'null');
  if (typeof type === 'string') return type;
  if (isObject(schema.properties)) return 'object';
  return 'any';
}

/** A value that fits the schema (as far as a generator can tell). */
export function validValue(schema: Json | undefined, random: Random, depth = 0): Generated {
  const s = flatten(schema, random);
  if (Array.isArray(s.enum) && s.enum.length > 0) return random.pick(s.enum);
  if (s.const !== undefined) return s.const;
  switch (typeOf(s)) {
    case 'string':
      return validString(s, random);
    case 'integer': {
      const min = num(s, 'minimum') ?? 0;
      const max = num(s, 'maximum') ?? min + 100;
      return random.int(min, Math.min(max, min + 1000));
    }
    case 'number':
      return random.next() * 100;
    case 'boolean':
      return random.chance(0.5);
    case 'array': {
      if (depth > 4) return [];
      const min = num(s, 'minItems') ?? 0;
      return Array.from({ length: Math.max(min, random.int(0, 2)) }, () => validValue(s.items, random, depth + 1));
    }
    case 'object': {
      if (depth > 4) return {};
      const properties = isObject(s.properties) ? s.properties : {};
      const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
      const out: { [key: string]: Generated } = {};
      for (const [name, prop] of Object.entries(properties)) {
        if (required.has(name) || random.chance(0.6)) out[name] = validValue(prop, random, depth + 1);
      }
      return out;
    }
    default:
      return random.pick(['x', 1, true, null, {}]);
  }
}

function validString(s: JsonObject, random: Random): string {
  const min = num(s, 'minLength') ?? 1;
  const max = num(s, 'maxLength') ?? 40;
  switch (s.format) {
    case 'date-time':
      return new Date(Date.UTC(2026, random.int(0, 11), random.int(1, 28))).toISOString();
    case 'date':
      return `2026-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    case 'uri':
      return random.pick(['http://127.0.0.1:1/mcp', 'https://mcp.example.com/mcp']);
    case 'email':
      return `fuzz${random.int(0, 1e6)}@example.com`;
  }
  const length = Math.max(min, Math.min(max, random.int(min, min + 12)));
  return 'fuzz'.padEnd(length, 'z').slice(0, Math.max(length, 0));
}

/** A value that breaks the schema in one way: wrong type, out of bounds, oversized, deeply nested, hostile text. */
export function invalidValue(schema: Json | undefined, random: Random): Generated {
  const s = flatten(schema, random);
  const type = typeOf(s);
  return random.pick<() => Generated>([
    () => anyJson(random, 2) as Json,
    () => (type === 'string' ? nastyNumber(random) : nastyString(random)),
    () => null,
    () => new RawJson(deepJson(random, random.pick([10, 33, 65, 200, 5_000]))),
    () =>
      new RawJson(random.pick(['1e400', '-1e400', '92233720368547758070', '0.0000000000000000000001', '-0', '1E2'])),
    () => {
      if (type === 'string') {
        const max = num(s, 'maxLength') ?? 1_000;
        return 'y'.repeat(random.pick([max + 1, max * 10 + 7, 0]));
      }
      if (type === 'integer' || type === 'number') {
        const min = num(s, 'minimum') ?? 0;
        const max = num(s, 'maximum') ?? 2 ** 53;
        return random.pick([min - 1, max + 1, 1.5, 2 ** 63, -(2 ** 63)]);
      }
      if (type === 'array') return Array.from({ length: random.pick([0, 101, 2_000]) }, () => nastyString(random));
      if (type === 'object')
        return Object.fromEntries(Array.from({ length: random.pick([0, 1_001, 3]) }, (_, i) => [`k${i}`, i]));
      return nastyString(random);
    },
  ])();
}

/** A body for the schema: valid, with one field broken, with a field missing or added, or not an object at all. */
export function bodyValue(schema: Json | undefined, random: Random): Generated {
  const valid = validValue(schema, random);
  const s = flatten(schema, random);
  const names = Object.keys(isObject(s.properties) ? s.properties : {});
  if (!isObject(valid) || valid instanceof RawJson || names.length === 0 || random.chance(0.1)) {
    return random.chance(0.5) ? valid : invalidValue(schema, random);
  }
  const body = valid as { [key: string]: Generated };
  const mutation = random.int(0, 9);
  if (mutation <= 1) return body;
  const name = random.pick(names);
  if (mutation <= 6) body[name] = invalidValue(isObject(s.properties) ? s.properties[name] : undefined, random);
  else if (mutation === 7) delete body[name];
  else if (mutation === 8)
    body[random.pick(['__proto__', 'constructor', 'extra', nastyString(random).slice(0, 30)])] = anyJson(
      random,
      2,
    ) as Json;
  else body[name] = new RawJson(deepJson(random, random.pick([9, 33, 64, 65, 1_000])));
  return body;
}

/** JSON text of a generated value, with raw splices in place. */
export function toJsonText(value: Generated): string {
  if (value instanceof RawJson) return value.text;
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
