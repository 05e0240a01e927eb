/**
 * The breaking-change guard: compares a proposed contract with the released one and judges every change from the
 * side of a client written against the released one. api-smart-diff finds and classifies the changes; the rules the
 * library lacks or gets wrong for this contract's promise are added here and in security.ts and sunset.ts:
 *
 * - security: judged on each operation's effective requirements (security.ts);
 * - types: a response type that widens (`string` → `[string, "null"]`) is breaking, a request type that widens is not;
 * - enum values the server sends: a new one is additive (clients tolerate unknown values, "Versioning"), a removed one
 *   is breaking; so is the status a new error code is sent with (`x-status-by-code`), while changing or removing the
 *   status of a released code breaks clients that branch on it;
 * - examples are documentation, whatever they gain or lose;
 * - sunsets: a removal whose `x-sunset` has passed is allowed; the deprecation rules hold (sunset.ts).
 */

import { messageOf } from './describe.js';
import { type JsonObject, operationLabel, pointerOf } from './document.js';
import { type LibraryDiff, libraryDiffs } from './library.js';
import { type ChangeKind, type ContractChange, isRefused } from './model.js';
import { securityChanges } from './security.js';
import { deprecationViolations, isoDay, sunsetAlong } from './sunset.js';

export interface CompareOptions {
  /** The day the comparison is judged on (sunsets, notice periods); default now. */
  today?: Date;
  /**
   * Judge `proposed` as a release made `today` (default true): a new deprecation then needs six months of notice from
   * today. A deployment judged later (the conformance suite) is held only to the rules that do not move with the day.
   */
  release?: boolean;
}

export interface ContractComparison {
  /** Every change, refused ones first, in the order found. */
  changes: ContractChange[];
  /** The changes the guard refuses (`breaking`, `violation`, `unclassified`). */
  refused: ContractChange[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function operationOf(path: LibraryDiff['path']): string | undefined {
  if (path[0] !== 'paths' || typeof path[1] !== 'string') return undefined;
  return typeof path[2] === 'string' && METHODS.has(path[2]) ? operationLabel(path[2], path[1]) : path[1];
}

const inResponse = (path: LibraryDiff['path']) => path[0] === 'paths' && path[3] === 'responses';

/** JSON Schema `type` as a set; `number` includes `integer`. */
function typeSet(value: unknown): Set<string> {
  const list = (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === 'string');
  const set = new Set(list);
  if (set.has('number')) set.add('integer');
  return set;
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((t) => b.has(t));

/** A `type` change judged by direction: widening breaks readers of responses, narrowing breaks senders of requests. */
function typeVerdict(d: LibraryDiff): ChangeKind | undefined {
  const last = d.path.at(-1);
  let widened: boolean;
  let narrowed: boolean;
  if (last === 'type' && d.action === 'replace') {
    const before = typeSet(d.before);
    const after = typeSet(d.after);
    widened = !subset(after, before);
    narrowed = !subset(before, after);
  } else if (d.path.at(-2) === 'type' && typeof last === 'number' && (d.action === 'add' || d.action === 'remove')) {
    widened = d.action === 'add';
    narrowed = d.action === 'remove';
  } else return undefined;
  const breaks = inResponse(d.path) ? widened : narrowed;
  return breaks ? 'breaking' : 'additive';
}

function kindOf(d: LibraryDiff): { kind: ChangeKind } {
  if (d.path.some((segment) => segment === 'example' || segment === 'examples')) return { kind: 'documentation' };
  const statusAt = d.path.indexOf('x-status-by-code');
  if (statusAt >= 0 && inResponse(d.path)) {
    return { kind: d.action === 'add' && statusAt === d.path.length - 2 ? 'additive' : 'breaking' };
  }
  const typed = typeVerdict(d);
  if (typed) return { kind: typed };
  // The server sending a new value is additive ("Versioning": clients tolerate unknown values); no longer sending
  // one that clients were promised is breaking.
  if (d.path.at(-2) === 'enum' && inResponse(d.path) && d.action === 'add') return { kind: 'additive' };
  if (d.path.at(-2) === 'enum' && inResponse(d.path) && d.action === 'remove') return { kind: 'breaking' };
  switch (d.type) {
    case 'breaking':
      return { kind: 'breaking' };
    case 'non-breaking':
      return { kind: 'additive' };
    case 'deprecated':
      return { kind: 'deprecated' };
    case 'annotation':
      return { kind: 'documentation' };
    default:
      return { kind: 'unclassified' };
  }
}

/** Security is judged by security.ts, and schemas where operations use them (the library repeats them per operation). */
const judgedElsewhere = (path: LibraryDiff['path']) =>
  path[0] === 'components' || path[0] === 'security' || (path[0] === 'paths' && path[3] === 'security');

/**
 * Compares `proposed` with `released`: every change, with the verdict of a client of `released`.
 *
 * @example
 * const { refused } = compareContracts(parse(releasedYaml), parse(proposedYaml));
 * if (refused.length) throw new Error(refused.map((c) => `${c.operation}: ${c.message}`).join('\n'));
 */
export function compareContracts(
  released: JsonObject,
  proposed: JsonObject,
  options: CompareOptions = {},
): ContractComparison {
  const today = isoDay(options.today ?? new Date());
  const { diffs } = libraryDiffs(released, proposed);
  const changes: ContractChange[] = [];
  for (const d of diffs) {
    if (judgedElsewhere(d.path)) continue;
    let { kind } = kindOf(d);
    let message = messageOf(d);
    if (kind === 'breaking') {
      const sunset = sunsetAlong(released, d.path);
      if (sunset && sunset <= today) kind = 'removed-after-sunset';
      else if (sunset) message += ` (deprecated, but its sunset ${sunset} has not passed)`;
    }
    const operation = operationOf(d.path);
    changes.push({ kind, message, pointer: pointerOf(d.path), ...(operation ? { operation } : {}) });
  }
  changes.push(...securityChanges(released, proposed));
  changes.push(
    ...deprecationViolations(released, proposed, options.release === false ? undefined : (options.today ?? new Date())),
  );
  const seen = new Set<string>();
  const unique = changes.filter((c) => {
    const key = `${c.kind} ${c.operation ?? ''} ${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const refused = unique.filter(isRefused);
  return { changes: [...refused, ...unique.filter((c) => !isRefused(c))], refused };
}
