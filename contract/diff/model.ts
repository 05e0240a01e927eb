/** The vocabulary of the breaking-change guard: one change between two versions of the contract, and its verdict. */

/**
 * - `breaking`: a client written against the released contract can fail (refused by the guard);
 * - `violation`: the deprecation rules of the contract's "Versioning" section are not followed (refused);
 * - `unclassified`: the diff library could not judge the change (refused until a person judges it);
 * - `additive`: new operations, optional inputs, response fields, enum values the server sends (listed);
 * - `deprecated`: an operation or parameter newly marked `deprecated` (listed);
 * - `removed-after-sunset`: a removal of something whose `x-sunset` date has passed (listed);
 * - `documentation`: descriptions, examples, metadata (counted).
 */
export type ChangeKind =
  | 'breaking'
  | 'violation'
  | 'unclassified'
  | 'additive'
  | 'deprecated'
  | 'removed-after-sunset'
  | 'documentation';

export interface ContractChange {
  kind: ChangeKind;
  /** `GET /v1/mcps`; absent for a change to the document as a whole. */
  operation?: string;
  /** What changed, in words. */
  message: string;
  /** RFC 6901 pointer into the released document (removals) or the proposed one. */
  pointer: string;
}

/** The kinds the guard refuses. */
export const REFUSED_KINDS: readonly ChangeKind[] = ['breaking', 'violation', 'unclassified'];

export function isRefused(change: ContractChange): boolean {
  return REFUSED_KINDS.includes(change.kind);
}
