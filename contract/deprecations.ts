/**
 * Deprecations as the contract declares them (openapi.yaml, info.description "Versioning"): an operation or a
 * parameter with `deprecated: true` carries
 *
 *   x-deprecation-date  YYYY-MM-DD  the day the deprecation took effect  → `Deprecation: @<epoch>` (RFC 9745)
 *   x-sunset            YYYY-MM-DD  the day it may stop working (UTC)    → `Sunset: <HTTP-date>` (RFC 8594)
 *   x-deprecation-link  URL         its migration notes                  → `Link: <URL>; rel="deprecation"` (RFC 9745 §3)
 *
 * The description of each names its sunset and links its migration notes, since the reference docs show descriptions.
 *
 * Pure functions over a parsed document, read by the server, the breaking-change guard and the conformance suite.
 */

type JsonObject = { [key: string]: unknown };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One deprecated operation, or one deprecated parameter of an operation. */
export interface Deprecation {
  /** Lower case, as in the document. */
  method: string;
  /** The path template, `/v1/mcps/{mcp_id}`. */
  path: string;
  operationId?: string;
  /** Set when only this parameter is deprecated, not the whole operation. */
  parameter?: { in: string; name: string };
  /** `x-deprecation-date`, when valid. */
  since?: string;
  /** `x-sunset`, when valid. */
  sunset?: string;
  /** `x-deprecation-link`, when present. */
  link?: string;
  /** The operation's or parameter's description: the docs show it, not the extensions. */
  description?: string;
}

function resolve(doc: JsonObject, node: unknown): unknown {
  for (let depth = 0; depth < 10 && isObject(node) && typeof node.$ref === 'string'; depth++) {
    let target: unknown = doc;
    for (const raw of node.$ref.replace(/^#\//, '').split('/'))
      target = isObject(target) ? target[raw.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    node = target;
  }
  return node;
}

function marks(node: JsonObject): Pick<Deprecation, 'since' | 'sunset' | 'link' | 'description'> {
  const date = (v: unknown) => (typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);
  const since = date(node['x-deprecation-date']);
  const sunset = date(node['x-sunset']);
  const link =
    typeof node['x-deprecation-link'] === 'string' && node['x-deprecation-link']
      ? node['x-deprecation-link']
      : undefined;
  const description = typeof node.description === 'string' ? node.description : undefined;
  return {
    ...(since ? { since } : {}),
    ...(sunset ? { sunset } : {}),
    ...(link ? { link } : {}),
    ...(description ? { description } : {}),
  };
}

/** Every deprecated operation and parameter of `doc`, in document order. */
export function deprecationsOf(doc: JsonObject): Deprecation[] {
  const out: Deprecation[] = [];
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = resolve(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const base = { method, path, ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}) };
      if (op.deprecated === true) out.push({ ...base, ...marks(op) });
      const params = [
        ...(Array.isArray(op.parameters) ? op.parameters : []),
        ...(Array.isArray(item.parameters) ? item.parameters : []),
      ];
      for (const raw of params) {
        const p = resolve(doc, raw);
        if (isObject(p) && p.deprecated === true && typeof p.in === 'string' && typeof p.name === 'string')
          out.push({ ...base, parameter: { in: p.in, name: p.name }, ...marks(p) });
      }
    }
  }
  return out;
}

/** What is missing from a deprecation for the server to announce it; empty when complete. */
export function deprecationProblems(d: Deprecation): string[] {
  const problems: string[] = [];
  if (!d.since) problems.push('x-deprecation-date (YYYY-MM-DD) is missing or not a date');
  if (!d.sunset) problems.push('x-sunset (YYYY-MM-DD) is missing or not a date');
  if (!d.link) problems.push('x-deprecation-link is missing');
  // The reference docs render descriptions, not extensions: the reader of /docs must see the date and the way out.
  if (d.sunset && !d.description?.includes(d.sunset))
    problems.push(`its description does not name its sunset ${d.sunset}`);
  if (d.link && !d.description?.includes(d.link))
    problems.push(`its description does not link its migration notes ${d.link}`);
  return problems;
}

/** `GET /v1/mcps`, or `GET /v1/mcps (query parameter status)`. */
export function deprecationLabel(d: Deprecation): string {
  const op = `${d.method.toUpperCase()} ${d.path}`;
  return d.parameter ? `${op} (${d.parameter.in} parameter ${d.parameter.name})` : op;
}

/**
 * The response headers that announce a deprecation: `Deprecation` (RFC 9745 §2.1, a structured-field date: `@` and
 * the Unix time of `x-deprecation-date` at 00:00 UTC), `Sunset` (RFC 8594 §3, an HTTP-date: `x-sunset` at 00:00 UTC)
 * and `Link` with `rel="deprecation"` to the migration notes (RFC 9745 §3). Only the headers whose data is present.
 *
 * @example
 * deprecationHeaders({ method: 'get', path: '/v1/mcps', since: '2026-12-01', sunset: '2027-06-30', link: '/docs#section/Migration-guides' });
 * // { Deprecation: '@1796083200', Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT', Link: '</docs#section/Migration-guides>; rel="deprecation"; type="text/html"' }
 */
export function deprecationHeaders(d: Deprecation): Record<string, string> {
  const headers: Record<string, string> = {};
  if (d.since) headers.Deprecation = `@${Date.parse(`${d.since}T00:00:00Z`) / 1000}`;
  if (d.sunset) headers.Sunset = new Date(`${d.sunset}T00:00:00Z`).toUTCString();
  if (d.link) headers.Link = `<${d.link}>; rel="deprecation"; type="text/html"`;
  return headers;
}
