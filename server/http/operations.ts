/**
 * Routes bound to the contract's operations. A route module offers one handler per operationId, typed from
 * `generated/` (its body, path and query parameters); the binding takes each operation's method and path template
 * from openapi.yaml, registers the paths in the order the contract matches them (literal before templated, OpenAPI
 * 3.1 §4.8.8), and applies the access each operation declares (`x-required-role`, `x-mcp-scoped`; openapi.yaml
 * "Roles and scopes") before its handler runs, so no handler checks its own role.
 */
import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Contract, ContractOperation } from '../../contract/index.js';
import type { operations } from '../../generated/schema.js';
import { requireOperationAccess } from '../auth/operation-access.js';
import { principalOf } from '../auth/principal.js';

export type OperationId = keyof operations;

type Parameters<K extends OperationId> = operations[K] extends { parameters: infer P } ? P : never;
type Field<T, F extends string> = T extends { [key in F]?: infer V } ? ([V] extends [never] ? never : V) : never;
type JsonBodyOf<K extends OperationId> = operations[K] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** What a handler receives, typed from the operation's declaration. */
export interface OperationInput<K extends OperationId> {
  /** The JSON body, validated against the contract before the handler runs. */
  body: JsonBodyOf<K>;
  /** Path parameters, percent-decoded. */
  params: Field<Parameters<K>, 'path'>;
  /** Query parameters, validated (and coerced) against the contract. */
  query: NonNullable<Field<Parameters<K>, 'query'>>;
  req: Request;
  res: Response;
}

export type OperationHandler<K extends OperationId> = (input: OperationInput<K>) => Promise<void> | void;

/** A handler, optionally behind stages of its own (idempotency), which run after the operation's access check. */
export type OperationBinding<K extends OperationId> =
  | OperationHandler<K>
  | { before: RequestHandler[]; handle: OperationHandler<K> };

/** Some operations' bindings: what one route module offers. */
export type OperationBindings = { [K in OperationId]?: OperationBinding<K> };

/** Express's `:name` form of a path template's `{name}` variables. */
function expressPath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function accessStage(operation: ContractOperation): RequestHandler | undefined {
  if (operation.public) return undefined;
  return (_req, res, next) => {
    requireOperationAccess(operation, principalOf(res));
    next();
  };
}

function handlerStage<K extends OperationId>(handle: OperationHandler<K>): RequestHandler {
  return async (req, res) => {
    await handle({
      body: req.body as JsonBodyOf<K>,
      params: req.params as OperationInput<K>['params'],
      query: req.query as OperationInput<K>['query'],
      req,
      res,
    });
  };
}

/**
 * One router serving every operation of the contract. Throws when an operation has no handler, when two modules bind
 * the same operationId, or when a handler names an operation the contract does not have.
 *
 * @example
 * app.use(bindOperations(contract, [mcpHandlers(deps), usageHandlers(deps)]));
 */
export function bindOperations(contract: Contract, modules: readonly OperationBindings[]): Router {
  const bindings = new Map<string, OperationBinding<OperationId>>();
  for (const module of modules) {
    for (const [operationId, binding] of Object.entries(module)) {
      if (!binding) continue;
      if (bindings.has(operationId)) throw new Error(`operation ${operationId} is bound twice`);
      if (!contract.operation(operationId)) throw new Error(`openapi.yaml has no operation ${operationId} to bind`);
      bindings.set(operationId, binding as OperationBinding<OperationId>);
    }
  }
  const unbound = contract.operations.filter((op) => !bindings.has(op.operationId)).map((op) => op.operationId);
  if (unbound.length > 0) throw new Error(`no handler for ${unbound.join(', ')}`);

  const router = Router();
  for (const template of contract.templates) {
    for (const operation of contract.operations.filter((op) => op.path === template)) {
      const binding = bindings.get(operation.operationId)!;
      const { before, handle } = typeof binding === 'function' ? { before: [], handle: binding } : binding;
      const access = accessStage(operation);
      const stages = [...(access ? [access] : []), ...before, handlerStage(handle)];
      router[operation.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put'](
        expressPath(template),
        ...stages,
      );
    }
  }
  return router;
}
