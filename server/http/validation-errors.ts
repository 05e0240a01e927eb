/**
 * Turns express-openapi-validator's errors into catalogued `ApiError`s: parameters, headers and query strings that
 * break the contract are `400 invalid_request`; a well-formed body that breaks it is `422 validation_error` with
 * `details` mapping each field to a message; a missing body or another media type is `400 invalid_request`.
 * Response validation failures are the server's own fault: `500 internal_error`.
 */
import { error as validatorErrors } from 'express-openapi-validator';
import { ApiError } from './errors.js';

interface ValidatorItem {
  path: string;
  message: string;
  errorCode?: string;
}
interface ValidatorError {
  status: number;
  message: string;
  errors: ValidatorItem[];
  headers?: { Allow?: string };
}

const VALIDATOR_CLASSES = Object.values(validatorErrors);

export function isValidatorError(value: unknown): value is ValidatorError {
  return VALIDATOR_CLASSES.some((cls) => value instanceof cls);
}

/** `/body/permissions/mcps` → `permissions.mcps`; `/query/per_page` → `per_page`; the whole body → `body`. */
function fieldOf(path: string, location: string): string {
  const rest = path.slice(location.length + 2).replace(/^\//, '');
  return rest === '' ? location : rest.split('/').join('.');
}

function locationOf(item: ValidatorItem): string {
  return item.path.replace(/^\./, '/').split('/')[1] ?? '';
}

function detailsOf(items: readonly ValidatorItem[]): Record<string, string> {
  // A Map, not an object: a field named `constructor` or `__proto__` must not meet what every object inherits.
  const details = new Map<string, string>();
  for (const item of items) {
    const field = fieldOf(item.path, locationOf(item));
    const before = details.get(field);
    details.set(field, before ? `${before}; ${item.message}` : item.message);
  }
  return Object.fromEntries(details);
}

export function fromValidatorError(err: ValidatorError): ApiError {
  const items = err.errors ?? [];
  switch (err.status) {
    case 400: {
      if (items.length > 0 && items.every((item) => locationOf(item) === 'body')) {
        return new ApiError('validation_error', 'The request body is invalid', detailsOf(items));
      }
      const location = items[0] ? locationOf(items[0]) : 'request';
      const what =
        location === 'query'
          ? 'query parameter'
          : location === 'path'
            ? 'path parameter'
            : location === 'headers'
              ? 'header'
              : 'request';
      return new ApiError(
        'invalid_request',
        `Invalid ${what}`,
        detailsOf(items.filter((item) => locationOf(item) !== 'body')),
      );
    }
    case 404:
      return new ApiError('not_found', 'No route matches this path');
    case 405:
      return new ApiError(
        'method_not_allowed',
        err.message,
        undefined,
        err.headers?.Allow ? { Allow: err.headers.Allow } : undefined,
      );
    case 413:
      return new ApiError('payload_too_large');
    case 415:
      return new ApiError('invalid_request', 'A JSON request body (Content-Type: application/json) is required');
    default:
      return new ApiError('internal_error');
  }
}
