/**
 * Generated requests for one operation of the contract, from its own parameter and request-body schemas: positive
 * ones (every part valid) and negative ones (exactly one part breaks exactly one rule, the rest valid), as fast-check
 * arbitraries that shrink towards a minimal request.
 */
import fc from 'fast-check';
import { isObject, type Json, type JsonObject } from '../../contract/index.js';
import type { Oracle } from '../oracle/oracle.js';
import type { OperationInfo } from '../probes/operations.js';
import { describedOverrides, followDescribedRules, type Known, usageDate } from './described-rules.js';
import { breakersOf, nested } from './invalid-values.js';
import { join, text, validValues } from './valid-values.js';

/**
 * The value with U+0000 replaced by U+0001 in every string and property name: no request text may hold U+0000
 * (openapi.yaml "Limits on JSON values"), a rule of its own that only the U+0000 class below breaks.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\u0001') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  return value;
}

/** A request as generated: path parameters filled and encoded, query values as sent, a JSON body if any. */
export interface GeneratedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

/** A generated request; negative ones name the rule they break and the refusal the contract documents for it. */
export interface Example {
  request: GeneratedRequest;
  rule?: string;
  expected?: { status: number; code: string; alsoAccepted?: { status: number; code: string } };
}

/** The whole-body nesting limit (openapi.yaml "Request bodies": deeper is `400 invalid_request`, before parsing). */
export const BODY_DEPTH_LIMIT = 64;
const INVALID_REQUEST = { status: 400, code: 'invalid_request' };
const VALIDATION_ERROR = { status: 422, code: 'validation_error' };
const DATE_PARAMS = new Set(['start_date', 'end_date']);

const schemaOf = (p: JsonObject): Json | undefined => p.schema;

/**
 * Percent-encodes everything but RFC 3986 unreserved characters, as OpenAPI's parameter serialisation (RFC 6570
 * expansion) does: a space is `%20`, never the form encoding's `+`, which a server may rightly read as a reserved `+`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path with its query string, each name and value percent-encoded. */
export function pathWithQuery(request: GeneratedRequest): string {
  const query = Object.entries(request.query).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  return query.length ? `${request.path}?${query.join('&')}` : request.path;
}
const sendable = (s: string) => s !== '.' && s !== '..'; // dot segments would change the path (RFC 3986 §5.2.4)

function queryValue(name: string, schema: Json | undefined): fc.Arbitrary<string> {
  if (DATE_PARAMS.has(name)) return usageDate;
  return validValues(schema).map((v) => String(v));
}

/** Valid query parameters; `start_date` never after `end_date` (openapi.yaml "Usage periods"). */
function validQuery(params: JsonObject[]): fc.Arbitrary<Record<string, string>> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) model[String(p.name)] = queryValue(String(p.name), schemaOf(p));
  const required = params.filter((p) => p.required === true).map((p) => String(p.name));
  return fc.record(model, { requiredKeys: required }).map((q) => {
    const { start_date: start, end_date: end } = q;
    if (start && end && Date.parse(start) > Date.parse(end)) return { ...q, start_date: end, end_date: start };
    return q;
  });
}

/** Wire values that break one rule of a query parameter. */
function invalidQueryValues(name: string, schema: Json | undefined): { rule: string; value: fc.Arbitrary<string> }[] {
  if (!isObject(schema)) return [];
  const out: { rule: string; value: fc.Arbitrary<string> }[] = [];
  if (schema.type === 'integer') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    out.push({ rule: 'type (not a number)', value: text(1, 12).filter((s) => Number.isNaN(Number(s))) });
    out.push({ rule: 'integer (a fraction)', value: fc.integer({ min: 1, max: 99 }).map((n) => `${min ?? 0}.${n}`) });
    if (min !== undefined)
      out.push({ rule: `minimum ${min}`, value: fc.bigInt({ min: -(10n ** 30n), max: BigInt(min) - 1n }).map(String) });
    if (max !== undefined)
      out.push({ rule: `maximum ${max}`, value: fc.bigInt({ min: BigInt(max) + 1n, max: 10n ** 30n }).map(String) });
  }
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum;
    out.push({ rule: 'enum', value: text(1, 16).filter((s) => !allowed.includes(s)) });
  }
  if (typeof schema.maxLength === 'number')
    out.push({ rule: `maxLength ${schema.maxLength}`, value: text(schema.maxLength + 1, schema.maxLength + 16) });
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    out.push({ rule: 'minLength', value: fc.constant('') });
  if (DATE_PARAMS.has(name))
    out.push({
      rule: 'an ISO 8601 date or date-time',
      value: text(1, 40).filter((s) => !/^[+-]?\d{4}/.test(s.trim()) && Number.isNaN(Date.parse(s))),
    });
  return out;
}

