/**
 * One log line per request when its response has been sent: method, path (never the query string or headers, which
 * may carry keys), status, duration, request id and organisation. 5xx are logged with their cause by the error handler
 * (an upstream's failure at warn, anything else at error); this line is for traffic.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { requestIdOf } from './request-id.js';

export function accessLog(logger: Logger) {
  return function accessLogStage(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    // As received: a HEAD request continues as GET through the later stages.
    const { method } = req;
    res.once('finish', () => {
      const principal = res.locals.principal as Principal | undefined;
      logger.info(
        {
          requestId: requestIdOf(res),
          method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          ...(principal ? { orgId: principal.orgId, keyId: principal.key.id } : {}),
        },
        'request',
      );
    });
    next();
  };
}
