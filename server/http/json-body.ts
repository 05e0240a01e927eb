/**
 * Parses JSON request bodies up to a size limit. The API speaks JSON only (RFC 8259): a body with another media type is
 * `400 invalid_request`, malformed JSON is `400 invalid_request` and an oversize body is `413 payload_too_large`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from './errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
}

function bodyParserError(value: unknown): BodyParserError | undefined {
  return typeof value === 'object' && value !== null && 'type' in value ? (value as BodyParserError) : undefined;
}

/** True when the request has a body at all (RFC 9112 §6.3: Transfer-Encoding or a non-zero Content-Length). */
function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

function toApiError(err: unknown, limitBytes: number): ApiError | unknown {
  const parserError = bodyParserError(err);
  switch (parserError?.type) {
    case 'entity.too.large':
      return new ApiError('payload_too_large', `Request body exceeds ${limitBytes} bytes`, { limit_bytes: limitBytes });
    case 'entity.parse.failed':
      return new ApiError('invalid_request', 'The request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError('invalid_request', 'The request body must be UTF-8 encoded JSON');
    case 'request.size.invalid':
    case 'request.aborted':
      return new ApiError('invalid_request', 'The request body was incomplete');
    default:
      return err;
  }
}

export function jsonBody(limitBytes: number) {
  const parse = express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'] });
  return function jsonBodyStage(req: Request, res: Response, next: NextFunction): void {
    if (!hasBody(req)) {
      next();
      return;
    }
    if (!req.is(['application/json', 'application/*+json'])) {
      const given = req.get('content-type') ?? 'none';
      next(
        new ApiError('invalid_request', 'The request body must be JSON (Content-Type: application/json)', {
          content_type: given,
        }),
      );
      return;
    }
    parse(req, res, (err?: unknown) => next(err === undefined ? undefined : toApiError(err, limitBytes)));
  };
}
