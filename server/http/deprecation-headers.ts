/**
 * The deprecation stage: every response of a deprecated operation (openapi.yaml `deprecated: true`, "Versioning"),
 * errors included, carries `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and `Link: <…>; rel="deprecation"` to its
 * migration notes; a deprecated parameter adds them to the responses of requests that send it.
 *
 * The headers are added when the response head is written, not when the request arrives: later stages set headers
 * of their own (pagination sets `Link`), and the deprecation link must join theirs (RFC 8288 §3), not be replaced.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { type Deprecation, deprecationsOf, deprecationHeaders as headersOf } from '../../contract/deprecations.js';
import type { Contract } from '../../contract/index.js';

function sends(d: Deprecation, query: unknown, headers: IncomingHttpHeaders): boolean {
  if (!d.parameter) return true;
  const { in: where, name } = d.parameter;
  if (where === 'query') return typeof query === 'object' && query !== null && name in query;
  if (where === 'header') return headers[name.toLowerCase()] !== undefined;
  return false;
}

/** Adds `headers` to `res` just before its head is written, appending to any `Link` already set. */
function onHead(res: ServerResponse, headers: Record<string, string>): void {
  const writeHead = res.writeHead;
  let applied = false;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!applied) {
      applied = true;
      for (const [name, value] of Object.entries(headers)) {
        const existing = name === 'Link' ? res.getHeader('Link') : undefined;
        res.setHeader(name, existing === undefined ? value : [...[existing].flat().map(String), value]);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

/** The stage for `contract`; passes straight through when nothing is deprecated. */
export function deprecationHeaders(contract: Contract): RequestHandler {
  const deprecations = deprecationsOf(contract.document);
  if (!deprecations.length) return (_req, _res, next) => next();
  const byOperation = new Map<string, Deprecation[]>();
  for (const d of deprecations) {
    const key = `${d.method.toUpperCase()} ${d.path}`;
    byOperation.set(key, [...(byOperation.get(key) ?? []), d]);
  }
  return (req, res, next) => {
    // Matched as everywhere else: literal paths before templated ones (OpenAPI 3.1 §4.8.8).
    const route = contract.match(req.method, req.path);
    const candidates = route.template ? byOperation.get(`${req.method} ${route.template}`) : undefined;
    const sent = candidates?.filter((d) => sends(d, req.query, req.headers)) ?? [];
    // The operation's own deprecation speaks for it; else the parameter that ends soonest.
    const first =
      sent.find((d) => !d.parameter) ?? sent.sort((a, b) => (a.sunset ?? '').localeCompare(b.sunset ?? ''))[0];
    if (first) onHead(res, headersOf(first));
    next();
  };
}
