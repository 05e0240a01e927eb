/**
 * Validates tool arguments against the tool's `input_schema` before the call goes upstream (422 invalid_arguments).
 * Upstream schemas come in several dialects: `$schema` 2020-12 / 2019-09 get those vocabularies, anything else is
 * treated as draft-07 (what most SDKs emit). A schema Ajv cannot compile is the upstream's problem, not the caller's:
 * it is treated as permissive and the upstream judges the arguments itself.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ApiError } from '../http/errors.js';
import type { Tool } from '../store/types.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

// strict off: upstream schemas carry unknown keywords and formats; addUsedSchema off: two tools may share an `$id`.
const options: Options = { strict: false, allErrors: true, addUsedSchema: false, validateSchema: false };
const dialects = {
  draft7: addFormats(new Ajv(options)),
  draft2019: addFormats(new Ajv2019(options) as unknown as Ajv),
  draft2020: addFormats(new Ajv2020(options) as unknown as Ajv),
};

const MAX_CACHED = 500;
/** Compiled validators by canonical schema text (tool catalogues are re-read per request, so identity would miss). */
const cache = new Map<string, ValidateFunction | null>();

function dialectOf(schema: Record<string, unknown>): Ajv {
  const uri = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (uri.includes('2020-12')) return dialects.draft2020;
  if (uri.includes('2019-09')) return dialects.draft2019;
  return dialects.draft7;
}

function compile(schema: unknown): ValidateFunction | null {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return null;
  const text = JSON.stringify(schema);
  if (cache.has(text)) return cache.get(text) ?? null;
  let validate: ValidateFunction | null;
  try {
    // The dialect is chosen here; Ajv need not know the meta-schema URI (draft-04/06 ones would fail to resolve).
    const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
    validate = dialectOf(schema as Record<string, unknown>).compile(rest);
  } catch {
    validate = null;
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(text, validate);
  return validate;
}

/** `arguments.location`, `arguments.items.0`; a problem with the object itself is `arguments`. */
function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) segments.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty) segments.push(params.additionalProperty);
  return ['arguments', ...segments].join('.');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not allowed';
  return error.message ?? 'is invalid';
}

/**
 * The problems with `args` as `{ field: message }`, or null when they are valid (or the schema cannot be used).
 * @example
 * validateArguments({ name: 'get_weather', input_schema: { type: 'object', required: ['location'] } }, {})
 * // → { 'arguments.location': 'is required' }
 */
export function validateArguments(
  tool: Pick<Tool, 'input_schema'>,
  args: Record<string, unknown>,
): Record<string, string> | null {
  const validate = compile(tool.input_schema);
  if (!validate || validate(args)) return null;
  // A Map, not an object: a field named `constructor` or `__proto__` must not meet what every object inherits.
  const details = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    const field = fieldOf(error);
    const message = messageOf(error);
    const before = details.get(field);
    details.set(field, before ? `${before}; ${message}` : message);
  }
  return Object.fromEntries(details);
}

/** Throws `422 invalid_arguments` with the field → message details when `args` break the tool's input schema. */
export function assertValidArguments(tool: Pick<Tool, 'name' | 'input_schema'>, args: Record<string, unknown>): void {
  const details = validateArguments(tool, args);
  if (details) {
    throw new ApiError(
      'invalid_arguments',
      `The arguments do not match the input schema of tool ${tool.name}`,
      details,
    );
  }
}
