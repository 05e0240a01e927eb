/**
 * The thin adapter over api-smart-diff, the OpenAPI diff library this guard builds on (it reads OpenAPI 3.1, resolves
 * `$ref`s and judges every change from the side of a client: request or response). Everything the guard adds on top
 * of it (security, type widening, enum values the server sends, sunsets) lives in the modules beside this one.
 */
import { apiCompare } from 'api-smart-diff';

/** One change as the library reports it, its path into the operation-resolved document. */
export interface LibraryDiff {
  type: 'breaking' | 'non-breaking' | 'annotation' | 'unclassified' | 'deprecated';
  action: 'add' | 'remove' | 'replace' | 'rename';
  path: (string | number)[];
  before?: unknown;
  after?: unknown;
  description?: string;
}

/**
 * Every change from `before` to `after`. A classification rule of the library that throws leaves its change
 * `unclassified` and writes the error to console.error; here the error is kept with the result instead of printed.
 */
export function libraryDiffs(before: unknown, after: unknown): { diffs: LibraryDiff[]; ruleErrors: string[] } {
  const ruleErrors: string[] = [];
  const print = console.error;
  console.error = (...args: unknown[]) => void ruleErrors.push(args.map(String).join(' '));
  try {
    // The library annotates what it is given; each call gets its own copies.
    const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
    return { diffs: diffs as LibraryDiff[], ruleErrors };
  } finally {
    console.error = print;
  }
}
