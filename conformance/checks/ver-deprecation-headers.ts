import { parse } from 'yaml';
import { deprecationNotice } from '../../client/deprecation.js';
import { type Deprecation, deprecationLabel, deprecationsOf } from '../../contract/deprecations.js';
import { isObject, type JsonObject } from '../../contract/index.js';
import { cite, section, standard } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';

const DOCUMENTED = cite(
  'Deprecation, Sunset and Link rel="deprecation" on every response of a deprecated operation',
  section('Versioning'),
);

/** The deployment's own contract (what it says it deprecates), when it serves one. */
async function servedDoc(ctx: CheckContext): Promise<JsonObject | undefined> {
  for (const form of ['/openapi.json', '/openapi.yaml']) {
    const reply = await ctx.http.send('GET', form, { auth: 'none' });
    if (reply.status !== 200) continue;
    try {
      const doc: unknown = form.endsWith('.json') ? JSON.parse(reply.text) : parse(reply.text);
      if (isObject(doc) && isObject(doc.paths)) return doc;
    } catch {
      // Not a document: VER-001 and SCHEMA-003 report it.
    }
  }
  return undefined;
}

/** A request to `d` that needs no key and changes nothing: any path parameter is a placeholder, so 401 or 404. */
function probePath(d: Deprecation): { path: string; query: Record<string, string>; headers: Record<string, string> } {
  const path = d.path.replace(/\{[^}]+\}/g, 'deprecation-probe');
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  if (d.parameter?.in === 'query') query[d.parameter.name] = '1';
  if (d.parameter?.in === 'header') headers[d.parameter.name] = '1';
  return { path, query, headers };
}

function templateMatches(template: string, path: string): boolean {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${source}/?$`).test(path);
}

/**
 * Every operation (and parameter) the contract deprecates announces it on its responses, errors included: `Deprecation`
 * as `@<epoch>` of `x-deprecation-date` (RFC 9745), `Sunset` as the HTTP-date of `x-sunset` (RFC 8594), and a `Link`
 * with `rel="deprecation"` to `x-deprecation-link`. No other response announces a deprecation.
 */
async function deprecationHeaders(ctx: CheckContext): Promise<void> {
  const declared = [...deprecationsOf(ctx.oracle.doc)];
  const served = await servedDoc(ctx);
  for (const d of served ? deprecationsOf(served) : [])
    if (!declared.some((k) => deprecationLabel(k) === deprecationLabel(d))) declared.push(d);

  for (const d of declared) {
    const probe = probePath(d);
    const reply = await ctx.http.send(d.method.toUpperCase(), probe.path, {
      auth: 'none',
      query: probe.query,
      headers: probe.headers,
    });
    const label = `${deprecationLabel(d)} (deprecated, sunset ${d.sunset ?? 'not given'})`;
    const notice = deprecationNotice(label, new Response(null, { headers: reply.headers }));
    const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
    const missing: string[] = [];
    if (!notice || (d.since && notice.deprecatedSince?.getTime() !== at(d.since)))
      missing.push(`Deprecation: ${d.since ? `@${at(d.since) / 1000}` : '@<epoch>'}`);
    if (d.sunset && notice?.sunset?.getTime() !== at(d.sunset))
      missing.push(`Sunset: ${new Date(at(d.sunset)).toUTCString()}`);
    const base = ctx.http.url('/');
    if (d.link && (!notice?.link || new URL(notice.link, base).href !== new URL(d.link, base).href))
      missing.push(`Link: <${d.link}>; rel="deprecation"`);
    ctx.expect(missing.length === 0, `${label}: the response lacks ${missing.join(', ')}`, {
      reply,
      documented: DOCUMENTED,
    });
    ctx.verified('deprecations announced');
  }

  // The converse, over everything the run has seen so far: a deprecation nobody declared misleads clients.
  let undeprecated = 0;
  for (const exchange of ctx.recorded) {
    if (!exchange.response) continue;
    const header = exchange.response.headers.deprecation;
    if (header === undefined) {
      undeprecated++;
      continue;
    }
    const url = new URL(exchange.request.url, ctx.config.baseUrl);
    const path = url.pathname.slice(ctx.basePath.length) || '/';
    const known = declared.some(
      (d) => d.method.toUpperCase() === exchange.request.method && templateMatches(d.path, path),
    );
    if (!known) {
      ctx.fail(`${exchange.request.method} ${path} announces a deprecation (${header}) the contract does not declare`, {
        documented: cite(
          'only operations and parameters marked deprecated announce a deprecation',
          section('Versioning'),
        ),
      });
      return;
    }
  }
  // Each response without a Deprecation header is one the contract's declarations were held to (none undeclared).
  ctx.verified('responses announcing no undeclared deprecation', undeprecated);
  ctx.note(declared.length ? `${declared.length} deprecation(s) checked` : 'the contract deprecates nothing');
}

export const verDeprecationHeaders: Check = {
  id: 'VER-002',
  title: 'Deprecated operations send Deprecation, Sunset and Link; no other',
  requirement: cite(
    'Every response of a deprecated operation, errors included, carries Deprecation, Sunset and Link rel="deprecation" to its migration notes; a deprecated parameter adds them when sent.',
    section('Versioning'),
    standard('RFC 9745'),
    standard('RFC 8594'),
  ),
  run: deprecationHeaders,
};
