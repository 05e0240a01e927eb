/**
 * The HTTP API, assembled in one place. Every request passes the same named stages, in this order:
 *
 *   request id → access log → security headers → deprecation → known routes (404/405, HEAD as GET) → address guard
 *   → authenticate → rate limit → JSON body → validate → operations (access declared by the contract, then the
 *   handler) → not found → failed-auth limit → error handler
 *
 * Authentication runs before validation, so a request without a valid key is 401 and never a 400 that reveals the
 * schema; and before the body is read, so a request without a valid key costs its headers and nothing more (its body is
 * never read: the answer closes the connection). Only the error handler writes error responses; every stage and route throws `ApiError` (or anything else,
 * which becomes `500 internal_error`).
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadContract } from '../contract/index.js';
import { authenticate } from './auth/authenticate.js';
import { systemClock } from './clock.js';
import type { AppDeps } from './deps.js';
import { accessLog } from './http/access-log.js';
import { type BodyBudget, createBodyBudget } from './http/body-budget.js';
import { deprecationHeaders } from './http/deprecation-headers.js';
import { errorHandler } from './http/error-handler.js';
import { jsonBody } from './http/json-body.js';
import { knownRoutes, notFound } from './http/known-routes.js';
import { bindOperations } from './http/operations.js';
import { requestId } from './http/request-id.js';
import { securityHeaders } from './http/security-headers.js';
import { apiKeyHandlers } from './routes/api-keys.js';
import { invitationHandlers } from './routes/invitations.js';
import { mcpEndpointHandlers } from './routes/mcp-endpoint.js';
import { mcpHandlers } from './routes/mcps.js';
import { memberHandlers } from './routes/members.js';
import { organizationHandlers } from './routes/organization.js';
import { systemHandlers } from './routes/system.js';
import { toolPinHandlers } from './routes/tool-pins.js';
import { toolHandlers } from './routes/tools.js';
import { usageHandlers } from './routes/usage.js';

export type { AppDeps, CredentialCipher, RouteDeps } from './deps.js';

/** The parsed contract, typed as the validator's document type (an untyped-library adapter). */
type ValidatorSpec = Exclude<Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'], string>;

/** A request waits at most this long for room among the bodies in flight before it is refused with 503. */
const BODY_WAIT_MS = 10_000;
const DEFAULT_BODY_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

function bodyBudget(deps: AppDeps): BodyBudget {
  const max = Math.max(deps.maxBodyBytesInFlight ?? DEFAULT_BODY_BYTES_IN_FLIGHT, deps.maxRequestBodyBytes);
  return createBodyBudget(max, BODY_WAIT_MS);
}

const passThrough: RequestHandler = (_req, _res, next) => next();
const passErrorThrough: ErrorRequestHandler = (err, _req, _res, next) => next(err);

export function createApp(deps: AppDeps): express.Express {
  const contract = deps.contract ?? loadContract();
  const clock = deps.clock ?? systemClock;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Query strings are flat in this API; the simple parser never builds nested objects from `a[b]=c`.
  app.set('query parser', 'simple');

  app.use(requestId());
  app.use(accessLog(deps.logger));
  app.use(securityHeaders());
  app.use(deprecationHeaders(contract));
  app.use(knownRoutes(contract));
  // A blocked address costs nothing more: refused before its body is read or its key hashed.
  app.use(deps.addressGuard ?? passThrough);
  app.use(
    authenticate({
      store: deps.store,
      hashApiKey: deps.hashApiKey,
      clock,
      isPublic: (method, path) => {
        const match = contract.match(method, path);
        return match.operation?.public ?? match.public;
      },
    }),
  );
  app.use(deps.rateLimit ?? passThrough);
  app.use(jsonBody({ limitBytes: deps.maxRequestBodyBytes, budget: bodyBudget(deps) }));
  app.use(
    OpenApiValidator.middleware({
      // The validator resolves and annotates the document it is given; it gets its own copy.
      apiSpec: structuredClone(contract.document) as unknown as ValidatorSpec,
      validateApiSpec: false,
      validateRequests: { allErrors: true },
      validateResponses: deps.validateResponses ? { allErrors: true } : false,
      // Authentication already ran, with the three header forms the contract documents.
      validateSecurity: false,
      ignoreUndocumented: false,
    }),
  );

  const routeDeps = { ...deps, clock };
  // Every operation of the contract, each with its one handler, behind the access it declares.
  app.use(
    bindOperations(contract, [
      systemHandlers(routeDeps, contract),
      mcpHandlers(routeDeps),
      toolPinHandlers(routeDeps),
      toolHandlers(routeDeps),
      mcpEndpointHandlers(routeDeps, contract, deps.mcpEndpoint),
      organizationHandlers(routeDeps),
      memberHandlers(routeDeps),
      invitationHandlers(routeDeps),
      apiKeyHandlers(routeDeps),
      usageHandlers(routeDeps),
    ]),
  );

  app.use(notFound(contract));
  app.use(deps.failedAuthLimit ?? passErrorThrough);
  app.use(errorHandler(deps.logger));
  return app;
}
