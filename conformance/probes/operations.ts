/** The contract's operations as data, for checks that sweep every operation. */
import { deref, escapePointer, follow, isObject, type Json, type JsonObject } from '../oracle/contract.js';

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

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function listOperations(doc: JsonObject): OperationInfo[] {
  const out: OperationInfo[] = [];
  const globalSecurity = Array.isArray(doc.security) && doc.security.length > 0;
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPointer = `#/paths/${escapePointer(path)}/${method}`;
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]
        .map((p) => follow(doc, p, '').node)
        .filter(isObject)
        .map((p) => (deref(doc, p) as JsonObject) ?? p);
      const info: OperationInfo = {
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        authenticated: Array.isArray(op.security) ? op.security.length > 0 : globalSecurity,
        parameters: params,
      };
      const body = isObject(op.requestBody) ? op.requestBody : undefined;
      const json =
        body && isObject(body.content) && isObject(body.content['application/json'])
          ? body.content['application/json']
          : undefined;
      if (json) {
        info.requestBody = {
          pointer: `${opPointer}/requestBody/content/application~1json/schema`,
          schema: deref(doc, json.schema),
          ...(json.example !== undefined ? { example: json.example } : {}),
        };
      }
      out.push(info);
    }
  }
  return out;
}

/** Fills path parameters with the given values (URL-encoded), or a placeholder. */
export function fillPath(
  template: string,
  values: Record<string, string> = {},
  placeholder = 'conformance-none',
): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? placeholder));
}
