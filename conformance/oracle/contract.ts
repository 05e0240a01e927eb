/**
 * The contract as data: openapi.yaml parsed with `yaml`, plus local `$ref` resolution. The oracle reads the contract
 * itself, never the generated types, so that it judges a deployment by what is documented, not by what compiled.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { suitePackage } from '../package-root.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** openapi.yaml at the package root. */
export const DEFAULT_CONTRACT_PATH = join(suitePackage().root, 'openapi.yaml');

/**
 * @example
 * const doc = await loadContract();
 * doc.openapi; // '3.1.0'
 */
export async function loadContract(path: string = DEFAULT_CONTRACT_PATH): Promise<JsonObject> {
  const doc: unknown = parse(await readFile(path, 'utf8'));
  if (!isObject(doc) || typeof doc.openapi !== 'string' || !isObject(doc.paths)) {
    throw new Error(`${path} is not an OpenAPI document`);
  }
  return doc;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 JSON pointer segment escaping. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function lookup(doc: JsonObject, pointer: string): Json | undefined {
  if (!pointer.startsWith('#')) throw new Error(`only local $refs are supported: ${pointer}`);
  let node: Json | undefined = doc;
  for (const raw of pointer.slice(1).split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follows `$ref`s (OpenAPI response, parameter and header objects) and returns the node with its own pointer. */
export function follow(
  doc: JsonObject,
  node: Json | undefined,
  pointer: string,
): { node: Json | undefined; pointer: string } {
  let current = node;
  let at = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    at = current.$ref;
    current = lookup(doc, at);
  }
  return { node: current, pointer: at };
}

/** Resolves every `$ref` in a schema, recursively, for generating data from it (not for validation: ajv does that). */
export function deref(doc: JsonObject, node: Json | undefined, depth = 0): Json | undefined {
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
