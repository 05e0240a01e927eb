/**
 * Invalid inputs derived from the contract's own schemas: for a valid value and its (dereferenced) schema, one
 * mutation per rule the schema states (required, type, enum, length, range, format, pattern, additionalProperties,
 * minProperties). Callers keep only mutations the oracle confirms invalid, so every probe is invalid by the contract.
 */
import { isObject, type Json, type JsonObject } from '../../contract/index.js';

export interface Mutation {
  description: string;
  value: unknown;
}

function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

/** Values that break one rule of a property schema. */
export function invalidForProperty(schema: JsonObject): Mutation[] {
  const out: Mutation[] = [];
  const types = typesOf(schema);
  if (types.includes('string') && !types.includes('number') && !types.includes('integer'))
    out.push({ description: 'a number instead of a string', value: 12345 });
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string'))
    out.push({ description: 'a string instead of a number', value: 'not-a-number' });
  if (types.includes('boolean') && !types.includes('string'))
    out.push({ description: 'a string instead of a boolean', value: 'yes' });
  if (types.includes('object') && !types.includes('string'))
    out.push({ description: 'a string instead of an object', value: 'not-an-object' });
  if (types.includes('array') && !types.includes('string'))
    out.push({ description: 'a string instead of an array', value: 'not-an-array' });
  if (Array.isArray(schema.enum))
    out.push({ description: 'a value outside the enum', value: 'conformance-not-in-enum' });
  if (typeof schema.maxLength === 'number')
    out.push({
      description: `a string longer than maxLength ${schema.maxLength}`,
      value: 'x'.repeat(schema.maxLength + 1),
    });
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    out.push({ description: `a string shorter than minLength ${schema.minLength}`, value: '' });
  if (typeof schema.minimum === 'number')
    out.push({ description: `a number below minimum ${schema.minimum}`, value: schema.minimum - 1 });
  if (typeof schema.maximum === 'number')
    out.push({ description: `a number above maximum ${schema.maximum}`, value: schema.maximum + 1 });
  if (types.includes('integer')) out.push({ description: 'a fraction instead of an integer', value: 1.5 });
  if (schema.format === 'uri') out.push({ description: 'a string that is not a URI', value: 'not a uri' });
  if (schema.format === 'date-time') out.push({ description: 'a string that is not a date-time', value: 'yesterday' });
  if (schema.format === 'email')
    out.push({ description: 'a string that is not an email address', value: 'not-an-email' });
  if (typeof schema.pattern === 'string')
    out.push({ description: `a string outside the pattern ${schema.pattern}`, value: 'contains spaces and ( ) : ;' });
  return out;
}

/** Bodies that break one rule of an object schema each, starting from a valid body. */
export function invalidBodies(schema: Json | undefined, valid: JsonObject): Mutation[] {
  if (!isObject(schema)) return [];
  const out: Mutation[] = [
    { description: 'an array instead of an object', value: [] },
    { description: 'a string instead of an object', value: 'conformance' },
  ];
  if (typeof schema.minProperties === 'number' && schema.minProperties > 0)
    out.push({ description: 'an empty object', value: {} });
  const required = Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  for (const name of required) {
    const { [name]: _removed, ...rest } = valid;
    out.push({ description: `required property ${name} missing`, value: rest });
  }
  if (schema.additionalProperties === false)
    out.push({
      description: 'an unknown property (additionalProperties: false)',
      value: { ...valid, conformance_unknown_property: true },
    });
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (!isObject(propertySchema)) continue;
    for (const m of invalidForProperty(propertySchema))
      out.push({ description: `${name}: ${m.description}`, value: { ...valid, [name]: m.value } });
  }
  return out;
}
