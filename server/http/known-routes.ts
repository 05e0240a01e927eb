/**
 * Answers paths the contract does not have with `404 not_found`, and documented paths with an undocumented method with
 * `405 method_not_allowed` plus `Allow` (RFC 9110 §15.5.6), before anything reads the body or the key. Paths are
 * matched by the contract (contract/), literal paths before templated ones (OpenAPI 3.1 §4.8.8).
 *
 * HEAD is served wherever GET is (RFC 9110 §9.3.2; openapi.yaml, info.description "HEAD"): the request goes through
 * every stage as the GET it mirrors, and Node sends the GET's status and headers without the body, because the
 * response was created for a HEAD request.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Contract, RouteMatch } from '../../contract/index.js';
import { ApiError } from './errors.js';

/** The contract's methods for a path, plus HEAD where GET is one of them. */
export function servedMethods(match: RouteMatch): string[] {
  const methods = match.allowed;
  return methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : [...methods];
}

export function methodNotAllowed(match: RouteMatch, method: string): ApiError {
  const allow = servedMethods(match);
  return new ApiError(
    'method_not_allowed',
    `${method} is not allowed on ${match.template}`,
    { allow },
    {
      Allow: allow.join(', '),
    },
  );
}

export function routeNotFound(path: string): ApiError {
  return new ApiError('not_found', `No route matches ${path}`);
}

export function knownRoutes(contract: Contract) {
  return function knownRoutesStage(req: Request, res: Response, next: NextFunction): void {
    const match = contract.match(req.method, req.path);
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400 (Node's own check is off, to answer in the envelope).
    if (req.httpVersion === '1.1' && req.headers.host === undefined)
      next(new ApiError('invalid_request', 'An HTTP/1.1 request must have a Host header'));
    else if (match.kind === 'unknown-route') next(routeNotFound(req.path));
    else if (match.kind === 'operation') next();
    else if (req.method === 'HEAD' && match.allowed.includes('GET')) {
      // Everything after this (validator, routes) knows GET only; the response still omits the body.
      req.method = 'GET';
      // A handler that would hold the response open (an event stream) ends it at once instead.
      res.locals.head = true;
      next();
    } else next(methodNotAllowed(match, req.method));
  };
}

/** The last stage before the error handler: anything no route answered (a documented path not yet implemented). */
export function notFound(contract: Contract) {
  return function notFoundStage(req: Request, _res: Response, next: NextFunction): void {
    const match = contract.match(req.method, req.path);
    next(
      match.kind === 'wrong-method' && !servedMethods(match).includes(req.method)
        ? methodNotAllowed(match, req.method)
        : routeNotFound(req.path),
    );
  };
}
