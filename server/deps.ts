/**
 * What the HTTP API is built from (`createApp`'s dependencies) and what its operation handlers receive. Kept apart from
 * app.ts so handlers depend on these types and app.ts on the handlers, never both ways.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Contract } from '../contract/index.js';
import type { Clock } from './clock.js';
import type { CredentialCipher } from './crypto/credentials.js';
import type { Gateway } from './gateway/types.js';
import type { Store } from './store/types.js';

export type { CredentialCipher };

export interface AppDeps {
  store: Store;
  logger: Logger;
  /** The hash an API key is stored under (HMAC-SHA-256 with the server's secret, hex). */
  hashApiKey(key: string): string;
  cipher: CredentialCipher;
  /** Reaches upstream MCP servers; without one, invoking and testing answer `502 mcp_unreachable`. */
  gateway?: Gateway;
  /** The rate-limit stage; requests pass straight through when absent (self-hosted). */
  rateLimit?: RequestHandler;
  /** Before authentication: refuses an address that has spent its failed-authentication budget (ratelimit's `addressGuard`). */
  addressGuard?: RequestHandler;
  /** Just before the error handler: counts 401s per address (ratelimit's `limitFailedAuth`). */
  failedAuthLimit?: ErrorRequestHandler;
  /** Validate every response against the contract (on in development and tests: drift becomes a 500). */
  validateResponses: boolean;
  maxRequestBodyBytes: number;
  /** The bytes of request bodies read at once across all requests (`PLEXMCP_MAX_BODY_BYTES_IN_FLIGHT`); default 64 MiB. */
  maxBodyBytesInFlight?: number;
  /** The longest a tool call may wait for its upstream (`MCP_REQUEST_TIMEOUT_MS`). */
  mcpRequestTimeoutMs: number;
  /** The server's public origin for absolute links (`PUBLIC_URL`); else links are relative (never from `Host`). */
  publicUrl?: string;
  selfHosted: boolean;
  /** Allow MCP endpoints on loopback/private addresses even when not self-hosted (tests, demos). */
  allowPrivateMcpUrls: boolean;
  /** The time source; tests pass a fixed clock. */
  clock?: Clock;
  /** The MCP endpoint's timing (tests shorten how often sessions compare their tools). */
  mcpEndpoint?: { checkMs?: number };
  /** The contract to serve and enforce (default openapi.yaml at the package root); tests pass an edited copy. */
  contract?: Contract;
}

/** What routes receive: the app's dependencies with the clock resolved. */
export type RouteDeps = AppDeps & { clock: Clock };
