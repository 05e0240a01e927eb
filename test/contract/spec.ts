/**
 * openapi.yaml for tests, read through the contract module (contract/): the document, its operations, JSON pointers,
 * `$ref`s and the error catalogue; plus Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) validators for any schema
 * inside the document.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { escapePointer, isObject, type Json, type JsonObject, loadContract } from '../../contract/index.js';

export { escapePointer, isObject, type Json, type JsonObject };

export const contract = loadContract();
export const spec = contract.document;

/** Every operation in the spec: method (upper case), path and the operation object. */
export function operations(): { method: string; path: string; operation: JsonObject }[] {
  return contract.operations.map((op) => ({ method: op.method, path: op.path, operation: op.node }));
}

/** The value at a `#/...` pointer in the spec. */
export function atPointer(pointer: string): Json | undefined {
  return contract.resolve(pointer.startsWith('#') ? pointer : `#${pointer}`);
}

/** Follows `$ref`s (spec-internal only) until a node without one, returning it and its pointer. */
export function deref(node: Json | undefined, pointer = ''): { node: Json | undefined; pointer: string } {
  return contract.follow(node, pointer);
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
// A copy: the contract is shared by every reader in this process, and Ajv must not annotate it.
ajv.addSchema(structuredClone(spec), 'openapi.json');

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

/** The spec's `ErrorCode` enum and its `x-status-by-code` map (the contract module's error catalogue). */
export function errorCodes(): { codes: string[]; statusByCode: Record<string, number> } {
  return { codes: [...contract.errorCatalogue.keys()], statusByCode: Object.fromEntries(contract.errorCatalogue) };
}
