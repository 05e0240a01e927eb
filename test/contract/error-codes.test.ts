/**
 * The spec's error vocabulary is consistent: the `ErrorCode` enum and `x-status-by-code` name the same codes, and
 * every error response narrows `error.code` only to codes that are sent with the status it is used for.
 */
import { describe, expect, test } from 'vitest';
import { asObject, atPointer, errorCodes, isObject, type Json, operations } from './spec.js';

const { codes, statusByCode } = errorCodes();

describe('ErrorCode enum and x-status-by-code', () => {
  test('the enum is not empty and has no duplicates', () => {
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test.each(codes)('%s has exactly one status in x-status-by-code', (code) => {
    const status = statusByCode[code];
    expect(Number.isInteger(status) && status !== undefined && status >= 400 && status <= 599).toBe(true);
  });

  test('x-status-by-code names no code outside the enum', () => {
    expect(Object.keys(statusByCode).filter((code) => !codes.includes(code))).toEqual([]);
  });
});

/** The codes an error response narrows `error.code` to (its `const` or `enum`), or undefined if it is not one. */
function narrowedCodes(responseName: string): string[] | undefined {
  const schema = atPointer(`#/components/responses/${responseName}/content/application~1json/schema`);
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return undefined;
  const isErrorEnvelope = schema.allOf.some(
    (part) => isObject(part) && part.$ref === '#/components/schemas/ErrorEnvelope',
  );
  if (!isErrorEnvelope) return undefined;
  for (const part of schema.allOf) {
    const code = isObject(part) ? lookup(part, ['properties', 'error', 'properties', 'code']) : undefined;
    if (isObject(code)) {
      if (typeof code.const === 'string') return [code.const];
      if (Array.isArray(code.enum)) return code.enum as string[];
    }
  }
  return [];
}

function lookup(node: Json, path: string[]): Json | undefined {
  return path.reduce<Json | undefined>((at, segment) => (isObject(at) ? at[segment] : undefined), node);
}

/** Every place an operation uses a response component: component name → statuses it is used with. */
function statusesByComponent(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const { operation } of operations()) {
    for (const [status, response] of Object.entries(asObject(operation.responses))) {
      const ref = isObject(response) ? response.$ref : undefined;
      if (typeof ref !== 'string') continue;
      const name = ref.replace('#/components/responses/', '');
      used.set(name, (used.get(name) ?? new Set()).add(status));
    }
  }
  return used;
}

describe('error response components', () => {
  const names = Object.keys(asObject(atPointer('#/components/responses')));
  const errorResponses = names.filter((name) => narrowedCodes(name) !== undefined);
  const usage = statusesByComponent();

  test('there are error response components', () => {
    expect(errorResponses.length).toBeGreaterThan(5);
  });

  test.each(errorResponses)('%s narrows error.code to enum codes sent with the status it is used for', (name) => {
    const narrowed = narrowedCodes(name) ?? [];
    expect(narrowed.length, `${name} does not narrow error.code`).toBeGreaterThan(0);
    expect(narrowed.filter((code) => !codes.includes(code))).toEqual([]);
    const statuses = [...(usage.get(name) ?? [])];
    expect(statuses.length, `${name} is used with ${statuses.join(', ')}`).toBe(1);
    const wrong = narrowed.filter((code) => String(statusByCode[code]) !== statuses[0]);
    expect(wrong, `codes of ${name} not sent with ${statuses[0]}`).toEqual([]);
  });

  test('every error code is reachable through some error response', () => {
    const reachable = new Set(errorResponses.flatMap((name) => narrowedCodes(name) ?? []));
    // method_not_allowed is answered for routes the spec does not define, so no operation lists it; request_timeout
    // and headers_too_large are answered before a request is matched to any operation (info.description "Connections").
    const beforeAnyOperation = ['method_not_allowed', 'request_timeout', 'headers_too_large'];
    expect(codes.filter((code) => !reachable.has(code) && !beforeAnyOperation.includes(code))).toEqual([]);
  });
});
