/**
 * Errors as values. Every non-2xx response becomes a `PlexMcpError`: the envelope's `code`, `message` and `details`
 * when the body is the documented `{ success: false, error: {...} }`, else an `invalid_response` marker, so a caller
 * never has to try/catch an HTTP failure and never confuses a broken body with an error code the API defined.
 */
import type { components } from '../generated/schema.js';

/**
 * The error codes the contract defines (`ErrorCode` in openapi.yaml).
 *
 * @example
 * const retryable: ErrorCode[] = ['rate_limited', 'service_unavailable'];
 */
export type ErrorCode = components['schemas']['ErrorCode'];

/**
 * An error the server reported in the documented envelope.
 *
 * @example
 * if (error.kind === 'api_error' && error.code === 'validation_error') showFieldErrors(error.details);
 */
export interface PlexMcpApiError {
  /** Discriminates the server's own errors from `invalid_response`. */
  readonly kind: 'api_error';
  /** The envelope's `error.code`. A conformant server sends only `ErrorCode`s; others are passed through as sent. */
  readonly code: ErrorCode | (string & {});
  /** A sentence for people; do not parse it. */
  readonly message: string;
  /** Machine-readable particulars, e.g. field → message for `validation_error`. */
  readonly details: Record<string, unknown> | undefined;
  /** The HTTP status code. */
  readonly status: number;
  /** The response's `X-Request-Id`, to quote when reporting a problem; null when the server sent none. */
  readonly requestId: string | null;
}

/**
 * A non-2xx response whose body is not the documented error envelope (HTML from a proxy, garbled JSON, an empty
 * body), or a 2xx whose body is not JSON. It has no API `code`: the marker is `kind: 'invalid_response'`.
 *
 * @example
 * if (error.kind === 'invalid_response') console.error(`HTTP ${error.status} without an envelope:`, error.body);
 */
export interface PlexMcpInvalidResponse {
  readonly kind: 'invalid_response';
  readonly code: null;
  /** What was wrong with the body. */
  readonly message: string;
  readonly details: undefined;
  readonly status: number;
  readonly requestId: string | null;
  /** The start of the body as received (at most 1,000 characters), for diagnosis. */
  readonly body: string;
}

/**
 * What the client returns in `error`: branch on `kind`, then on `code` or `status`.
 *
 * @example
 * const { data, error } = await plexmcp.GET('/v1/organization');
 * if (error?.code === 'unauthorized') throw new Error(`check PLEXMCP_API_KEY (request ${error.requestId})`);
 */
export type PlexMcpError = PlexMcpApiError | PlexMcpInvalidResponse;

const BODY_EXCERPT_CHARS = 1000;

/**
 * Turns an error body (parsed JSON, raw text or nothing) and its response into a `PlexMcpError`.
 * The client does this for you; it is exported for callers that use `fetch` directly.
 *
 * @example
 * const response = await fetch(`${baseUrl}/v1/mcps`);
 * const text = await response.text();
 * let body: unknown = text;
 * try { body = JSON.parse(text); } catch {}
 * const error = toPlexMcpError(body, response);
 * if (error.kind === 'api_error' && error.code === 'unauthorized') console.error(error.message, error.requestId);
 */
export function toPlexMcpError(body: unknown, response: Response): PlexMcpError {
  const status = response.status;
  const requestId = response.headers.get('x-request-id');
  const envelope = readErrorEnvelope(body);
  if (envelope) return { kind: 'api_error', status, requestId, ...envelope };
  return invalidResponse(status, requestId, describe(body), excerpt(body));
}

/**
 * The `invalid_response` value for a body that could not be read as the envelope.
 *
 * @example
 * const error = invalidResponse(502, response.headers.get('x-request-id'), 'The body is HTML', await response.text());
 */
export function invalidResponse(
  status: number,
  requestId: string | null,
  message: string,
  body: string,
): PlexMcpInvalidResponse {
  return { kind: 'invalid_response', code: null, message, details: undefined, status, requestId, body };
}

/**
 * Whether `error` is a server-reported error with one of the given codes.
 *
 * @example
 * if (isErrorCode(error, 'rate_limited', 'quota_exceeded')) scheduleLater();
 */
export function isErrorCode<C extends ErrorCode>(
  error: PlexMcpError | undefined,
  ...codes: C[]
): error is PlexMcpApiError & { code: C } {
  return error?.kind === 'api_error' && (codes as string[]).includes(error.code);
}

function readErrorEnvelope(body: unknown): Pick<PlexMcpApiError, 'code' | 'message' | 'details'> | undefined {
  if (!isRecord(body) || body.success !== false || !isRecord(body.error)) return undefined;
  const { code, message, details } = body.error;
  if (typeof code !== 'string' || code === '' || typeof message !== 'string') return undefined;
  return { code, message, details: isRecord(details) ? details : undefined };
}

function describe(body: unknown): string {
  if (body === undefined || body === '') return 'The response has no body; expected the JSON error envelope';
  if (typeof body === 'string') return 'The response body is not JSON; expected the JSON error envelope';
  return 'The response body is JSON but not the error envelope { success: false, error: { code, message } }';
}

function excerpt(body: unknown): string {
  if (body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.slice(0, BODY_EXCERPT_CHARS);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
