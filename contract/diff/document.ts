/**
 * Reading an OpenAPI document as plain data: `$ref` resolution, the operations it declares, and the chain of nodes a
 * JSON path passes through. Pure functions over a parsed document; loading one is the caller's business.
 */

export type JsonObject = { [key: string]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The node a local `$ref` names (followed until it is not a `$ref`), or the node itself. */
export function resolve(doc: JsonObject, node: unknown, seen: string[] = []): unknown {
  if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
  const ref = node.$ref;
  if (seen.includes(ref)) return undefined;
  let target: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[key] : Array.isArray(target) ? target[Number(key)] : undefined;
  }
  return resolve(doc, target, [...seen, ref]);
}

/** One operation of a document. */
export interface OperationEntry {
  method: (typeof HTTP_METHODS)[number];
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
}

export function operationsOf(doc: JsonObject): OperationEntry[] {
  const out: OperationEntry[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = resolve(doc, rawItem);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) out.push({ method, path, operation, pathItem });
    }
  }
  return out;
}

/** `GET /v1/mcps`. */
export function operationLabel(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** The parameters of an operation, its own first and then its path item's (resolved), as the library sees them. */
export function parametersOf(doc: JsonObject, entry: OperationEntry): JsonObject[] {
  const own = Array.isArray(entry.operation.parameters) ? entry.operation.parameters : [];
  const shared = Array.isArray(entry.pathItem.parameters) ? entry.pathItem.parameters : [];
  return [...own, ...shared].map((p) => resolve(doc, p)).filter(isObject);
}

/**
 * The nodes a path into the document passes through, `$ref`s followed, as far as it leads. Where the diff library
 * turned a `$ref` with siblings into `allOf: [target, siblings]`, index 0 is the target and 1 the siblings.
 */
export function nodesAlong(doc: JsonObject, path: readonly (string | number)[]): unknown[] {
  const nodes: unknown[] = [];
  let node: unknown = doc;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string | number;
    node = resolve(doc, node);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) {
      if (key in node) node = node[key];
      else if (key === 'allOf' && typeof node.$ref === 'string') {
        const index = Number(path[++i]);
        const { $ref, ...siblings } = node;
        node = index === 0 ? { $ref } : siblings;
      } else return nodes;
    } else return nodes;
    nodes.push(resolve(doc, node));
  }
  return nodes;
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
