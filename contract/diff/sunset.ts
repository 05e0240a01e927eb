/**
 * The deprecation rules of the contract's "Versioning" section, as the guard enforces them:
 *
 * - removing an operation, a parameter or a field is allowed only once the `x-sunset` of the deprecated node that
 *   holds it has passed (a removal before that is breaking, and says so);
 * - every deprecation is complete (`x-deprecation-date`, `x-sunset`, `x-deprecation-link`), its sunset at least six
 *   months after its deprecation date ("announced 6 months in advance");
 * - a new deprecation's sunset is at least six months from the day it is released, and a sunset never moves earlier.
 */
import { type Deprecation, deprecationLabel, deprecationProblems, deprecationsOf } from '../deprecations.js';
import { isObject, type JsonObject, nodesAlong, operationsOf, parametersOf, pointerOf } from './document.js';
import type { ContractChange } from './model.js';

/** Six months of notice, in calendar months. */
export const NOTICE_MONTHS = 6;

/** `date` (YYYY-MM-DD) plus `months` calendar months, as YYYY-MM-DD. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The `x-sunset` of the nearest deprecated node a change's path passes through in the released document (the
 * operation, the parameter, the schema property), if any.
 */
export function sunsetAlong(released: JsonObject, path: readonly (string | number)[]): string | undefined {
  const nodes = nodesAlong(released, path);
  // Parameters: the library lists an operation's own parameters, then its path item's; so does parametersOf.
  if (path[0] === 'paths' && path[3] === 'parameters' && typeof path[4] === 'number') {
    const entry = operationsOf(released).find((e) => e.path === path[1] && e.method === path[2]);
    const parameter = entry ? parametersOf(released, entry)[path[4]] : undefined;
    if (parameter) nodes.splice(3, nodes.length - 3, parameter);
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (isObject(node) && node.deprecated === true && typeof node['x-sunset'] === 'string') return node['x-sunset'];
  }
  return undefined;
}

const keyOf = (d: Deprecation) => `${d.method} ${d.path} ${d.parameter ? `${d.parameter.in}:${d.parameter.name}` : ''}`;

/** Violations of the deprecation rules by `proposed`; with `releasedOn`, also the notice a new deprecation needs. */
export function deprecationViolations(released: JsonObject, proposed: JsonObject, releasedOn?: Date): ContractChange[] {
  const before = new Map(deprecationsOf(released).map((d) => [keyOf(d), d]));
  const changes: ContractChange[] = [];
  for (const d of deprecationsOf(proposed)) {
    const operation = `${d.method.toUpperCase()} ${d.path}`;
    const pointer = pointerOf(['paths', d.path, d.method]);
    const violation = (message: string) =>
      changes.push({ kind: 'violation', operation, pointer, message: `${deprecationLabel(d)}: ${message}` });
    for (const problem of deprecationProblems(d)) violation(`deprecated, but ${problem}`);
    if (!d.since || !d.sunset) continue;
    if (d.sunset < addMonths(d.since, NOTICE_MONTHS))
      violation(`x-sunset ${d.sunset} is less than ${NOTICE_MONTHS} months after x-deprecation-date ${d.since}`);
    const was = before.get(keyOf(d));
    if (releasedOn && !was && d.sunset < addMonths(isoDay(releasedOn), NOTICE_MONTHS))
      violation(
        `a new deprecation needs ${NOTICE_MONTHS} months of notice: x-sunset ${d.sunset} is earlier than ${addMonths(isoDay(releasedOn), NOTICE_MONTHS)}`,
      );
    if (was?.sunset && d.sunset < was.sunset) violation(`x-sunset moved earlier, from ${was.sunset} to ${d.sunset}`);
  }
  return changes;
}
