/**
 * The PlexMCP API client: `createPlexMcpClient`, its error values and its retry policy, plus the contract's types.
 *
 * @example
 * import { createPlexMcpClient, type Schemas } from './client/index.js';
 *
 * const plexmcp = createPlexMcpClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'pmcp_...' });
 * const { data, error } = await plexmcp.GET('/v1/mcps', { params: { query: { per_page: 50 } } });
 * const mcps: Schemas['Mcp'][] = error ? [] : data.data;
 */

export type { components, operations, paths } from '../generated/schema.js';
export {
  createPlexMcpClient,
  type PlexMcpClient,
  type PlexMcpClientOptions,
  type PlexMcpMethod,
  type PlexMcpResult,
} from './create-client.js';
export { type DeprecationNotice, deprecationNotice } from './deprecation.js';
export {
  type ErrorCode,
  invalidResponse,
  isErrorCode,
  type PlexMcpApiError,
  type PlexMcpError,
  type PlexMcpInvalidResponse,
  toPlexMcpError,
} from './errors.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryOptions, withRetry } from './retry.js';

import type { components } from '../generated/schema.js';
/**
 * The contract's schemas by name: `Schemas['Mcp']`, `Schemas['ApiKeyCreated']`, `Schemas['ErrorCode']`.
 *
 * @example
 * function label(mcp: Schemas['Mcp']): string { return `${mcp.name} (${mcp.health})`; }
 */
export type Schemas = components['schemas'];
