/**
 * A tool's definition as it is pinned (openapi.yaml: "Pinned tool definitions"): its `name`, `description` and
 * `input_schema`, written as canonical JSON (object keys sorted by UTF-16 code units at every level, no whitespace:
 * the RFC 8785 JSON Canonicalization Scheme for the values JSON Schemas hold) and identified by the SHA-256 of that
 * text, in lower-case hex. Two upstreams that send the same definition with keys in another order get the same hash.
 */
import { createHash } from 'node:crypto';
import type { Tool } from '../store/types.js';

/** The fields of a definition, in the order a change names them. */
export const DEFINITION_FIELDS = ['name', 'description', 'input_schema'] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

/** One tool's definition, canonicalised and hashed. */
export interface ToolDefinition {
  tool: string;
  /** Canonical JSON of `{ description, input_schema, name }`. */
  definition: string;
  /** Lower-case hex SHA-256 of `definition`. */
  hash: string;
}

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === 'object' && value !== null) {
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 orders property names. Built from entries, not by
    // assignment: assigning a member named `__proto__` would set the prototype and drop the member, so a definition
    // could change under that name without changing its digest.
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => [key, canonicalValue(record[key])]),
    );
  }
  return value;
}

/** Canonical JSON text of a JSON value (RFC 8785 for strings, integers and objects; numbers as ECMAScript prints them). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

/** How the API writes a definition's hash: `sha256:<hex>`, the digest form of OCI image references. */
export function digestOf(hash: string): string {
  return `sha256:${hash}`;
}

/** The hex hash a `sha256:` digest names (the contract's pattern has already checked its form). */
export function hashOfDigest(digest: string): string {
  return digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : digest;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * @example
 * toolDefinition({ name: 'echo', description: 'Echoes', input_schema: { type: 'object' } }).hash // 64 hex digits
 */
export function toolDefinition(tool: Tool): ToolDefinition {
  const definition = canonicalJson({
    name: tool.name,
    description: tool.description ?? null,
    input_schema: tool.input_schema ?? {},
  });
  return { tool: tool.name, definition, hash: sha256Hex(definition) };
}

/** The definition a pin keeps, read back as a `Tool`. */
export function parseDefinition(definition: string): Tool {
  const parsed = JSON.parse(definition) as {
    name: string;
    description: string | null;
    input_schema: Tool['input_schema'];
  };
  return { name: parsed.name, description: parsed.description, input_schema: parsed.input_schema };
}

/** Which fields differ between two stored definitions, in `DEFINITION_FIELDS` order. */
export function changedFields(pinned: string, changed: string): DefinitionField[] {
  const before = JSON.parse(pinned) as Record<string, unknown>;
  const after = JSON.parse(changed) as Record<string, unknown>;
  return DEFINITION_FIELDS.filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field]));
}
