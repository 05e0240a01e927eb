/**
 * The one place that writes error responses. Whatever failed, in whichever stage (an `ApiError`, the validator, the
 * body parser, a bug), the client gets the envelope with a catalogued code and the request id; a 5xx never exposes a
 * stack or internals, and is logged with the request id so it can be found: an upstream's failure (mcp_error,
 * mcp_unreachable, mcp_timeout: an expected outcome, e.g. every call refused while a circuit is open) as one warn line
 * without a stack, anything else as an error with its stack.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isStoreConflict } from '../store/errors.js';
import { ApiError, isApiError } from './errors.js';
import { requestIdOf } from './request-id.js';
import { closeIfBodyUnread } from './unread-body.js';
import { fromValidatorError, isValidatorError } from './validation-errors.js';

/** Client errors Express and its parsers raise with http-errors (`expose: true`), e.g. a path that is not valid UTF-8. */
function exposedClientStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  if (isValidatorError(err)) return fromValidatorError(err);
  // A unique constraint the handler did not foresee (two requests racing to create the same thing).
  if (isStoreConflict(err)) return new ApiError('already_exists');
  const clientStatus = exposedClientStatus(err);
  if (clientStatus === 404) return new ApiError('not_found');
  if (clientStatus === 413) return new ApiError('payload_too_large');
  if (clientStatus !== undefined) return new ApiError('invalid_request');
  return new ApiError('internal_error');
}

/** What an upstream did (or failed to do), not a fault of this server: logged at warn, without a stack. */
const UPSTREAM_OUTCOMES: ReadonlySet<string> = new Set(['mcp_error', 'mcp_unreachable', 'mcp_timeout']);

/** The error envelope's text: `{ success: false, error: { code, message, details? } }`. */
export function errorBody(apiError: ApiError): string {
  return JSON.stringify({
    success: false,
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(apiError.details !== undefined ? { details: apiError.details } : {}),
    },
  });
}

export function errorHandler(logger: Logger) {
  return function errorHandlerStage(err: unknown, req: Request, res: Response, _next: NextFunction): void {
    const requestId = requestIdOf(res);
    const apiError = toApiError(err);
    if (UPSTREAM_OUTCOMES.has(apiError.code)) {
      const circuit = (apiError.details as { circuit?: unknown } | undefined)?.circuit;
      logger.warn(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: apiError.status,
          code: apiError.code,
          reason: apiError.message,
          ...(circuit === undefined ? {} : { circuit }),
        },
        'upstream call failed',
      );
    } else if (apiError.status >= 500) {
      const validatorDetail = isValidatorError(err) ? err.errors : undefined;
      logger.error({ err, requestId, method: req.method, path: req.path, validatorDetail }, 'request failed');
    }
    if (res.headersSent) {
      // The response has started; the only honest thing left is to cut it short.
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(apiError.headers ?? {})) res.setHeader(name, value);
    closeIfBodyUnread(req, res);
    // `send`, not `json`: response validation wraps `json`, and an error response must never itself fail on the way out.
    res.status(apiError.status).type('application/json').send(errorBody(apiError));
  };
}
