/**
 * Answers paths the contract does not have with `404 not_found`, and documented paths with an undocumented method with
 * `405 method_not_allowed` plus `Allow` (RFC 9110 §15.5.6), before anything reads the body or the key.
 */
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.js';
import { allowedMethods, matchRoute, type RouteEntry } from './route-table.js';

export function methodNotAllowed(entry: RouteEntry, method: string): ApiError {
  const allow = allowedMethods(entry).join(', ');
  return new ApiError(
    'method_not_allowed',
    `${method} is not allowed on ${entry.template}`,
    { allow: allowedMethods(entry) },
    {
      Allow: allow,
    },
  );
}

export function routeNotFound(path: string): ApiError {
  return new ApiError('not_found', `No route matches ${path}`);
}

export function knownRoutes(table: readonly RouteEntry[]) {
  return function knownRoutesStage(req: Request, _res: Response, next: NextFunction): void {
    const entry = matchRoute(table, req.path);
    if (!entry) next(routeNotFound(req.path));
    else if (!allowedMethods(entry).includes(req.method)) next(methodNotAllowed(entry, req.method));
    else next();
  };
}

/** The last stage before the error handler: anything no route answered (a documented path not yet implemented). */
export function notFound(table: readonly RouteEntry[]) {
  return function notFoundStage(req: Request, _res: Response, next: NextFunction): void {
    const entry = matchRoute(table, req.path);
    next(
      entry && !allowedMethods(entry).includes(req.method)
        ? methodNotAllowed(entry, req.method)
        : routeNotFound(req.path),
    );
  };
}
