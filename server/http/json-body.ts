/**
 * Parses JSON request bodies, after authentication, within three bounds (openapi.yaml, info.description "Request
 * bodies"): the size limit (`413 payload_too_large`, refused from `Content-Length` before a byte is read), the nesting
 * depth (`400 invalid_request`, measured before parsing) and the bytes of bodies in flight across all requests (the
 * request waits for room; `503 service_unavailable` with `Retry-After` when none comes). The API speaks JSON only
 * (RFC 8259): another media type, malformed JSON, or an empty or missing body on `PATCH` is `400 invalid_request`.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { BodyBudget } from './body-budget.js';
import { ApiError } from './errors.js';
import { exceedsDepth } from './json-depth.js';
import { hasNulEscape, nulInBodyError, refuseNulInUrl } from './nul-text.js';
import { hasBody } from './unread-body.js';

/**
 * The deepest a JSON body may nest objects and arrays (openapi.yaml, info.description "Request bodies"): a bound on
 * the parser's and validator's work, above every field's own nesting limit (see "Limits on JSON values"), so those
 * still answer with their `422` first.
 */
export const MAX_JSON_DEPTH = 64;

const JSON_TYPES = ['application/json', 'application/*+json'];
/** Methods whose operations in this API all take a body: an empty or missing one is malformed JSON. */
const BODY_METHODS = new Set(['PATCH', 'PUT']);

export interface JsonBodyOptions {
  limitBytes: number;
  budget: BodyBudget;
}

interface BodyParserError {
  type?: string;
}

function bodyParserError(value: unknown): BodyParserError | undefined {
  return typeof value === 'object' && value !== null && 'type' in value ? (value as BodyParserError) : undefined;
}

function tooLarge(limitBytes: number): ApiError {
  return new ApiError('payload_too_large', `Request body exceeds ${limitBytes} bytes`, { limit_bytes: limitBytes });
}

function toApiError(err: unknown, limitBytes: number): ApiError | unknown {
  switch (bodyParserError(err)?.type) {
    case 'entity.too.large':
      return tooLarge(limitBytes);
    case 'entity.too.deep':
      return new ApiError('invalid_request', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`, {
        max_depth: MAX_JSON_DEPTH,
      });
    case 'entity.nul':
      return nulInBodyError();
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

/** The bytes a body will take: its declared length, or the limit when it is chunked (RFC 9112 §7.1). */
function declaredLength(req: Request, limitBytes: number): number {
  const length = Number(req.headers['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : limitBytes;
}

export function jsonBody(options: JsonBodyOptions) {
  const { limitBytes, budget } = options;
  const parse = express.json({
    limit: limitBytes,
    type: JSON_TYPES,
    verify: (_req, _res, buffer) => {
      if (exceedsDepth(buffer, MAX_JSON_DEPTH)) throw Object.assign(new Error('too deep'), { type: 'entity.too.deep' });
      if (hasNulEscape(buffer)) throw Object.assign(new Error('NUL'), { type: 'entity.nul' });
    },
  });
  return async function jsonBodyStage(req: Request, res: Response, next: NextFunction): Promise<void> {
    refuseNulInUrl(req.originalUrl);
    if (!hasBody(req)) {
      // Whatever the Content-Type says, or without one: no body at all (no Content-Length, no Transfer-Encoding)
      // is as empty as `Content-Length: 0` (RFC 9112 §6.3).
      if (BODY_METHODS.has(req.method))
        throw new ApiError('invalid_request', 'The request body is empty; it must be a JSON value');
      next();
      return;
    }
    if (!req.is(JSON_TYPES)) {
      const given = req.get('content-type') ?? 'none';
      throw new ApiError('invalid_request', 'The request body must be JSON (Content-Type: application/json)', {
        content_type: given,
      });
    }
    const bytes = declaredLength(req, limitBytes);
    if (bytes > limitBytes) throw tooLarge(limitBytes);

    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.once('close', onClose);
    const release = await budget.reserve(bytes, gone.signal);
    res.off('close', onClose);
    if (gone.signal.aborted) {
      release?.();
      return;
    }
    if (!release) {
      throw new ApiError(
        'service_unavailable',
        'The server is receiving too many request bodies; retry shortly',
        undefined,
        {
          'Retry-After': '1',
        },
      );
    }
    // Held until the response is done: the parsed body lives as long as the request.
    res.once('close', release);
    parse(req, res, (err?: unknown) => next(err === undefined ? undefined : toApiError(err, limitBytes)));
  };
}
