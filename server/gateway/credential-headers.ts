/** The HTTP headers that carry an upstream's credentials, as its `auth_type` says. */
import { assertAllowedAuthHeader } from '../policy/mcp-credentials.js';
import type { AuthType } from '../store/types.js';
import type { UpstreamCredentials } from './types.js';

export function credentialHeaders(authType: AuthType, credentials: UpstreamCredentials | null): Record<string, string> {
  if (!credentials) return {};
  switch (authType) {
    case 'bearer':
      // RFC 6750 §2.1
      return credentials.token ? { Authorization: `Bearer ${credentials.token}` } : {};
    case 'api_key':
      // Stored before refused names were checked at registration: never sent (a 422 until auth_header is changed).
      assertAllowedAuthHeader(credentials.header);
      return credentials.token ? { [credentials.header || 'X-API-Key']: credentials.token } : {};
    case 'basic': {
      // RFC 7617 §2: base64 of user-id ":" password, UTF-8.
      const pair = `${credentials.username ?? ''}:${credentials.password ?? ''}`;
      return { Authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
    }
    default:
      return {};
  }
}
