/**
 * openapi.yaml loaded for tests: JSON-pointer lookup, `$ref` resolution and Ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1) validators for any schema inside the document.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const SPEC_URL = new URL('../../openapi.yaml', import.meta.url);
export const spec = parse(readFileSync(SPEC_URL, 'utf8')) as JsonObject;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation in the spec: method (upper case), path and the operation object. */
export function operations(): { method: string; path: string; operation: JsonObject }[] {
  const found = [];
  for (const [path, item] of Object.entries(asObject(spec.paths))) {
    for (const method of HTTP_METHODS) {
      const operation = asObject(item)[method];
      if (operation !== undefined) found.push({ method: method.toUpperCase(), path, operation: asObject(operation) });
    }
  }
  return found;
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The value at a `#/...` pointer in the spec. */
export function atPointer(pointer: string): Json | undefined {
  let node: Json | undefined = spec;
  for (const raw of pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, Json>)[segment] : undefined;
  }
  return node;
}

/** Follows `$ref`s (spec-internal only) until a node without one, returning it and its pointer. */
export function deref(node: Json | undefined, pointer = ''): { node: Json | undefined; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`cannot resolve $ref ${String(current.$ref)}`);
    at = current.$ref;
    current = atPointer(at);
  }
  return { node: current, pointer: at };
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: Json | undefined): JsonObject {
  if (!isObject(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value;
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi.json');

const validators = new Map<string, ValidateFunction>();

/** An Ajv validator for the schema at `pointer` (e.g. `#/components/schemas/Mcp`), `$ref`s resolved in the spec. */
export function validatorAt(pointer: string): ValidateFunction {
  const key = pointer.startsWith('#') ? pointer : `#${pointer}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json${key}` });
    validators.set(key, validate);
  }
  return validate;
}

/** Ajv's errors as short readable lines. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The pointer of the JSON schema of one operation's response (response `$ref`s followed). */
export function responseSchemaPointer(method: string, path: string, status: string): string {
  const responsePointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
  const { pointer } = deref(atPointer(responsePointer), responsePointer);
  return `${pointer}/content/application~1json/schema`;
}

/** The pointer of the JSON schema of one operation's request body. */
export function requestSchemaPointer(method: string, path: string): string {
  const bodyPointer = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/requestBody`;
  const { pointer } = deref(atPointer(bodyPointer), bodyPointer);
  return `${pointer}/content/application~1json/schema`;
}

/** The spec's `ErrorCode` enum and its `x-status-by-code` map. */
export function errorCodes(): { codes: string[]; statusByCode: Record<string, number> } {
  const schema = asObject(atPointer('#/components/schemas/ErrorCode'));
  return {
    codes: (schema.enum as string[] | undefined) ?? [],
    statusByCode: (schema['x-status-by-code'] as Record<string, number> | undefined) ?? {},
  };
}