/** `body` with the value at `path` (`a.b`) replaced, creating parents; the empty path replaces the whole body. */
function setAt(body: unknown, path: string, value: unknown): unknown {
  if (!path) return value;
  const [head = '', ...rest] = path.split('.');
  const base = isObject(body as Json) ? { ...(body as JsonObject) } : {};
  return { ...base, [head]: setAt(base[head], rest.join('.'), value) };
}

function removeAt(body: unknown, path: string, name: string): unknown {
  if (!path) {
    const { [name]: _gone, ...rest } = isObject(body as Json) ? (body as JsonObject) : {};
    return rest;
  }
  const [head = '', ...rest] = path.split('.');
  const base = isObject(body as Json) ? { ...(body as JsonObject) } : {};
  return { ...base, [head]: removeAt(base[head] ?? {}, rest.join('.'), name) };
}

interface BodyBreak {
  rule: string;
  make: fc.Arbitrary<(valid: unknown) => unknown>;
  extension?: boolean;
  expected?: Example['expected'];
}

/** Every way to break one rule of a request body schema, down its declared objects. */
function bodyBreaks(schema: Json | undefined, path = '', depth = 0): BodyBreak[] {
  if (!isObject(schema) || depth > 3) return [];
  const out: BodyBreak[] = breakersOf(schema)
    .filter((b) => path !== '' || !b.rule.startsWith('x-max'))
    .map((b) => ({
      rule: `${path || 'body'}: ${b.rule}`,
      make: b.value.map((v) => (body: unknown) => setAt(body, path, v)),
      ...(b.extension ? { extension: true } : {}),
      // A JSON text that is not an object is well-formed yet no body this operation takes.
      ...(path === '' ? { expected: { ...VALIDATION_ERROR, alsoAccepted: INVALID_REQUEST } } : {}),
    }));
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  if (!properties) return out;
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [];
  for (const name of required)
    out.push({
      rule: `${join(path, name)}: required`,
      make: fc.constant((body: unknown) => removeAt(body, path, name)),
    });
  if (schema.additionalProperties === false)
    out.push({
      rule: `${path || 'body'}: additionalProperties false`,
      make: fc
        .tuple(
          text(1, 16).filter((k) => !(k in properties)),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map(
          ([k, v]) =>
            (body: unknown) =>
              setAt(body, join(path, k), v),
        ),
    });
  if (typeof schema.minProperties === 'number' && schema.minProperties > 0)
    out.push({
      rule: `${path || 'body'}: minProperties ${schema.minProperties}`,
      make: fc.constant(() => setAt({}, path, {})),
    });
  for (const [name, sub] of Object.entries(properties)) out.push(...bodyBreaks(sub, join(path, name), depth + 1));
  return out;
}

export interface InputSources {
  oracle: Oracle;
  known: Known;
  /** Ids a path parameter may take besides generated ones, by parameter name (`mcp_id` → existing MCP servers). */
  pathIds: Record<string, string[]>;
}

/**
 * Positive and negative requests for `op`; `undefined` where the operation takes no input to generate.
 *
 * @example
 * const { positive } = operationInputs(op, sources);
 * fc.sample(positive!, 3); // three valid requests for op
 */
export function operationInputs(
  op: OperationInfo,
  sources: InputSources,
): { positive?: fc.Arbitrary<Example>; negative?: fc.Arbitrary<Example> } {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const body = op.requestBody;
  if (!pathParams.length && !queryParams.length && !body) return {};

  const idArbs: Record<string, fc.Arbitrary<string>> = {};
  for (const p of pathParams) {
    const name = String(p.name);
    const generated = validValues(schemaOf(p)).map(String).filter(sendable);
    const pool = sources.pathIds[name] ?? [];
    idArbs[name] = pool.length ? fc.oneof(fc.constantFrom(...pool), generated) : generated;
  }
  const fill = (ids: Record<string, string>) =>
    op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => percentEncode(ids[name] ?? ''));
  const overrides = describedOverrides(sources.known, body?.schema);
  const validBody = body
    ? validValues(body.schema, '', overrides)
        .map((b) => JSON.parse(JSON.stringify(followDescribedRules(b, body.schema)) ?? 'null') as unknown)
        .filter((b) => sources.oracle.validate(body.pointer, b).length === 0)
    : fc.constant(undefined);
  const parts = fc.record({ ids: fc.record(idArbs), query: validQuery(queryParams), body: validBody });
  const request = (raw: { ids: Record<string, string>; query: Record<string, string>; body: unknown }) => {
    const p = withoutNul(raw);
    return { method: op.method, path: fill(p.ids), query: p.query, ...(body ? { body: p.body } : {}) };
  };
  const positive: fc.Arbitrary<Example> = parts.map((p) => ({ request: request(p) }));

  // A negative request breaks one rule and nothing else: where ids that exist are known, it names one of them.
  const knownIds: Record<string, fc.Arbitrary<string>> = { ...idArbs };
  for (const p of pathParams) {
    const pool = sources.pathIds[String(p.name)] ?? [];
    if (pool.length) knownIds[String(p.name)] = fc.constantFrom(...pool);
  }
  const valid = fc.record({ ids: fc.record(knownIds), query: validQuery(queryParams), body: validBody });

  const negatives: fc.Arbitrary<Example>[] = [];
  for (const p of pathParams) {
    const schema = schemaOf(p);
    const max = isObject(schema) && typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
    if (max === undefined) continue;
    const name = String(p.name);
    negatives.push(
      fc.tuple(valid, text(max + 1, max + 16).filter(sendable)).map(([v, id]) => ({
        request: request({ ...v, ids: { ...v.ids, [name]: id } }),
        rule: `path ${name}: maxLength ${max}`,
        expected: INVALID_REQUEST,
      })),
    );
  }
  for (const p of queryParams) {
    const name = String(p.name);
    for (const broken of invalidQueryValues(name, schemaOf(p)))
      negatives.push(
        fc.tuple(valid, broken.value).map(([v, value]) => ({
          request: request({ ...v, query: { ...v.query, [name]: value } }),
          rule: `query ${name}: ${broken.rule}`,
          expected: INVALID_REQUEST,
        })),
      );
  }
  if (queryParams.some((p) => p.name === 'start_date') && queryParams.some((p) => p.name === 'end_date'))
    negatives.push(
      fc.tuple(valid, usageDate, fc.integer({ min: 2, max: 4000 })).map(([v, start, days]) => ({
        request: request({
          ...v,
          query: {
            ...v.query,
            start_date: start,
            end_date: new Date(Date.parse(start) - days * 86_400_000).toISOString(),
          },
        }),
        rule: 'query start_date after end_date',
        expected: INVALID_REQUEST,
      })),
    );
  if (body) {
    for (const broken of bodyBreaks(body.schema)) {
      const confirmed = (b: unknown) => broken.extension || sources.oracle.validate(body.pointer, b).length > 0;
      const drawn = fc
        .tuple(parts, broken.make)
        .map(([v, make]) => ({ v, b: JSON.parse(JSON.stringify(make(v.body)) ?? 'null') as unknown }));
      // A break the schema allows anyway (an undeclared property where any is allowed, a type another alternative
      // accepts) would leave the filter below drawing forever: it is kept only when a fixed sample confirms it often.
      if (fc.sample(drawn, { seed: 7, numRuns: 30 }).filter(({ b }) => confirmed(b)).length < 10) continue;
      negatives.push(
        drawn
          .filter(({ b }) => confirmed(b))
          .map(({ v, b }) => ({
            request: request({ ...v, body: b }),
            rule: broken.rule,
            expected: broken.expected ?? VALIDATION_ERROR,
          })),
      );
    }
    negatives.push(
      fc.tuple(valid, fc.integer({ min: BODY_DEPTH_LIMIT, max: BODY_DEPTH_LIMIT + 16 })).map(([v, levels]) => ({
        request: request({
          ...v,
          body: { ...(isObject(v.body as Json) ? (v.body as JsonObject) : {}), deep: nested(levels) },
        }),
        rule: `body: nesting depth ${BODY_DEPTH_LIMIT}`,
        expected: INVALID_REQUEST,
      })),
    );
  }
  // openapi.yaml "Limits on JSON values": U+0000 anywhere in the path, the query or the body is 400 invalid_request.
  negatives.push(
    fc.tuple(valid, fc.nat()).map(([v, at]) => {
      const sent = request(v);
      const json = sent.body === undefined ? undefined : JSON.stringify(sent.body);
      const strings = json ? [...json.matchAll(/"(?:[^"\\]|\\.)*"/g)] : [];
      const target = strings[at % Math.max(1, strings.length)];
      if (json && target?.index !== undefined) {
        const cut = target.index + 1;
        return {
          request: { ...sent, body: JSON.parse(`${json.slice(0, cut)}\\u0000${json.slice(cut)}`) as unknown },
          rule: 'body: U+0000 in a string',
          expected: INVALID_REQUEST,
        };
      }
      return {
        request: { ...sent, query: { ...sent.query, q: '\u0000' } },
        rule: 'query: U+0000',
        expected: INVALID_REQUEST,
      };
    }),
  );
  return { positive, ...(negatives.length ? { negative: fc.oneof(...negatives) } : {}) };
}
