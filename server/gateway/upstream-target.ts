/** What the gateway needs to reach one MCP: its endpoint and decrypted credentials, never seen by any response. */
import { createHash } from 'node:crypto';
import type { CredentialCipher } from '../crypto/credentials.js';
import type { McpRow } from '../store/types.js';
import type { UpstreamCredentials, UpstreamTarget } from './types.js';

function asCredentials(value: unknown): UpstreamCredentials | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const credentials: UpstreamCredentials = {};
  for (const name of ['token', 'header', 'username', 'password'] as const) {
    if (typeof record[name] === 'string') credentials[name] = record[name];
  }
  return credentials;
}

export function decryptCredentials(cipher: CredentialCipher, row: McpRow): UpstreamCredentials | null {
  return row.credentialsCiphertext === null ? null : asCredentials(cipher.decrypt(row.credentialsCiphertext));
}

export function upstreamTarget(cipher: CredentialCipher, row: McpRow): UpstreamTarget {
  // The version changes whenever the endpoint or credentials do, so the gateway replaces a pooled client.
  const version = createHash('sha256')
    .update(`${row.endpointUrl}\n${row.authType}\n${row.credentialsCiphertext ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return {
    id: row.id,
    endpointUrl: row.endpointUrl,
    authType: row.authType,
    credentials: decryptCredentials(cipher, row),
    version,
  };
}
