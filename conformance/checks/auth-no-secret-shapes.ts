import { type Citation, cite, operation, pointer, section } from '../citation.js';
import type { CheckContext } from '../context.js';
import type { Check } from '../model.js';
import { findSecretShapes, secretHeaders } from '../probes/secret-shapes.js';

const DOCUMENTED = cite(
  'secrets are never returned; the full key only once, in createApiKey',
  section('Authentication'),
  pointer('#/components/schemas/ApiKeyCreated'),
);

/** The contract and its documentation pages are text about secrets, not responses that could carry one. */
const NOT_API_DATA = new Set(['/openapi.json', '/openapi.yaml', '/docs']);

/**
 * No response of the whole run carries anything shaped like a secret: a key hash, a ciphertext, a token, an API key,
 * a field named for one. The only exception is createApiKey's one-time `data.key`; a tool's own answer (invokeTool's
 * result and content) is the upstream's data and not judged.
 */
async function noSecretShapes(ctx: CheckContext): Promise<void> {
  const documented = DOCUMENTED;
  const seen = new Set<string>();
  let judged = 0;
  for (const exchange of ctx.recorded) {
    const r = exchange.response;
    if (!r) continue;
    const url = new URL(exchange.request.url);
    const path = url.pathname.slice(ctx.basePath.length) || '/';
    if (NOT_API_DATA.has(path)) continue;
    judged++;
    const op = `${exchange.request.method} ${path.replace(/\/(mcp|key|user)_[^/]+/g, '/{$1_id}')}`;
    for (const name of secretHeaders(r.headers))
      report(ctx, seen, `${op}|header ${name}`, exchange, `${op}: header ${name} carries an API key`, documented);
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      continue;
    }
    const created = exchange.request.method === 'POST' && path === '/v1/api-keys' && r.status === 201;
    const shapes = findSecretShapes(body, {
      allowed: created ? ['data.key'] : [],
      opaque: path === '/mcp' ? ['data.result', 'data.content', 'data.structured_content'] : [],
    });
    for (const s of shapes)
      report(
        ctx,
        seen,
        `${op}|${s.path.replace(/\[\d+\]/g, '[]')}|${s.what}`,
        exchange,
        `${op} (${r.status}): ${s.path} is ${s.what}`,
        documented,
      );
  }
  ctx.verified('responses', judged);
}

function report(
  ctx: CheckContext,
  seen: Set<string>,
  key: string,
  exchange: CheckContext['recorded'][number],
  message: string,
  documented: Citation,
): void {
  // One finding per operation and place: a leaking list seen by ten checks is one problem.
  if (seen.has(key)) return;
  seen.add(key);
  ctx.findings.push({ severity: 'fail', kind: 'secret-shaped', message, documented, exchange });
}

export const authNoSecretShapes: Check = {
  id: 'AUTH-012',
  title: 'No response carries anything shaped like a secret',
  requirement: cite(
    "the full key is shown once, when it is created; only a keyed hash is stored; ApiKey has no secret field; McpCreate credentials are writeOnly: no response holds a key hash, ciphertext, token or key outside createApiKey's data.key",
    section('Authentication'),
    operation('createApiKey'),
    pointer('#/components/schemas/ApiKey'),
    pointer('#/components/schemas/McpCreate'),
  ),
  run: noSecretShapes,
};
