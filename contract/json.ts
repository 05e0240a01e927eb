/** JSON values as the contract holds them, and JSON pointers into it (RFC 6901, as URI fragments `#/...`). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 escaping of one pointer segment: `/v1/mcps` → `~1v1~1mcps`. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The value at a pointer (`#/components/schemas/Mcp`, or `#` for the whole document); undefined when absent. */
export function lookup(doc: Json, pointer: string): Json | undefined {
  if (!pointer.startsWith('#')) throw new Error(`only local $refs and pointers are supported: ${pointer}`);
  let node: Json | undefined = doc;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = /^(0|[1-9]\d*)$/.test(key) ? node[Number(key)] : undefined;
    else if (isObject(node)) node = Object.hasOwn(node, key) ? node[key] : undefined;
    else return undefined;
  }
  return node;
}

/**
 * Follows `$ref`s (OpenAPI response, parameter, header and schema objects) until a node without one, and returns it
 * with its own pointer. A `$ref` that leaves the document, or a chain longer than 20, is an error.
 */
export function follow(
  doc: Json,
  node: Json | undefined,
  pointer: string,
): { node: Json | undefined; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops >= 20) throw new Error(`$ref chain too long at ${at}`);
    at = current.$ref;
    current = lookup(doc, at);
  }
  return { node: current, pointer: at };
}

/** Resolves every `$ref` in a node, recursively (to generate data from a schema; validation resolves on its own). */
export function deref(doc: Json, node: Json | undefined, depth = 0): Json | undefined {
  if (depth > 30) return node;
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, depth + 1) ?? null);
  if (!isObject(node)) return node;
  let base: JsonObject = {};
  if (typeof node.$ref === 'string') {
    const target = deref(doc, lookup(doc, node.$ref), depth + 1);
    if (isObject(target)) base = { ...target };
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref') continue;
    const value = deref(doc, v, depth + 1);
    if (value !== undefined) base[k] = value;
  }
  return base;
}
