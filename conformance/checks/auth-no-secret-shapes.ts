import { type Citation, cite, operation, pointer, section } from '../citation.js';
import { type CheckContext, dataOf } from '../context.js';
import type { Check } from '../model.js';
import { LIST_PATHS } from '../probes/lists.js';
import { listOperations } from '../probes/operations.js';
import { findSecretShapes, secretHeaders } from '../probes/secret-shapes.js';

const DOCUMENTED = cite(
  "secrets are never returned; the full key only once, in createApiKey (and acceptInvitation's first key), an invitation's token only once, in inviteMember",
  section('Authentication'),
  section('Invitations'),
  pointer('#/components/schemas/ApiKeyCreated'),
);

/** The one-time secrets the contract documents, by the creation that answers with them (a 201). */
const SHOWN_ONCE: Record<string, string[]> = {
  'POST /v1/api-keys': ['data.key'],
  'POST /v1/organization/members/invite': ['data.token', 'data.invite_url'],
  'POST /v1/invitations/accept': ['data.api_key.key'],
};

/** The contract and its documentation pages are text about secrets, not responses that could carry one. */
const NOT_API_DATA = new Set(['/openapi.json', '/openapi.yaml', '/docs']);

/**
 * No response of the whole run carries anything shaped like a secret: a key hash, a ciphertext, a token, an API key,
 * a field named for one. The only exceptions are the one-time secrets of creations (`SHOWN_ONCE`); a tool's own answer
 * (invokeTool's result and content) is the upstream's data and not judged.
 */
async function noSecretShapes(ctx: CheckContext): Promise<void> {
  const documented = DOCUMENTED;
  await readEverything(ctx);
  const seen = new Set<string>();
  let judged = 0;
  for (const exchange of ctx.recorded) {
    const r = exchange.response;
    if (!r) continue;
    const url = new URL(exchange.request.url);
    const path = url.pathname.slice(ctx.basePath.length) || '/';
    if (NOT_API_DATA.has(path)) continue;
    judged++;
    const op = `${exchange.request.method} ${path.replace(/\/(mcp|key|user|inv)_[^/]+/g, '/{$1_id}')}`;
    for (const name of secretHeaders(r.headers))
      report(ctx, seen, `${op}|header ${name}`, exchange, `${op}: header ${name} carries an API key`, documented);
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      continue;
    }
    const shownOnce = r.status === 201 ? (SHOWN_ONCE[`${exchange.request.method} ${path}`] ?? []) : [];
    const shapes = findSecretShapes(body, {
      allowed: shownOnce,
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

/**
 * Reads every list and singleton of the contract, and the first item of each list in detail, so the sweep has
 * something to judge even when this check runs alone.
 */
async function readEverything(ctx: CheckContext): Promise<void> {
  const reads = listOperations(ctx.oracle.contract).filter(
    (op) => op.method === 'GET' && op.authenticated && !op.path.includes('{'),
  );
  const firsts = new Map<string, string>();
  for (const op of reads) {
    const isList = (LIST_PATHS as readonly string[]).includes(op.path);
    const reply = await ctx.http.send('GET', op.path, isList ? { query: { per_page: 100 } } : {});
    const items = dataOf<{ id?: unknown; invite_id?: unknown }[]>(reply);
    const first = Array.isArray(items) ? (items[0]?.id ?? items[0]?.invite_id) : undefined;
    if (typeof first === 'string') firsts.set(op.path, first);
  }
  for (const op of listOperations(ctx.oracle.contract).filter((o) => o.method === 'GET' && o.path.includes('{'))) {
    const list = op.path.slice(0, op.path.indexOf('/{'));
    const id = firsts.get(list);
    if (id) await ctx.http.send('GET', op.path.replace(/\{[^}]+\}/, encodeURIComponent(id)));
  }
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
    "the full key is shown once, when it is created; only a keyed hash is stored; ApiKey has no secret field; McpCreate credentials are writeOnly: no response holds a key hash, ciphertext, token or key outside createApiKey's data.key, inviteMember's data.token and invite_url, and acceptInvitation's data.api_key.key",
    section('Authentication'),
    section('Invitations'),
    operation('createApiKey'),
    pointer('#/components/schemas/ApiKey'),
    pointer('#/components/schemas/McpCreate'),
  ),
  run: noSecretShapes,
};
