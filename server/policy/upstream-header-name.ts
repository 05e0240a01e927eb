/**
 * Which header names may carry an `api_key` credential to an upstream. The refused names and prefixes are the
 * contract's (`#/components/schemas/UpstreamHeaderName`, `x-refused-names` and `x-refused-prefixes`): hop-by-hop and
 * framing fields (RFC 9110 §7.6.1, RFC 9112 §6), routing and control fields, the Fetch standard's forbidden request
 * headers and the MCP transport's own headers. A credential under one of them would let an MCP's registration change
 * how the gateway's request is framed or routed (e.g. `Transfer-Encoding: chunked` beside `Content-Length`).
 */
import { loadContract } from '../../contract/index.js';

interface RefusedHeaders {
  names: ReadonlySet<string>;
  prefixes: readonly string[];
}

let refused: RefusedHeaders | undefined;

function refusedHeaders(): RefusedHeaders {
  if (refused) return refused;
  const schemas = (loadContract().document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
  const schema = schemas.UpstreamHeaderName ?? {};
  const names = (schema['x-refused-names'] as string[] | undefined) ?? [];
  const prefixes = (schema['x-refused-prefixes'] as string[] | undefined) ?? [];
  if (names.length === 0) throw new Error('openapi.yaml: UpstreamHeaderName lists no x-refused-names');
  refused = { names: new Set(names.map((name) => name.toLowerCase())), prefixes: prefixes.map((p) => p.toLowerCase()) };
  return refused;
}

/** Why `name` may not carry a credential (naming the rule), or undefined when it may. Case-insensitive (RFC 9110 §5.1). */
export function refusedHeaderReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  const { names, prefixes } = refusedHeaders();
  if (names.has(lower)) return `${name} is a header the gateway's own request framing, routing or protocol depends on`;
  const prefix = prefixes.find((p) => lower.startsWith(p));
  if (prefix) return `${name} starts with ${prefix}, a prefix reserved for framing, routing or protocol headers`;
  return undefined;
}
