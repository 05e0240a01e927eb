/**
 * Values a JSON Schema (2020-12, as openapi.yaml writes it) accepts, as fast-check arbitraries: types, enums and
 * consts, string lengths (counted in code points, as JSON Schema counts them) with both bounds reached, any Unicode
 * scalar value, formats, patterns, numeric ranges, arrays, objects with their required and optional properties, and
 * free-form objects within the contract's limits on JSON values (`x-max-depth`, `maxProperties`). fast-check shrinks
 * each of them towards a minimal example.
 */
import fc from 'fast-check';
import { isObject, type Json, type JsonObject } from '../../contract/index.js';

/** Arbitraries that replace the schema's own at a property path (`name`, `permissions.mcps`). */
export type Overrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** The types a schema allows (`type: [string, "null"]` → both). */
export function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (typeof t === 'string') return [t];
  return isObject(schema.properties) ? ['object'] : [];
}

const num = (schema: JsonObject, key: string): number | undefined =>
  typeof schema[key] === 'number' ? (schema[key] as number) : undefined;

/**
 * Strings of `min`..`max` code points: ASCII (control characters included) and any Unicode scalar value (astral
 * planes, combining marks), with the bounds themselves drawn often. Never U+0000: openapi.yaml ("Limits on JSON
 * values") refuses it in all request text, so a string holding it is not a valid value (it becomes U+0001, which
 * keeps the length).
 */
export function text(min = 0, max = 64): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 64);
  const of = (minLength: number, maxLength: number) =>
    fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', minLength, maxLength }),
        fc.string({ unit: 'binary-ascii', minLength, maxLength }),
        fc.string({ unit: 'binary', minLength, maxLength }),
      )
      .map((s) => s.replaceAll('\u0000', '\u0001'));
  // The upper bound is where lengths are mishandled most (a column too narrow, a buffer, an encoding): drawn often.
  return fc.oneof(
    { arbitrary: of(min, cap), weight: 2 },
    { arbitrary: of(min, min), weight: 1 },
    { arbitrary: of(max, max), weight: 2 },
  );
}

function stringValues(schema: JsonObject): fc.Arbitrary<unknown> {
  const min = num(schema, 'minLength') ?? 0;
  const max = num(schema, 'maxLength') ?? Math.max(min, 64);
  const fits = (s: string) => [...s].length >= min && [...s].length <= max;
  if (typeof schema.pattern === 'string') {
    // Only the declared bounds: the pattern decides the length (`^sha256:[0-9a-f]{64}$` is 71 characters), and a
    // filter no drawn value can pass would never return.
    const declaredMax = num(schema, 'maxLength') ?? Number.POSITIVE_INFINITY;
    const declared = (s: string) => [...s].length >= min && [...s].length <= declaredMax;
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(declared);
  }
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString())
        .filter(fits);
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
      return fc.webUrl({ withQueryParameters: true, withFragments: true }).filter(fits);
    default:
      return text(min, max);
  }
}

function numberValues(schema: JsonObject, integer: boolean): fc.Arbitrary<number> {
  const min = num(schema, 'minimum') ?? (integer ? -(2 ** 31) : -1e9);
  const max = num(schema, 'maximum') ?? (integer ? 2 ** 31 : 1e9);
  const any = integer
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
  return fc.oneof(any, fc.constantFrom(min, max));
}

/** Free-form JSON (tool `arguments`, `context`): at most `depth` levels including the object itself. */
export function freeForm(schema: JsonObject): fc.Arbitrary<Record<string, unknown>> {
  const depth = Math.max(1, Math.min(num(schema, 'x-max-depth') ?? 4, 4));
  const keys = Math.min(num(schema, 'maxProperties') ?? 6, 6);
  const leaf = fc.oneof(text(0, 12), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: depth - 1, withCrossShrink: true },
      leaf,
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(text(1, 8), tie('value'), { maxKeys: 3 }),
    ),
  }));
  return fc.dictionary(text(1, 16), value, { maxKeys: keys });
}

function objectValues(schema: JsonObject, path: string, overrides: Overrides): fc.Arbitrary<unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  if (names.length === 0 && schema.additionalProperties !== false) return freeForm(schema);
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [];
  // Optional properties first: fast-check shrinks a record key by key in this order, so a failure sheds what it does
  // not need before its required values are simplified.
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const ordered = [...names.filter((n) => !required.includes(n)), ...names.filter((n) => required.includes(n))];
  for (const name of ordered) model[name] = validValues(properties[name], join(path, name), overrides);
  const minProperties = num(schema, 'minProperties') ?? 0;
  return fc
    .record(model, { requiredKeys: required.filter((r) => names.includes(r)) })
    .filter((value) => Object.keys(value).length >= minProperties);
}

function arrayValues(schema: JsonObject, path: string, overrides: Overrides): fc.Arbitrary<unknown[]> {
  const items = validValues(schema.items, `${path}[]`, overrides);
  const minLength = num(schema, 'minItems') ?? 0;
  const maxLength = Math.min(num(schema, 'maxItems') ?? 5, minLength + 5);
  return schema.uniqueItems === true
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength });
}

/** `a` + `b` → `a.b`; the root is the empty path. */
export function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/**
 * Values `schema` (already dereferenced) accepts. Callers still hold each value to the contract with the oracle: a
 * schema keyword this does not read (there are few) can only make a value invalid, never pass an invalid one off.
 *
 * @example
 * fc.sample(validValues({ type: 'string', maxLength: 3 }), 5); // ['', 'a\u0001', '😀xy', …]
 */
export function validValues(schema: Json | undefined, path = '', overrides: Overrides = {}): fc.Arbitrary<unknown> {
  const override = overrides[path];
  if (override) return override;
  if (!isObject(schema)) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
  if (alternatives.length > 0) {
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    return fc.oneof(
      ...alternatives.map((alt) => validValues(isObject(alt) ? { ...rest, ...alt } : alt, path, overrides)),
    );
  }
  const byType: fc.Arbitrary<unknown>[] = typesOf(schema).map((type) => {
    switch (type) {
      case 'string':
        return stringValues(schema);
      case 'integer':
        return numberValues(schema, true);
      case 'number':
        return numberValues(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return arrayValues(schema, path, overrides);
      default:
        return objectValues(schema, path, overrides);
    }
  });
  return byType.length > 0 ? fc.oneof(...byType) : fc.jsonValue({ maxDepth: 2 });
}
