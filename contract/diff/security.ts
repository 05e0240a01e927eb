/**
 * Security changes, judged here rather than by the diff library (which counts a removed alternative of the top-level
 * `security` as non-breaking, and an operation dropping its `security: []` override as non-breaking too).
 *
 * A client is kept working when every way it could authenticate before still works: each requirement of the released
 * operation's effective `security` (OpenAPI 3.1 §4.8.10: the operation's own, else the document's) must be met by one
 * of the proposed operation's, and every scheme it names must still be defined the same way.
 */
import { isObject, type JsonObject, operationLabel, operationsOf } from './document.js';
import type { ContractChange } from './model.js';

type Requirement = Record<string, string[]>;

function effectiveSecurity(doc: JsonObject, operation: JsonObject): Requirement[] {
  const list = Array.isArray(operation.security) ? operation.security : Array.isArray(doc.security) ? doc.security : [];
  return list
    .filter(isObject)
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([name, scopes]) => [name, Array.isArray(scopes) ? scopes.map(String) : []]),
      ),
    );
}

/** `proposed` asks nothing beyond what `released` already sends: its schemes are among them, its scopes too. */
function satisfies(released: Requirement, proposed: Requirement): boolean {
  return Object.entries(proposed).every(
    ([name, scopes]) => name in released && scopes.every((s) => (released[name] ?? []).includes(s)),
  );
}

function describe(requirement: Requirement): string {
  const names = Object.keys(requirement);
  return names.length ? names.join(' + ') : 'no authentication';
}

/** The scheme fields that decide what a client sends; `description` and the like are documentation. */
const SCHEME_FIELDS = ['type', 'in', 'name', 'scheme', 'flows', 'openIdConnectUrl'] as const;

function schemes(doc: JsonObject): JsonObject {
  const components = isObject(doc.components) ? doc.components : {};
  return isObject(components.securitySchemes) ? components.securitySchemes : {};
}

export function securityChanges(released: JsonObject, proposed: JsonObject): ContractChange[] {
  const changes: ContractChange[] = [];
  const proposedOps = new Map(operationsOf(proposed).map((e) => [`${e.method} ${e.path}`, e]));
  const usedSchemes = new Set<string>();
  for (const before of operationsOf(released)) {
    const after = proposedOps.get(`${before.method} ${before.path}`);
    const was = effectiveSecurity(released, before.operation);
    for (const r of was) for (const name of Object.keys(r)) usedSchemes.add(name);
    if (!after) continue; // A removed operation is reported as such.
    const now = effectiveSecurity(proposed, after.operation);
    const operation = operationLabel(before.method, before.path);
    const pointer = `/paths/${before.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${before.method}/security`;
    const open = (list: Requirement[]) => list.length === 0 || list.some((r) => Object.keys(r).length === 0);
    if (open(now)) {
      if (!open(was))
        changes.push({ kind: 'additive', operation, pointer, message: 'no longer requires authentication' });
      continue;
    }
    for (const requirement of open(was) ? [{}] : was) {
      if (!now.some((n) => satisfies(requirement, n)))
        changes.push({
          kind: 'breaking',
          operation,
          pointer,
          message: `security: a client authenticating with ${describe(requirement)} is no longer accepted (now ${now.map(describe).join(' or ')})`,
        });
    }
    for (const requirement of now)
      if (!was.some((w) => satisfies(w, requirement) && satisfies(requirement, w)))
        changes.push({
          kind: 'additive',
          operation,
          pointer,
          message: `security: also accepts ${describe(requirement)}`,
        });
  }
  const releasedSchemes = schemes(released);
  const proposedSchemes = schemes(proposed);
  for (const name of usedSchemes) {
    const was = releasedSchemes[name];
    const now = proposedSchemes[name];
    const pointer = `/components/securitySchemes/${name}`;
    if (!isObject(now)) {
      changes.push({ kind: 'breaking', pointer, message: `security scheme ${name} was removed` });
      continue;
    }
    for (const field of SCHEME_FIELDS)
      if (isObject(was) && JSON.stringify(was[field]) !== JSON.stringify(now[field]))
        changes.push({
          kind: 'breaking',
          pointer: `${pointer}/${field}`,
          message: `security scheme ${name}: ${field} changed from ${JSON.stringify(was[field])} to ${JSON.stringify(now[field])}`,
        });
  }
  return changes;
}
