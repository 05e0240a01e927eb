/**
 * Bounds on the free-form JSON objects a request may carry (openapi.yaml, "Limits on JSON values"): nesting depth,
 * number of values and, where the contract says so, encoded size. The numbers are the contract's own, read from the
 * schema's `x-max-depth`, `x-max-values` and `x-max-bytes`, so the server enforces exactly what is documented.
 *
 * The walk is iterative and stops at the first limit passed, so a hostile value costs at most the limit's worth of
 * work and can never exhaust the stack (JSON.stringify and recursive validators can: about 5,000 levels overflow it).
 */
import { loadContract } from '../../contract/index.js';
import { ApiError } from '../http/errors.js';

export interface JsonBounds {
  /** Properties of the bounded object itself (the schema's `maxProperties`). */
  maxProperties?: number;
  /** Levels of nesting, the bounded value itself being level 1. */
  maxDepth: number;
  /** Objects, arrays and scalars, the bounded value included. */
  maxValues: number;
  /** UTF-8 bytes of the value as JSON. */
  maxBytes?: number;
}

/** The bounds the contract sets on the schema at `pointer` (a JSON pointer into openapi.yaml, e.g. `#/components/...`). */
export function contractBounds(pointer: string): JsonBounds {
  let node: unknown = loadContract().document;
  for (const part of pointer.replace(/^#\//, '').split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const schema = (node ?? {}) as Record<string, unknown>;
  const maxDepth = schema['x-max-depth'];
  const maxValues = schema['x-max-values'];
  const maxBytes = schema['x-max-bytes'];
  const maxProperties = schema.maxProperties;
  if (typeof maxDepth !== 'number' || typeof maxValues !== 'number') {
    throw new Error(`openapi.yaml: ${pointer} has no x-max-depth and x-max-values`);
  }
  return {
    maxDepth,
    maxValues,
    ...(typeof maxBytes === 'number' ? { maxBytes } : {}),
    ...(typeof maxProperties === 'number' ? { maxProperties } : {}),
  };
}

/** What is wrong with `value` under `bounds`, or undefined when it is within them. */
export function boundsProblem(value: unknown, bounds: JsonBounds): string | undefined {
  // The validator checks maxProperties on the request; this checks it again on what is kept (e.g. merged settings).
  if (bounds.maxProperties !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if (Object.keys(value).length > bounds.maxProperties) return `has more than ${bounds.maxProperties} properties`;
  }
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (++values > bounds.maxValues) return `has more than ${bounds.maxValues} values in all`;
    if (current === null || typeof current !== 'object') continue;
    if (depth > bounds.maxDepth) return `nests deeper than ${bounds.maxDepth} levels`;
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    // Counted before they are queued, so one huge array costs no more than the limit.
    if (values + stack.length + children.length > bounds.maxValues)
      return `has more than ${bounds.maxValues} values in all`;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  if (bounds.maxBytes !== undefined) {
    // Safe now: the depth is bounded.
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (bytes > bounds.maxBytes) return `is larger than ${bounds.maxBytes} bytes as JSON`;
  }
  return undefined;
}

/** `422 validation_error` naming `field` when `value` passes one of `bounds`. */
export function assertWithinBounds(field: string, value: unknown, bounds: JsonBounds): void {
  const problem = boundsProblem(value, bounds);
  if (problem === undefined) return;
  throw new ApiError('validation_error', `${field} ${problem} (openapi.yaml: Limits on JSON values)`, {
    [field]: problem,
  });
}
