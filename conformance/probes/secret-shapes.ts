/**
 * What a secret looks like in a response: a field named for one (`key_hash`, `auth_token`, `ciphertext`…) holding a
 * value, or a value shaped like one wherever it sits (a hex digest, an API key, a base64 or `iv:tag:data` blob).
 * Secrets are stored hashed or encrypted and never returned (openapi.yaml "Authentication": the full key is shown
 * once, when it is created; McpCreate's credentials are writeOnly).
 */
import { REDACTED } from '../http/redact.js';

export interface SecretShape {
  /** Where in the body, as a JSON path (`data[2].key_hash`). */
  path: string;
  what: string;
}

const SECRET_NAME =
  /^(key|api_key|secret|client_secret|password|passwd|salt|iv|nonce|ciphertext|private_key|token|access_token|refresh_token)$|(_hash|_secret|_password|_ciphertext|_encrypted|_token|_salt)$|^(hash|encrypted)_/i;
const HEX_DIGEST = /^[0-9a-f]{32,}$/i;
const API_KEY = /pmcp_[A-Za-z0-9]{20,}/;
const BASE64_BLOB = /^[A-Za-z0-9+/_-]{40,}={0,2}$/;
const SEALED_BLOB = /^[A-Za-z0-9+/=_-]{12,}(?:[:.$][A-Za-z0-9+/=_-]{12,})+$/;

function valueShape(value: string): string | undefined {
  if (value.includes(REDACTED) || API_KEY.test(value)) return 'an API key';
  if (HEX_DIGEST.test(value)) return `a ${value.length}-character hex digest (hash-shaped)`;
  const mixed = /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (mixed && BASE64_BLOB.test(value)) return `a ${value.length}-character base64 blob`;
  if (SEALED_BLOB.test(value) && /\d/.test(value)) return 'an encrypted blob (parts joined by : . or $)';
  return undefined;
}

/** A value a secret-named field may hold without leaking: nothing, a flag, or a sentence (a validation message). */
const harmless = (value: unknown) =>
  value === null || typeof value === 'boolean' || (typeof value === 'string' && (value.length < 8 || /\s/.test(value)));

/**
 * Every secret-shaped thing in a parsed JSON body. `allowed` paths (the one-time `data.key` of createApiKey) and
 * `opaque` subtrees (an upstream tool's own answer) are not looked into.
 *
 * @example
 * findSecretShapes({ data: [{ id: 'key_1', key_hash: 'ab…' }] }); // [{ path: 'data[0].key_hash', what: … }]
 */
export function findSecretShapes(
  body: unknown,
  options: { allowed?: string[]; opaque?: string[] } = {},
): SecretShape[] {
  const out: SecretShape[] = [];
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > 12 || options.opaque?.includes(path)) return;
    if (typeof node === 'string') {
      const what = options.allowed?.includes(path) ? undefined : valueShape(node);
      if (what) out.push({ path, what });
      return;
    }
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`, depth + 1);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [name, value] of Object.entries(node)) {
      const child = path ? `${path}.${name}` : name;
      if (options.allowed?.includes(child)) continue;
      // An object holding an allowed one-time secret (acceptInvitation's `data.api_key`) is looked into, not judged
      // by its name: its other fields must still hold nothing secret.
      const holdsAllowed = options.allowed?.some((allowed) => allowed.startsWith(`${child}.`)) ?? false;
      if (SECRET_NAME.test(name) && !harmless(value) && !holdsAllowed) {
        out.push({ path: child, what: `a field named like a secret (${name})` });
        continue;
      }
      walk(value, child, depth + 1);
    }
  };
  walk(body, '', 0);
  return out;
}

/** Header values that carry an API key (the ones the suite knows, or anything of the documented shape). */
export function secretHeaders(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([, v]) => v.includes(REDACTED) || API_KEY.test(v))
    .map(([k]) => k);
}
