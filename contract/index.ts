/**
 * The contract: openapi.yaml loaded once, and everything server, conformance suite and tests read from it: the
 * operations table with each operation's access rules, path matching (OpenAPI 3.1 §4.8.8), JSON pointers and `$ref`
 * resolution, and the error catalogue. It depends on `yaml` and nothing else of this package, so any reader can use it.
 *
 * @example
 * const contract = loadContract();
 * contract.match('POST', '/v1/organization/members/invite').operation?.operationId; // 'inviteMember'
 * contract.errorStatus('not_found'); // 404
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { errorCatalogueOf } from './error-catalogue.js';
import { follow, isObject, type Json, type JsonObject, lookup } from './json.js';
import { type ContractOperation, operationsOf } from './operations.js';
import { contractPath } from './package-root.js';
import { type RouteMatch, RouteTable } from './route-match.js';

export { ERROR_CODE_POINTER } from './error-catalogue.js';
export { deref, escapePointer, follow, isObject, type Json, type JsonObject, lookup } from './json.js';
export {
  type ContractOperation,
  type ContractRole,
  HTTP_METHODS,
  MCP_SCOPE_RULES,
  type McpScopeRule,
  ROLES,
} from './operations.js';
export { contractPath, findPackageRoot, PACKAGE_NAME, packageInfo } from './package-root.js';
export type { RouteMatch } from './route-match.js';

export class Contract {
  /** Operations in file order. */
  readonly operations: readonly ContractOperation[];
  /** Error code → HTTP status (`ErrorCode` and its `x-status-by-code`). */
  readonly errorCatalogue: ReadonlyMap<string, number>;
  private readonly routes: RouteTable;
  private readonly byId: ReadonlyMap<string, ContractOperation>;

  /** `yaml` is the document's text as served at `/openapi.yaml`; `document` is what it parses to. */
  constructor(
    readonly yaml: string,
    readonly document: JsonObject,
  ) {
    if (typeof document.openapi !== 'string' || !isObject(document.paths) || !isObject(document.info)) {
      throw new Error('not an OpenAPI document: openapi, info and paths are required');
    }
    this.operations = operationsOf(document);
    this.byId = new Map(this.operations.map((op) => [op.operationId, op]));
    this.routes = new RouteTable(this.operations);
    this.errorCatalogue = errorCatalogueOf(document);
  }

  /** Parses a document's text (YAML or JSON). */
  static parse(yaml: string): Contract {
    const document: unknown = parse(yaml);
    if (!isObject(document)) throw new Error('not an OpenAPI document: not an object');
    return new Contract(yaml, document);
  }

  /** `info.title`. */
  get title(): string {
    return String((this.document.info as JsonObject).title);
  }

  /** `info.version`. */
  get version(): string {
    return String((this.document.info as JsonObject).version);
  }

  /** The operation with this operationId. */
  operation(operationId: string): ContractOperation | undefined {
    return this.byId.get(operationId);
  }

  /** Which path template and operation a request hits (literal paths before templated ones, §4.8.8). */
  match(method: string, pathname: string): RouteMatch {
    return this.routes.match(method, pathname);
  }

  /** The path templates in the order `match` tries them. */
  get templates(): string[] {
    return this.routes.templates;
  }

  /** The value at a JSON pointer (`#/components/schemas/Mcp`); undefined when absent. */
  resolve(pointer: string): Json | undefined {
    return lookup(this.document, pointer);
  }

  /** Follows `$ref`s from a node, returning the node reached and its pointer. */
  follow(node: Json | undefined, pointer: string): { node: Json | undefined; pointer: string } {
    return follow(this.document, node, pointer);
  }

  /** The HTTP status of an error code; throws for a code the contract does not have. */
  errorStatus(code: string): number {
    const status = this.errorCatalogue.get(code);
    if (status === undefined) throw new Error(`openapi.yaml has no error code ${code}`);
    return status;
  }
}

const loaded = new Map<string, Contract>();

/** openapi.yaml at the package root (or at `path`), read and parsed once per process. */
export function loadContract(path: string = contractPath()): Contract {
  let contract = loaded.get(path);
  if (!contract) {
    contract = Contract.parse(readFileSync(path, 'utf8'));
    loaded.set(path, contract);
  }
  return contract;
}
