/**
 * Gives every request an id: the client's own `X-Request-Id` when it is a sane token, else a fresh one. The id is set on
 * the response before anything else runs, so every response carries it, errors included.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

// Visible, log-safe characters only: an id ends up in logs, so nothing that could forge a log line.
const VALID_REQUEST_ID = /^[A-Za-z0-9._~:+=@/-]{1,128}$/;

export function newRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}

export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : 'unknown';
}

export function requestId() {
  return function requestIdStage(req: Request, res: Response, next: NextFunction): void {
    const given = req.get('x-request-id');
    const id = given !== undefined && VALID_REQUEST_ID.test(given) ? given : newRequestId();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
