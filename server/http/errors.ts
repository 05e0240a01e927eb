/**
 * The error catalogue: every error code the API sends, its HTTP status and its default message.
 * It is declared once, here; `errors.test.ts` holds it equal to the `ErrorCode` enum of openapi.yaml both ways.
 * Handlers and stages throw `ApiError`; only the central error handler turns one into a response.
 */
import type { components } from '../../generated/schema.js';

export type ErrorCode = components['schemas']['ErrorCode'];

interface CatalogueEntry {
  readonly status: number;
  readonly message: string;
}

export const ERROR_CATALOGUE = {
  invalid_request: { status: 400, message: 'The request is invalid' },
  unauthorized: { status: 401, message: 'A valid API key is required' },
  expired_key: { status: 401, message: 'The API key has expired' },
  revoked_key: { status: 401, message: 'The API key has been revoked' },
  forbidden: { status: 403, message: "You don't have permission to perform this action" },
  mcp_not_permitted: { status: 403, message: 'The API key is not permitted to use this MCP server' },
  not_found: { status: 404, message: 'The resource was not found' },
  tool_not_found: { status: 404, message: 'The MCP server has no such tool' },
  method_not_allowed: { status: 405, message: 'The method is not allowed for this resource' },
  request_timeout: { status: 408, message: 'The request was not received in time' },
  already_exists: { status: 409, message: 'The resource already exists' },
  conflict: { status: 409, message: 'The change would leave the organisation without an owner' },
  tool_definition_changed: {
    status: 409,
    message: "The tool's definition changed since it was pinned and awaits approval",
  },
  payload_too_large: { status: 413, message: 'The request body is too large' },
  validation_error: { status: 422, message: 'Validation failed' },
  invalid_arguments: { status: 422, message: "The tool arguments do not match the tool's input schema" },
  rate_limited: { status: 429, message: 'Rate limit exceeded' },
  quota_exceeded: { status: 429, message: 'The monthly tool-invocation quota is used up' },
  headers_too_large: { status: 431, message: 'The request headers are too large' },
  internal_error: { status: 500, message: 'An unexpected error occurred' },
  mcp_error: { status: 502, message: 'The MCP server answered with an error' },
  mcp_unreachable: { status: 502, message: 'Could not connect to MCP server' },
  service_unavailable: { status: 503, message: 'The service is unavailable' },
  mcp_timeout: { status: 504, message: 'MCP server did not respond in time' },
} as const satisfies Record<ErrorCode, CatalogueEntry>;

/** A failure with a catalogued code; the central error handler renders it in the envelope. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, for example `Retry-After` or `Allow`. */
    readonly headers?: Readonly<Record<string, string>>,
    /** `failedAuthentication`: a presented secret was refused without a 401 (an invitation token's 404); it spends
     * the client address's budget of failed authentications like a 401 (openapi.yaml "Rate limits"). */
    readonly options: { readonly failedAuthentication?: boolean } = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'ApiError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
