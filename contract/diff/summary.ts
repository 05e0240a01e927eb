/**
 * A comparison made short enough to read: the same change repeated across responses and operations (a schema used
 * in many places) becomes one line naming every place.
 */
import type { ChangeKind, ContractChange } from './model.js';

export interface ChangeLine {
  kind: ChangeKind;
  /** The change, with its response status folded into `statuses`. */
  message: string;
  /** Response statuses the change appears in (`Response 400 body …`), if any. */
  statuses: string[];
  /** Operations it appears in, in the order found; empty for document-wide changes. */
  operations: string[];
}

const STATUS = /\bResponse (\d{3}|default)\b/;

/** Groups equal changes; lines keep the order of their first change. */
export function summarize(changes: readonly ContractChange[]): ChangeLine[] {
  const lines = new Map<string, ChangeLine>();
  for (const change of changes) {
    const status = STATUS.exec(change.message)?.[1];
    const message = status ? change.message.replace(STATUS, 'Response {status}') : change.message;
    const key = `${change.kind}\u0000${message}`;
    const line = lines.get(key) ?? { kind: change.kind, message, statuses: [], operations: [] };
    if (status && !line.statuses.includes(status)) line.statuses.push(status);
    if (change.operation && !line.operations.includes(change.operation)) line.operations.push(change.operation);
    lines.set(key, line);
  }
  for (const line of lines.values()) line.statuses.sort();
  return [...lines.values()];
}

/** One line as text: `GET /v1/mcps, POST /v1/mcps: Response 400, 401 body \`error.code\` may also be "gone"`. */
export function lineText(line: ChangeLine, maxOperations = 6): string {
  const message = line.message.replace('Response {status}', `Response ${line.statuses.join(', ')}`);
  if (!line.operations.length) return message;
  const shown = line.operations.slice(0, maxOperations).map((o) => `\`${o}\``);
  const more = line.operations.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more operations` : ''}: ${message}`;
}

/** Headings of each kind, in the order reports list them. */
export const KIND_TITLES: Record<ChangeKind, string> = {
  breaking: 'Breaking',
  violation: 'Deprecation rules not followed',
  unclassified: 'Not classified (judge by hand)',
  'removed-after-sunset': 'Removed after their sunset',
  deprecated: 'Deprecated',
  additive: 'Added',
  documentation: 'Documentation',
};
