/**
 * The HTTP server around the app: its connection limits and timeouts (openapi.yaml, info.description "Connections"),
 * and answers for requests Node's HTTP parser refuses before the app sees them (headers over 16 KiB, a malformed
 * Content-Length, NUL bytes, an unknown HTTP version, a request not received in time, CONNECT), which are the error envelope
 * with an `X-Request-Id` like every other answer wherever the connection can still carry one.
 */
import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { errorBody } from './error-handler.js';
import { ApiError } from './errors.js';
import { newRequestId } from './request-id.js';

export interface HttpServerLimits {
  /** The longest a client may take to send a request's headers (`PLEXMCP_HTTP_HEADERS_TIMEOUT_MS`). */
  headersTimeoutMs: number;
  /** The longest a client may take to send a whole request, body included (`PLEXMCP_HTTP_REQUEST_TIMEOUT_MS`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (`PLEXMCP_HTTP_KEEP_ALIVE_MS`). */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive (`PLEXMCP_HTTP_MAX_CONNECTIONS`). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_024,
};

/** How often Node looks for requests past their timeouts (its default, 30 s, would let one overstay by that much). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** After answering a refused request, how long the connection may linger for the answer to reach the client. */
const LINGER_MS = 1_000;

/** The catalogued error for a parser failure (Node's `HPE_*` codes, llhttp) or a timeout. */
export function clientErrorOf(code: string | undefined): ApiError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError('headers_too_large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError('request_timeout');
    case 'HPE_INVALID_VERSION':
      return new ApiError('invalid_request', 'The request line has an unsupported HTTP version');
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return new ApiError('invalid_request', 'The request has an invalid or conflicting Content-Length');
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_INVALID_CHUNK_SIZE':
      return new ApiError('invalid_request', 'The request has an invalid Transfer-Encoding or chunk');
    default:
      return new ApiError('invalid_request', 'The request is not valid HTTP/1.1');
  }
}

/** The raw HTTP/1.1 response for a refused request: the envelope, a fresh request id, and `Connection: close`. */
export function rawErrorResponse(error: ApiError, requestId: string): string {
  const body = errorBody(error);
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    `X-Request-Id: ${requestId}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Whether the connection can still carry an answer: open, and no response of the app's own already begun on it. */
function canAnswer(socket: Socket): boolean {
  // `_httpMessage` is the response Node has attached to the connection (the same test Node's default handler makes).
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return socket.writable && !response?.headersSent;
}

export function createHttpServer(app: RequestListener, limits: HttpServerLimits, logger?: Logger): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      // Node would answer a missing Host with a bare 400; the known-routes stage answers it in the envelope instead.
      requireHostHeader: false,
    },
    app,
  );
  // An expectation other than 100-continue: Node would answer a bare 417. RFC 9110 §10.1.1 lets a server answer 417
  // ("MAY"); this one ignores the expectation and answers the request as if it were absent, in the envelope.
  server.on('checkExpectation', app);
  // CONNECT asks for a tunnel, which an origin server does not offer (RFC 9110 §9.3.6); Node would close the
  // connection without a word.
  server.on('connect', (_req, socket: Socket) => {
    if (!canAnswer(socket)) {
      socket.destroy();
      return;
    }
    const requestId = newRequestId();
    logger?.info({ requestId, status: 400, reason: 'CONNECT' }, 'request refused by the HTTP server');
    socket.end(
      rawErrorResponse(new ApiError('invalid_request', 'CONNECT is not supported: this is not a proxy'), requestId),
    );
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A reset or a connection already gone: there is nobody to answer.
    if (err.code === 'ECONNRESET' || !canAnswer(socket)) {
      socket.destroy();
      return;
    }
    const requestId = newRequestId();
    const error = clientErrorOf(err.code);
    logger?.info({ requestId, status: error.status, reason: err.code }, 'request refused by the HTTP parser');
    socket.end(rawErrorResponse(error, requestId));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  return server;
}
