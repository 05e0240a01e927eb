/**
 * Checks that every field of a JSON value exists in a schema with a compatible type, without requiring the value to
 * have every field the schema requires. That is the question for PlexMCP's published examples: can our contract say
 * everything they say?
 */
import { deref, isObject, type Json, type JsonObject } from './spec.js';

/** Problems found, one line each (`/data/items/0/name: ...`); empty when every field fits. */
export function fieldProblems(value: Json, schemaNode: Json | undefined, at = ''): string[] {
  const schema = deref(schemaNode).node;
  if (schema === undefined || schema === true || (isObject(schema) && Object.keys(schema).length === 0)) return [];
  if (!isObject(schema)) return [`${at || '/'}: the schema is ${JSON.stringify(schema)}`];
  const branches = flattenAllOf(schema);
  const problems: string[] = [];
  for (const branch of branches) {
    problems.push(...scalarProblems(value, branch, at));
    const alternatives = [...asArray(branch.oneOf), ...asArray(branch.anyOf)];
    if (alternatives.length > 0) {
      const each = alternatives.map((alternative) => fieldProblems(value, alternative, at));
      if (!each.some((p) => p.length === 0)) problems.push(...(each.sort((a, b) => a.length - b.length)[0] ?? []));
    }
  }
  if (Array.isArray(value)) {
    for (const branch of branches) {
      if (branch.items !== undefined)
        value.forEach((item, i) => {
          problems.push(...fieldProblems(item, branch.items, `${at}/${i}`));
        });
    }
  } else if (isObject(value)) {
    problems.push(...objectProblems(value, branches, at));
  }
  return [...new Set(problems)];
}

function objectProblems(value: JsonObject, branches: JsonObject[], at: string): string[] {
  const declaring = branches.filter((b) => isObject(b.properties));
  // A schema that declares no properties, or allows others, is a free-form object: any field fits.
  const freeForm =
    declaring.length === 0 || branches.some((b) => b.additionalProperties === true || isObject(b.additionalProperties));
  const problems: string[] = [];
  for (const [field, fieldValue] of Object.entries(value)) {
    const schemas = declaring.map((b) => (b.properties as JsonObject)[field]).filter((s) => s !== undefined);
    if (schemas.length === 0) {
      if (!freeForm) problems.push(`${at}/${field}: the field is not in the schema`);
      continue;
    }
    for (const fieldSchema of schemas) problems.push(...fieldProblems(fieldValue, fieldSchema, `${at}/${field}`));
  }
  return problems;
}

function scalarProblems(value: Json, schema: JsonObject, at: string): string[] {
  const where = at || '/';
  const types =
    typeof schema.type === 'string'
      ? [schema.type]
      : Array.isArray(schema.type)
        ? (schema.type as string[])
        : undefined;
  if (types && !types.some((type) => fitsType(value, type))) {
    return [`${where}: ${JSON.stringify(value)} is not of type ${types.join(' | ')}`];
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    return [`${where}: ${JSON.stringify(value)} is not the constant ${JSON.stringify(schema.const)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    return [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  }
  return [];
}

function fitsType(value: Json, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}

/** The schema and its `allOf` parts, recursively, each with `$ref`s followed. */
function flattenAllOf(schema: JsonObject): JsonObject[] {
  const parts = asArray(schema.allOf).flatMap((part) => {
    const resolved = deref(part).node;
    return isObject(resolved) ? flattenAllOf(resolved) : [];
  });
  return [schema, ...parts];
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}
