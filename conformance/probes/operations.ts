/** The contract's operations as data, for checks that sweep every operation. */
import { type Contract, deref, follow, isObject, type Json, type JsonObject } from '../../contract/index.js';

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path template, for example `/v1/mcps/{mcp_id}`. */
  path: string;
  authenticated: boolean;
  /** Resolved parameter objects (path and operation level). */
  parameters: JsonObject[];
  requestBody?: { pointer: string; schema: Json | undefined; example?: Json };
}

/** Every operation of the contract (from its operations table), with parameters and request body resolved. */
export function listOperations(contract: Contract): OperationInfo[] {
  const doc = contract.document;
  return contract.operations.map((op) => {
    const item = contract.resolve(op.pointer.slice(0, op.pointer.lastIndexOf('/')));
    const shared = isObject(item) && Array.isArray(item.parameters) ? item.parameters : [];
    const params = [...shared, ...(Array.isArray(op.node.parameters) ? op.node.parameters : [])]
      .map((p) => follow(doc, p, '').node)
      .filter(isObject)
      .map((p) => (deref(doc, p) as JsonObject) ?? p);
    const info: OperationInfo = {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      authenticated: !op.public,
      parameters: params,
    };
    const body = isObject(op.node.requestBody) ? op.node.requestBody : undefined;
    const json =
      body && isObject(body.content) && isObject(body.content['application/json'])
        ? body.content['application/json']
        : undefined;
    if (json) {
      info.requestBody = {
        pointer: `${op.pointer}/requestBody/content/application~1json/schema`,
        schema: deref(doc, json.schema),
        ...(json.example !== undefined ? { example: json.example } : {}),
      };
    }
    return info;
  });
}

/** Fills path parameters with the given values (URL-encoded), or a placeholder. */
export function fillPath(
  template: string,
  values: Record<string, string> = {},
  placeholder = 'conformance-none',
): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? placeholder));
}
