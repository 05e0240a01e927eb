/**
 * The error catalogue as the contract declares it: every code of `#/components/schemas/ErrorCode` with the HTTP status
 * its `x-status-by-code` gives it (openapi.yaml "Errors").
 */
import { isObject, type JsonObject, lookup } from './json.js';

export const ERROR_CODE_POINTER = '#/components/schemas/ErrorCode';

/** Code → status, in the enum's order; throws when a code has no status or a status has no code. */
export function errorCatalogueOf(doc: JsonObject): ReadonlyMap<string, number> {
  const schema = lookup(doc, ERROR_CODE_POINTER);
  if (!isObject(schema) || !Array.isArray(schema.enum))
    throw new Error(`openapi.yaml ${ERROR_CODE_POINTER} has no enum`);
  const statuses = isObject(schema['x-status-by-code']) ? schema['x-status-by-code'] : {};
  const catalogue = new Map<string, number>();
  for (const code of schema.enum) {
    const status = statuses[String(code)];
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`openapi.yaml ErrorCode ${String(code)} has no 4xx/5xx status in x-status-by-code`);
    }
    catalogue.set(String(code), status);
  }
  const extra = Object.keys(statuses).filter((code) => !catalogue.has(code));
  if (extra.length > 0)
    throw new Error(`openapi.yaml x-status-by-code names codes not in ErrorCode: ${extra.join(', ')}`);
  return catalogue;
}
